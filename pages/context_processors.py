"""Template context shared by every page."""

from django.conf import settings

SERVICE_NAME = "Trauma-Informed London"

# Public addresses of the three sections; stable, so written out rather than reversed
# (reversing here would make every page depend on every app's URLs loading).
NAV_LINKS = (
    ("survey", "Survey", "/survey/"),
    ("casestudies", "Case studies", "/case-studies/"),
    ("roadmap", "Roadmap", "/roadmap/"),
)


def site(request):
    """Service name, contact address and the current section for the navigation."""
    path = request.path
    section = next(
        (
            name
            for name, prefix in (
                ("survey", "/survey/"),
                ("casestudies", "/case-studies/"),
                ("roadmap", "/roadmap/"),
            )
            if path.startswith(prefix)
        ),
        "",
    )
    return {
        "service_name": SERVICE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "nav_section": section,
        "nav_links": NAV_LINKS,
    }
