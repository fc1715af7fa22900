"""While the database cannot be reached: an honest 503, not a 500.

Every page that needs the database answers 503 Service Unavailable with
``Retry-After`` and the styled page that tells respondents their saved answers
are safe. Each failure is logged as one line; a traceback per request would
bury the one line that matters in an outage. See docs/decisions/0007.
"""

import logging
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from pages.context_processors import site

logger = logging.getLogger(__name__)

# Long enough for a database restart or fail-over, short enough that a
# respondent who reloads is not kept waiting.
RETRY_AFTER_SECONDS = 30

# SQLSTATE classes that mean "no usable connection", not "bad query": 08
# connection exception, 53 insufficient resources (too many clients), 57P
# the server shutting down or starting up. A failed connect has no SQLSTATE.
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P")


def is_database_unavailable(error: BaseException | None) -> bool:
    """True if ``error`` says the database cannot be reached or is refusing work."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(_UNAVAILABLE_SQLSTATES)


def outage_response(request, error: BaseException) -> HttpResponse:
    """The styled 503 page with ``Retry-After``, logged as one line.

    Rendered without the request's context processors, which could reach for
    the session or the user, both in the database.
    """
    reason = str(error).strip().split("\n", 1)[0] or type(error).__name__
    logger.warning(
        "Database unavailable, answered 503: %s %s (%s)",
        request.method,
        request.path,
        reason,
    )
    response = HttpResponse(
        render_to_string("errors/503.html", site(request)),
        status=HTTPStatus.SERVICE_UNAVAILABLE,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Logged above: Django's request logger would add a traceback.
    response._has_been_logged = True
    return response


class DatabaseOutageMiddleware:
    """Turn a view's "database unavailable" error into the 503 page.

    Errors raised by other middleware reach ``pages.views.server_error``
    (handler500), which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        """The 503 page for an unreachable database; anything else goes on."""
        if is_database_unavailable(exception):
            return outage_response(request, exception)
        return None
