"""URLs for published findings: the list, a release, its sections, charts and files."""

from django.urls import path

from findings import views

app_name = "findings"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("<slug:wave_slug>/", views.release_detail, name="detail"),
    path("<slug:wave_slug>/findings.csv", views.release_csv, name="csv"),
    path("<slug:wave_slug>/report.pdf", views.report_pdf, name="report"),
    path(
        "<slug:wave_slug>/sections/<slug:section>/",
        views.section_detail,
        name="section",
    ),
    path("<slug:wave_slug>/charts/<slug:chart>.svg", views.chart_svg, name="chart_svg"),
    path("<slug:wave_slug>/charts/<slug:chart>.csv", views.chart_csv, name="chart_csv"),
]
