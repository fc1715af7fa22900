"""Save and return, resume from a link, and withdrawal."""

from http import HTTPStatus

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from survey import services
from survey.forms import (
    EmailLinkForm,
    WithdrawForm,
)
from survey.models import Response
from survey.respondent import respondent
from survey.views.flow import (
    already_submitted_page,
    browser_response,
    browser_token,
    not_open_page,
    resume_link,
    resume_url,
    submitted_here,
    wave_or_404,
)
from throttling.services import (
    client_ip,
    client_key,
    rate_limit_refused,
)


@never_cache
def save_and_return(request, wave_slug):
    """Show the resume link to copy, and offer to email it (address not kept)."""
    wave = wave_or_404(wave_slug)
    response = browser_response(request, wave)
    token = browser_token(request, wave)
    if response is None or response.is_submitted:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    link = resume_link(request, token)
    sent_to = ""
    form = EmailLinkForm(request.POST or None)
    if request.method == "POST" and form.is_spam:
        return render(request, "survey/refused.html", status=HTTPStatus.BAD_REQUEST)
    if request.method == "POST" and form.is_valid():
        # Per browser, and per address so fresh cookies cannot send thousands.
        limited = rate_limit_refused(
            (
                f"email:browser:{respondent(request).browser_key()}",
                settings.SURVEY_EMAILS_PER_SESSION_PER_HOUR,
            ),
            (
                f"email:{client_key(client_ip(request))}",
                settings.SURVEY_EMAILS_PER_IP_PER_HOUR,
            ),
        )
        if limited:
            refused = render(
                request,
                "survey/rate_limited.html",
                {"wave": wave, "emails": True},
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
            refused["Retry-After"] = str(limited)
            return refused
        try:
            services.resume_link_email(
                wave=wave,
                email=form.cleaned_data["email"],
                link=settings.SITE_URL.rstrip("/")
                + reverse("survey:resume", args=[token]),
            )
        except services.EmailNotSentError:
            form.add_error(
                "email",
                "We could not send the email just now. Copy your link above, "
                "or try again later",
            )
        else:
            sent_to = form.cleaned_data["email"]
            form = EmailLinkForm()
    return render(
        request,
        "survey/save.html",
        {
            "wave": wave,
            "link": link,
            "form": form,
            "sent_to": sent_to,
            "continue_url": resume_url(wave, response),
        },
    )


@never_cache
def resume(request, token):
    """Reopen a draft from its link, on any device, until the wave closes."""
    response = (
        Response.objects.with_token(token)
        .select_related("wave", "wave__questionnaire")
        .first()
    )
    if response is None or not response.wave.is_published:
        return render(
            request, "survey/resume_invalid.html", status=HTTPStatus.NOT_FOUND
        )
    wave = response.wave
    if response.is_submitted:
        # The link alone must not reveal the reference (with the link, it is
        # all withdrawal asks for): only the browser that submitted sees it.
        if browser_token(request, wave) == token and submitted_here(request, response):
            return redirect("survey:confirmation", wave_slug=wave.slug)
        return already_submitted_page(request, wave, token)
    if not wave.is_open():
        return not_open_page(request, wave)
    respondent(request).remember(wave.slug, token)
    return redirect(resume_url(wave, response))


@never_cache
def withdraw(request, token):
    """Delete a submitted response once the respondent confirms its reference."""
    response = (
        Response.objects.with_token(token).select_related("wave").submitted().first()
    )
    if response is None:
        return render(
            request, "survey/resume_invalid.html", status=HTTPStatus.NOT_FOUND
        )
    if request.method == "POST":
        # Each try counts, per link and per address, before the reference is
        # compared: past the limit, a guess is not even checked.
        limited = rate_limit_refused(
            (
                f"withdraw:link:{response.pk}",
                settings.SURVEY_WITHDRAWALS_PER_LINK_PER_HOUR,
            ),
            (
                f"withdraw:{client_key(client_ip(request))}",
                settings.SURVEY_WITHDRAWALS_PER_IP_PER_HOUR,
            ),
        )
        if limited:
            refused = render(
                request,
                "survey/rate_limited.html",
                {"wave": response.wave, "withdrawals": True},
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
            refused["Retry-After"] = str(limited)
            return refused
    form = WithdrawForm(request.POST or None, expected_reference=response.reference)
    if request.method == "POST" and form.is_valid():
        services.response_withdraw(response=response)
        respondent(request).forget(response.wave.slug)
        return redirect("survey:withdrawn")
    return render(
        request, "survey/withdraw.html", {"form": form, "wave": response.wave}
    )


def withdrawn(request):
    """Confirm that the answers were deleted."""
    return render(request, "survey/withdrawn.html")
