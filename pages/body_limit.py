"""Refuse oversized request bodies before any form reads them (413).

``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count uploaded files, and the CSRF
check parses a multipart body (writing its files to disk) before the view
runs, so without this an anonymous 200 MB post to any form is accepted.
Public pages never upload files: their bodies are held to
``REQUEST_BODY_MAX_BYTES``. Staff who have passed both sign-in steps upload
case study photos and spreadsheets, up to ``STAFF_UPLOAD_MAX_BYTES``. The
proxy refuses larger bodies still (deploy/nginx/tilondon.conf).
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth import get_user
from django.shortcuts import render
from django_otp import DEVICE_ID_SESSION_KEY

logger = logging.getLogger(__name__)


def declared_length(request) -> int:
    """The body's declared length in bytes; 0 if absent or not a number."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def verified_staff(request) -> bool:
    """True for a staff member whose session has passed the code step too."""
    if DEVICE_ID_SESSION_KEY not in request.session:
        return False
    user = get_user(request)
    return user.is_authenticated and user.is_active and user.is_staff


class RequestBodyLimitMiddleware:
    """Answer an oversized body with the styled 413 page, unread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length > settings.REQUEST_BODY_MAX_BYTES and (
            length > settings.STAFF_UPLOAD_MAX_BYTES or not verified_staff(request)
        ):
            logger.warning(
                "Request body too large, refused: %s %s (%d bytes)",
                request.method,
                request.path,
                length,
            )
            return render(
                request, "errors/413.html", status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            )
        return self.get_response(request)
