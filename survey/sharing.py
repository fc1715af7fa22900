"""What the share page offers: the link, a message to forward and a QR code.

A collector's code rides along in the link, so a cascade passed on from the
share page stays attributed to the collector it came through.
"""

from dataclasses import dataclass

import qrcode
from django.template.loader import render_to_string

from survey.models import VIA, Collector, Wave


def share_link(request, wave: Wave, collector: Collector | None) -> str:
    """The absolute address of the wave's start page, with the collector's code."""
    link = request.build_absolute_uri(wave.get_absolute_url())
    return f"{link}?{VIA}={collector.code}" if collector else link


def share_message(wave: Wave, link: str) -> str:
    """The plain-text message to forward to colleagues."""
    return render_to_string(
        "survey/share_message.txt", {"wave": wave, "link": link}
    ).strip()


@dataclass(frozen=True)
class QRCode:
    """A QR code as one SVG path over a square of ``size`` modules."""

    size: int
    path: str


def qr_code(text: str) -> QRCode:
    """The QR code of ``text``, with its quiet zone, drawn as SVG path data.

    Drawn as a path in the page (not an image file) so it stays sharp at any
    print size and needs neither inline style nor script.
    """
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return QRCode(size=len(matrix), path="".join(runs))
