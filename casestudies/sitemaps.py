"""Published case studies, for sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from casestudies.models import CaseStudy


class CaseStudySitemap(Sitemap):
    """Every published case study, with when it last changed."""

    def items(self):
        return CaseStudy.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, obj):
        return obj.updated_at
