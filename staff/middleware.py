"""Staff sessions end after a spell of inactivity and after a working day."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.urls import reverse

LAST_SEEN_KEY = "staff_last_seen"
SIGNED_IN_KEY = "staff_signed_in_at"
# Refresh the last-seen time at most this often, to save a session write on
# every request.
REFRESH_SECONDS = 60


class StaffSessionTimeoutMiddleware:
    """Sign staff out when idle too long, or signed in too long.

    Only sessions of staff are touched. The public survey has no session: it
    keeps a respondent's resume tokens in its own signed cookie, ``til_survey``
    (survey/respondent.py; decision 0010).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        try:
            is_staff = user is not None and user.is_authenticated and user.is_staff
        except (OperationalError, InterfaceError):
            # The session cannot be read. Outside the admin a staff session
            # grants nothing, so public pages that need no database still
            # work; the admin's views meet the same error and answer 503.
            if request.path.startswith(reverse("admin:index")):
                raise
            is_staff = False
        if is_staff:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        session = request.session
        now = time.time()
        idle = settings.STAFF_SESSION_IDLE_MINUTES * 60
        longest = settings.STAFF_SESSION_MAX_HOURS * 3600
        last_seen = session.get(LAST_SEEN_KEY)
        signed_in = session.get(SIGNED_IN_KEY)
        if (last_seen is not None and now - last_seen > idle) or (
            signed_in is not None and now - signed_in > longest
        ):
            logout(request)
            messages.info(
                request,
                "You were signed out because you had not used the admin for "
                f"{settings.STAFF_SESSION_IDLE_MINUTES} minutes, or had been "
                "signed in for a long time. Sign in again to continue.",
            )
            return
        if signed_in is None:
            session[SIGNED_IN_KEY] = now
        if last_seen is None or now - last_seen > REFRESH_SECONDS:
            session[LAST_SEEN_KEY] = now
            # The cookie itself also expires when idle, closing the browser or not.
            session.set_expiry(idle)
