"""URLs for the site shell."""

from django.urls import path
from django.views.generic import TemplateView

from pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path(
        "privacy/",
        TemplateView.as_view(template_name="pages/privacy.html"),
        name="privacy",
    ),
    path(
        "cookies/",
        TemplateView.as_view(template_name="pages/cookies.html"),
        name="cookies",
    ),
    path(
        "contact/",
        TemplateView.as_view(template_name="pages/contact.html"),
        name="contact",
    ),
    path("resources/", views.resources, name="resources"),
    path(
        "commissioning-trauma-informed-training/",
        views.commissioning_training,
        name="commissioning_training",
    ),
    path("healthz", views.healthz, name="healthz"),
]
