"""URLs for published findings: the list, one release and its CSV."""

from django.urls import path

from findings import views

app_name = "findings"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("<slug:wave_slug>/", views.release_detail, name="detail"),
    path("<slug:wave_slug>/findings.csv", views.release_csv, name="csv"),
]
