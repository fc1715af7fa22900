"""Demo content for the roadmap (the seed_demo command): the content file, loaded."""

from roadmap.services import roadmap_content_load


def seed_demo() -> list[str]:
    """Load the roadmap content, updating rows staff left alone (real content)."""
    return roadmap_content_load(update=True)
