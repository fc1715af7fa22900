"""Security headers that Django does not set itself, and unreadable form bodies."""

import logging

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.core.signals import setting_changed
from django.dispatch import receiver
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


# What a response or view can set to change django-csp's policy for itself.
CSP_OVERRIDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
# The site-wide headers, built once from the settings (and again if they change).
_csp_headers: dict[str, str] = {}


@receiver(setting_changed)
def _csp_settings_changed(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _csp_headers.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site-wide policy built once.

    django-csp builds the header anew for every response, though no view here
    changes the policy or uses a nonce (decision 0003). A response that does
    either, or an error page under DEBUG, goes through django-csp as it is.
    """

    def process_response(self, request, response):
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in CSP_OVERRIDES)
            or _excludes_paths()
        ):
            return super().process_response(request, response)
        if not _csp_headers:
            _csp_headers[HEADER] = build_policy()
            _csp_headers[HEADER_REPORT_ONLY] = build_policy(report_only=True)
        for header, policy in _csp_headers.items():
            if policy:
                response.setdefault(header, policy)
        # As django-csp does: a nonce asked for after the header is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _excludes_paths() -> bool:
    """True if either policy leaves some paths out (django-csp handles those)."""
    return any(
        (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
        for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    )


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
