"""Template context shared by every page."""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

SERVICE_NAME = "Trauma-Informed London"

# Public addresses of the three sections; stable, so written out rather than reversed
# (reversing here would make every page depend on every app's URLs loading).
NAV_LINKS = (
    ("survey", "Survey", "/survey/"),
    ("casestudies", "Case studies", "/case-studies/"),
    ("roadmap", "Roadmap", "/roadmap/"),
)
# For each section (or none), the navigation as (label, href, is current), so a
# page's header compares nothing.
NAV_ITEMS = {
    section: tuple((label, href, key == section) for key, label, href in NAV_LINKS)
    for section in ("", *(key for key, _, _ in NAV_LINKS))
}

# The site shell's own pages, linked from the header, footer and phase banner.
CHROME_PAGES = ("home", "accessibility", "privacy", "cookies", "contact")

# Reversed once per URLconf and script prefix rather than by {% url %} on every page.
_chrome_links: dict[tuple[str, str], dict[str, str]] = {}


def chrome_links() -> dict[str, str]:
    """The shell pages' addresses, by name, for the URLconf and prefix in use."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    links = _chrome_links.get(key)
    if links is None:
        links = {name: reverse(f"pages:{name}") for name in CHROME_PAGES}
        _chrome_links[key] = links
    return links


def site(request):
    """Service name, contact address, the shell's links and the navigation."""
    path = request.path
    section = next((key for key, _, href in NAV_LINKS if path.startswith(href)), "")
    return {
        "service_name": SERVICE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "nav_section": section,
        "nav_items": NAV_ITEMS[section],
        "chrome_links": chrome_links(),
    }
