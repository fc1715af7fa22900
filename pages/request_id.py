"""One request id from the proxy to the log lines of that request.

nginx sets ``X-Request-ID`` (its ``$request_id``, deploy/nginx/tilondon.conf)
and writes it in its access log; gunicorn's access log writes the header too
(deploy/gunicorn.conf.py); this middleware keeps it for the request's Django
log lines (``[id]`` in each) and returns it in the response. Without a proxy,
or with a header that is not a plain id, a fresh one is made.
"""

import logging
import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
current_request_id: ContextVar[str] = ContextVar("request_id", default="-")


def request_id_for(request) -> str:
    """The proxy's request id if it is a plain one, else a fresh one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    if _PLAIN_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Hold the request id while the request is handled; send it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        # Not reset on the way out: Django logs a 4xx or 5xx ("Not Found: ...")
        # after the last middleware returns. Each request sets its own.
        current_request_id.set(request.request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Give every log record the id of the request being handled ("-" outside)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
