"""Demo content for the roadmap (the seed_demo command): the content file, loaded."""

from roadmap.services import roadmap_content_load


def seed_demo() -> list[str]:
    """Load the roadmap content if missing; the file is real content, not demo data."""
    return roadmap_content_load()
