"""Django's password backend, refusing the demo staff accounts in production."""

import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from staff.demo import DEMO_STAFF

logger = logging.getLogger(__name__)

DEMO_USERNAMES = frozenset(username for username, _, _ in DEMO_STAFF)


class StaffModelBackend(ModelBackend):
    """ModelBackend, except that demo accounts cannot sign in or stay signed in.

    The demo accounts' password and authenticator keys are published (README,
    seed_demo), so a database seeded in development and then served with
    production settings must not let them in, whatever it holds.
    """

    def user_can_authenticate(self, user) -> bool:
        """False for a demo account under production settings, and logged."""
        if settings.STAFF_REFUSE_DEMO_ACCOUNTS and user.username in DEMO_USERNAMES:
            logger.warning(
                "Demo staff account refused under production settings: %s",
                user.username,
            )
            return False
        return super().user_can_authenticate(user)
