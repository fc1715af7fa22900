"""Template context shared by every page."""

from django.conf import settings

SERVICE_NAME = "Trauma-Informed London"

# The site's sections, each with where its pages' paths start (after any script
# prefix), so the navigation can mark the one a page belongs to, 404s included.
SECTIONS = (
    ("survey", "/survey/"),
    ("casestudies", "/case-studies/"),
    ("roadmap", "/roadmap/"),
    ("findings", "/findings/"),
)


def site(request):
    """Service name, contact address and the current section for the navigation."""
    path = request.path_info
    section = next((key for key, start in SECTIONS if path.startswith(start)), "")
    return {
        "service_name": SERVICE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "nav_section": section,
    }
