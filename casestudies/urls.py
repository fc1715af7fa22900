"""URLs for the casestudies app."""

app_name = "casestudies"

urlpatterns = []
