"""The Permissions-Policy header, and unreadable form bodies."""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import UnreadablePostError

from pages.views import bad_request

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (camera, location and so on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class UnreadableFormMiddleware:
    """Answer a form body that cannot be read with the styled 400.

    The CSRF check reads ``request.POST``; a form that declares a charset other
    than UTF-8, or is too large, makes that raise, and the error views would
    raise again. Reading the body here first, before CsrfViewMiddleware, turns
    it into the site's own 400 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            try:
                request.POST  # noqa: B018 - parsed now, once, for the CSRF check
            except (BadRequest, SuspiciousOperation, UnreadablePostError) as error:
                logger.warning(
                    "Unreadable form refused: %s %s (%s)",
                    request.method,
                    request.path,
                    error,
                )
                response = bad_request(request)
                # Logged above; Django's request logger would log it again.
                response._has_been_logged = True
                return response
        return self.get_response(request)
