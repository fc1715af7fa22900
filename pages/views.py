"""Views for the site shell: information pages, errors and the health check."""

import sys
from http import HTTPStatus

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pages.outage import is_database_unavailable, outage_response
from sources.models import Citations, ResourceUse, Source
from vocabulary.choices import PRINCIPLE_DESCRIPTIONS, R_DESCRIPTIONS

HOME_SOURCES = (
    "vru-trauma-informed-research",
    "dartington-project-page",
    "vru-trauma-informed-practice-briefing",
    "samhsa-2014",
    "uk-policing-briefing",
    "home-office-learning-from-experience",
)


def home(request):
    """Explain the programme and send each kind of visitor where they need to go."""
    return render(
        request,
        "pages/home.html",
        {
            "rs": R_DESCRIPTIONS.items(),
            "principles": PRINCIPLE_DESCRIPTIONS.items(),
            "citations": Citations.for_codes(HOME_SOURCES),
        },
    )


def resources(request):
    """Curated resources, tagged by what each is good for."""
    return render(
        request,
        "pages/resources.html",
        {"resources": Source.objects.resources(), "uses": ResourceUse.choices},
    )


def commissioning_training(request):
    """Guidance on commissioning training, from the Home Office document."""
    return render(
        request,
        "pages/commissioning_training.html",
        {"citations": Citations.for_codes(["home-office-learning-from-experience"])},
    )


@never_cache
def healthz(request):
    """Answer 200 when the database answers and 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "database unavailable",
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            content_type="text/plain",
        )
    return HttpResponse("ok", content_type="text/plain")


# The error views read neither the body nor the CSRF token (their templates
# have no form): a body that could not be read must not raise a second time.
def bad_request(request, exception=None):
    """400: the request could not be understood."""
    return render(request, "errors/400.html", status=HTTPStatus.BAD_REQUEST)


def permission_denied(request, exception=None):
    """403: the visitor may not see this page."""
    return render(request, "errors/403.html", status=HTTPStatus.FORBIDDEN)


def page_not_found(request, exception=None):
    """404: no page at this address."""
    return render(request, "errors/404.html", status=HTTPStatus.NOT_FOUND)


def server_error(request):
    """500, or 503 when the database cannot be reached; neither needs the database.

    Django calls this while handling the exception, so ``sys.exc_info()`` holds
    it: middleware (the session, the staff sign-out) can meet the outage too.
    """
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        return outage_response(request, error)
    return render(request, "errors/500.html", status=HTTPStatus.INTERNAL_SERVER_ERROR)


def csrf_failure(request, reason=""):
    """403 for a failed CSRF check, usually a form left open too long.

    403 Forbidden is the status Django's own CSRF failure view gives: the
    request was understood but is refused without a valid token.
    """
    return render(
        request, "errors/csrf.html", {"reason": reason}, status=HTTPStatus.FORBIDDEN
    )
