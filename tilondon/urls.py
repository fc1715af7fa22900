"""Root URLs: each app owns its own namespace."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pages.urls")),
    path("survey/", include("survey.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
