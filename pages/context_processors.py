"""Template context shared by every page."""

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

SERVICE_NAME = "Trauma-Informed London"

# Public addresses of the sections; stable, so written out rather than reversed
# (reversing here would make every page depend on every app's URLs loading).
NAV_LINKS = (
    ("survey", "Survey", "/survey/"),
    ("casestudies", "Case studies", "/case-studies/"),
    ("roadmap", "Roadmap", "/roadmap/"),
    ("findings", "Findings", "/findings/"),
)
# For each section (or none), the navigation as (label, href, is current), so a
# page's header compares nothing.
NAV_ITEMS = {
    section: tuple((label, href, key == section) for key, label, href in NAV_LINKS)
    for section in ("", *(key for key, _, _ in NAV_LINKS))
}

# The site shell's own pages, linked from the header, footer and phase banner.
CHROME_PAGES = ("home", "accessibility", "privacy", "cookies", "contact")

# The files every page links to in its <head>, by name.
SHELL_FILES = {
    "favicon": "images/favicon.svg",
    "css": "dist/site.css",
    "js": "js/site.js",
    "govuk_js": "dist/govuk-frontend.min.js",
}

# The shell (header, phase banner, footer, <head> links) is the same on every
# page of a section, so each process renders it once per URLconf, script
# prefix, static files setting and section, from its usual templates
# (templates/includes/), instead of once per page (issue 15).
_shells: dict[tuple, dict[str, str]] = {}


def chrome_links() -> dict[str, str]:
    """The shell pages' addresses, by name, for the URLconf and prefix in use."""
    return {name: reverse(f"pages:{name}") for name in CHROME_PAGES}


def shell(section: str) -> dict[str, str]:
    """The rendered shell of a section's pages, kept per process."""
    key = (
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        settings.STATIC_URL,
        settings.STORAGES["staticfiles"]["BACKEND"],
        section,
    )
    parts = _shells.get(key)
    if parts is None:
        context = {
            "service_name": SERVICE_NAME,
            "chrome_links": chrome_links(),
            "nav_items": NAV_ITEMS[section],
        }
        parts = {
            name: render_to_string(f"includes/{name}.html", context)
            for name in ("header", "phase_banner", "footer")
        }
        parts.update({name: static(path) for name, path in SHELL_FILES.items()})
        _shells[key] = parts
    return parts


def site(request):
    """Service name, contact address, the section and the page's shell."""
    path = request.path
    section = next((key for key, _, href in NAV_LINKS if path.startswith(href)), "")
    return {
        "service_name": SERVICE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "nav_section": section,
        "shell": shell(section),
    }
