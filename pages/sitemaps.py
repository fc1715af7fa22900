"""The site's public entry pages, for sitemap.xml (each app lists its own items)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

PUBLIC_PAGES = [
    "pages:home",
    "survey:start",
    "casestudies:list",
    "roadmap:index",
    "roadmap:journey",
    "findings:list",
    "pages:accessibility",
    "pages:privacy",
    "pages:contact",
]


class PublicPagesSitemap(Sitemap):
    """The home page and each section's front page."""

    def items(self):
        return PUBLIC_PAGES

    def location(self, item):
        return reverse(item)
