"""Staff pages: the code step of sign-in, authenticator set-up, the dashboard."""

import csv

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from staff.coverage import coverage_csv_rows, coverage_for
from staff.dashboard import dashboard_for
from staff.forms import CoverageTargetForm, TokenForm
from staff.signin import (
    confirmed_device,
    device_verify,
    enrolment_device,
    qr_code_data_uri,
    secret_base32,
)
from survey.models import Wave
from survey.services import wave_coverage_target_set
from tilondon.replica import replica_reads

WRONG_CODE = (
    "The code is not right or has expired. Enter the current code from your app"
)
TOO_MANY = "Too many wrong codes. Wait a minute, then enter the current code"


def _password_verified_staff(request) -> bool:
    user = request.user
    return user.is_authenticated and user.is_active and user.is_staff


def _next_url(request, site) -> str:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse(f"{site.name}:index")


def _context(request, site, **extra):
    return {**site.each_context(request), "next": _next_url(request, site), **extra}


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def two_factor(request, site):
    """Ask a password-verified staff member for the code from their app."""
    if not _password_verified_staff(request):
        return redirect_to_login(request.get_full_path(), reverse(f"{site.name}:login"))
    if request.user.is_verified():
        return redirect(_next_url(request, site))
    device = confirmed_device(request.user)
    if device is None:
        return redirect(site.second_step_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", TOO_MANY)
        elif device_verify(request, device, form.cleaned_data["token"]):
            return redirect(_next_url(request, site))
        else:
            form.add_error("token", WRONG_CODE)
    context = _context(request, site, form=form, title="Enter your code")
    return TemplateResponse(request, "staff/two_factor.html", context)


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def two_factor_setup(request, site):
    """Set up an authenticator app at first sign-in, then ask for its code.

    Only for staff with no confirmed app: replacing a lost one is done by a
    VRU admin deleting the old device, so a stolen password alone cannot
    swap in an attacker's app.
    """
    if not _password_verified_staff(request):
        return redirect_to_login(request.get_full_path(), reverse(f"{site.name}:login"))
    if request.user.is_verified() or confirmed_device(request.user):
        return redirect(site.second_step_url(request))
    device = enrolment_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", TOO_MANY)
        elif device_verify(request, device, form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return redirect(_next_url(request, site))
        else:
            form.add_error("token", WRONG_CODE)
    context = _context(
        request,
        site,
        form=form,
        title="Set up your authenticator app",
        secret=secret_base32(device),
        qr_code=qr_code_data_uri(device.config_url),
    )
    return TemplateResponse(request, "staff/two_factor_setup.html", context)


SET_TARGET = "survey.set_coverage_target"


def _chosen_wave_slug(request) -> str:
    """The ?wave= slug, or "" for anything no slug could be.

    PostgreSQL refuses a NUL in a query, so hostile text never reaches one.
    """
    wave_slug = request.GET.get("wave", "")
    return wave_slug if slug_re.fullmatch(wave_slug) else ""


def dashboard(request, site):
    """The analyst dashboard: counts and charts for one wave or all waves.

    For one wave it adds coverage, whose target analysts set here (POST).
    """
    if not request.user.has_perm("survey.view_dashboard"):
        raise PermissionDenied
    wave_slug = _chosen_wave_slug(request)
    may_set_target = request.user.has_perm(SET_TARGET)
    posted_form = None
    if request.method == "POST":
        if not may_set_target:
            raise PermissionDenied
        posted_wave = get_object_or_404(Wave, slug=wave_slug)
        posted_form = CoverageTargetForm(request.POST)
        if posted_form.is_valid():
            wave_coverage_target_set(
                wave=posted_wave,
                coverage_target=posted_form.cleaned_data["coverage_target"],
            )
            url = reverse(f"{site.name}:dashboard")
            return redirect(f"{url}?wave={wave_slug}#coverage")
    # Counts over every response: on the replica if there is one.
    with replica_reads():
        data = dashboard_for(wave_slug)
        wave = data["wave"]
        if wave is not None:
            data["coverage"] = coverage_for(wave)
    target_form = None
    if wave is not None:
        if may_set_target:
            target_form = posted_form or CoverageTargetForm(
                initial={"coverage_target": wave.coverage_target}
            )
    context = {
        **site.each_context(request),
        "title": "Survey dashboard",
        "target_form": target_form,
        **data,
    }
    return TemplateResponse(request, "staff/dashboard.html", context)


def coverage_csv(request, site):
    """The coverage table of one wave as a CSV file (counts only, safe cells)."""
    if not request.user.has_perm("survey.view_dashboard"):
        raise PermissionDenied
    wave = Wave.objects.filter(slug=_chosen_wave_slug(request)).first()
    if wave is None:
        raise Http404("Choose a wave.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coverage-{wave.slug}.csv"'
    response.write("\ufeff")
    csv.writer(response).writerows(coverage_csv_rows(coverage_for(wave)))
    return response
