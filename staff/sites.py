"""The staff admin site: a password, then a one-time code, then the admin.

Every admin page (every app's ModelAdmin, the dashboard) needs a session that
has passed both steps: ``OTPAdminSite.has_permission`` checks the OTP device.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.admin import OTPAdminSite

from staff import views
from staff.forms import StaffAuthenticationForm
from staff.signin import confirmed_device


class StaffAdminSite(OTPAdminSite):
    """Django's admin behind password and TOTP, with the staff pages added."""

    name = "admin"
    site_header = "Trauma-Informed London: staff"
    site_title = "Trauma-Informed London staff"
    index_title = "Administration"
    # The password step is Django's own form; the code is asked on its own
    # page, so staff without an authenticator app can be sent to set one up.
    login_form = StaffAuthenticationForm
    login_template = None

    def login(self, request, extra_context=None):
        """Send a password-verified staff member on to the code step."""
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            if not user.is_verified():
                return redirect(self.second_step_url(request))
        return super().login(request, extra_context)

    def second_step_url(self, request) -> str:
        """Where a signed-in staff member goes to enter or set up a code."""
        name = "two_factor" if confirmed_device(request.user) else "two_factor_setup"
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = ""
        url = reverse(f"{self.name}:{name}")
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url

    def get_urls(self):
        urls = [
            path(
                "two-factor/",
                views.two_factor,
                {"site": self},
                name="two_factor",
            ),
            path(
                "two-factor/set-up/",
                views.two_factor_setup,
                {"site": self},
                name="two_factor_setup",
            ),
            path(
                "dashboard/",
                self.admin_view(views.dashboard),
                {"site": self},
                name="dashboard",
            ),
            path(
                "dashboard/coverage.csv",
                self.admin_view(views.coverage_csv),
                {"site": self},
                name="coverage_csv",
            ),
        ]
        return urls + super().get_urls()
