"""URLs for the survey app.

Fixed paths come before the wave-scoped ones, so "resume" and "withdrawn" can
never be read as a wave's slug.
"""

from django.urls import path

from survey import views

app_name = "survey"

urlpatterns = [
    path("", views.start, name="start"),
    path("resume/<str:token>/", views.resume, name="resume"),
    path("resume/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("withdrawn/", views.withdrawn, name="withdrawn"),
    path("<slug:wave_slug>/", views.wave_start, name="wave_start"),
    path("<slug:wave_slug>/begin/", views.begin, name="begin"),
    path("<slug:wave_slug>/share/", views.share, name="share"),
    path("<slug:wave_slug>/share/poster/", views.poster, name="poster"),
    path("<slug:wave_slug>/questions/<slug:step_key>/", views.step, name="step"),
    path("<slug:wave_slug>/case-study-contact/", views.contact, name="contact"),
    path("<slug:wave_slug>/check-answers/", views.check, name="check"),
    path("<slug:wave_slug>/submit/", views.submit, name="submit"),
    path("<slug:wave_slug>/confirmation/", views.confirmation, name="confirmation"),
    path(
        "<slug:wave_slug>/save-and-return/",
        views.save_and_return,
        name="save",
    ),
]
