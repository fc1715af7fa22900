"""Published findings releases, for sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from findings.models import FindingsRelease


class FindingsSitemap(Sitemap):
    """Every published release, with when it was published."""

    def items(self):
        return (
            FindingsRelease.objects.published()
            .select_related("wave")
            .only("published_at", "wave__slug", "wave__opens_at")
        )

    def lastmod(self, obj):
        return obj.published_at
