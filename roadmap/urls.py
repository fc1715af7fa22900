"""URLs for the roadmap app."""

app_name = "roadmap"

urlpatterns = []
