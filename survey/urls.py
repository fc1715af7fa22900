"""URLs for the survey app."""

app_name = "survey"

urlpatterns = []
