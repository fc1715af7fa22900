"""Root URLs: each app owns its own namespace."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from casestudies.sitemaps import CaseStudySitemap
from findings.sitemaps import FindingsSitemap
from pages.sitemaps import PublicPagesSitemap

SITEMAPS = {
    "pages": PublicPagesSitemap,
    "casestudies": CaseStudySitemap,
    "findings": FindingsSitemap,
}

urlpatterns = [
    path("", include("pages.urls")),
    path("survey/", include("survey.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("findings/", include("findings.urls")),
    path("admin/", admin.site.urls),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

# Uploaded case-study images: served by Django only in development; in
# production the proxy serves MEDIA_ROOT at MEDIA_URL (see README).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
