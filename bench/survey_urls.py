"""The project's URLs plus two bare views, the baselines of the survey benchmark."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from survey.models import Wave
from tilondon.urls import urlpatterns as project_urlpatterns

BARE_TABLE = "bench_bare_insert"


@csrf_exempt
def bare_insert(request):
    """One INSERT and a tiny response: the floor under any write to the database."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (payload) VALUES (%s) RETURNING id",  # noqa: S608
            [request.POST.get("payload", "")],
        )
        row_id = cursor.fetchone()[0]
    return HttpResponse(str(row_id), content_type="text/plain")


def bare_page(request):
    """The site's base template with one query: the floor under any survey page."""
    wave = Wave.objects.order_by("pk").first()
    return render(request, "base.html", {"wave": wave})


urlpatterns = [
    path("bench/bare-insert/", bare_insert),
    path("bench/bare-page/", bare_page),
    *project_urlpatterns,
]
