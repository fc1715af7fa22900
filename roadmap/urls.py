"""URLs for the roadmap app."""

from django.urls import path

from roadmap import views

app_name = "roadmap"

urlpatterns = [
    path("", views.index, name="index"),
    path("journey/", views.journey, name="journey"),
    path("journey/<slug:slug>/", views.domain, name="domain"),
    path("journey/<slug:slug>/<slug:stage>/", views.station, name="station"),
    path(
        "self-assessment/",
        views.self_assessment_start,
        name="self_assessment_start",
    ),
    path(
        "self-assessment/questions/",
        views.self_assessment_questions,
        name="self_assessment_questions",
    ),
    path(
        "self-assessment/results/<str:token>/",
        views.self_assessment_results,
        name="self_assessment_results",
    ),
]
