"""Sharing a wave: the share page and its printable poster.

Public pages: they show a collector's code inside the link, never which
collectors exist or how many responses any has brought.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from survey.models import VIA, Collector
from survey.sharing import qr_code, share_link, share_message
from survey.views.flow import not_open_page, wave_or_404


def _share_context(request, wave_slug):
    """The wave, and the link to share (the visitor's collector kept, if usable)."""
    wave = wave_or_404(wave_slug)
    via = request.GET.get(VIA, "")
    collector = Collector.objects.usable(wave, via).first() if via else None
    link = share_link(request, wave, collector)
    return wave, {
        "wave": wave,
        "collector": collector,
        "link": link,
        "qr": qr_code(link),
        "via_query": f"?{VIA}={collector.code}" if collector else "",
    }


@never_cache
def share(request, wave_slug):
    """A message to forward, the link, a QR code and a poster, for an open wave."""
    wave, context = _share_context(request, wave_slug)
    if not wave.is_open():
        return not_open_page(request, wave)
    context["message"] = share_message(wave, context["link"])
    return render(request, "survey/share.html", context)


@never_cache
def poster(request, wave_slug):
    """A one-page A4 poster with the link and its QR code, for printing."""
    wave, context = _share_context(request, wave_slug)
    if not wave.is_open():
        return not_open_page(request, wave)
    return render(request, "survey/poster.html", context)
