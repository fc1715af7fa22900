"""URLs for published findings."""

app_name = "findings"

urlpatterns: list = []
