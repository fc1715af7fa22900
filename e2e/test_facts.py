"""Sourced pages in a real browser: axe, and the timeline under forced colours."""

import re

import pytest

from casestudies.demo import case_studies_load
from e2e.axe import assert_no_axe_violations
from roadmap.services import roadmap_content_load

pytestmark = pytest.mark.django_db(transaction=True)

# The background a node sits on: the first ancestor with an opaque one.
BACKGROUND_JS = """
(node) => {
  for (let el = node; el; el = el.parentElement) {
    const colour = getComputedStyle(el).backgroundColor;
    if (colour && colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') {
      return colour;
    }
  }
  return getComputedStyle(document.documentElement).backgroundColor;
}
"""


def _contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two computed colours ("rgb(r, g, b)")."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def content():
    """Today's sources, roadmap and case studies."""
    roadmap_content_load(update=True)
    case_studies_load(update=True)


@pytest.mark.parametrize(
    "path",
    [
        "/resources/",
        "/commissioning-trauma-informed-training/",
        "/roadmap/",
        "/roadmap/journey/",
        "/roadmap/journey/workforce-wellbeing/",
        "/roadmap/journey/policy-procedure/trauma-informed/",
        "/roadmap/self-assessment/",
        "/case-studies/",
        "/case-studies/south-wales-police-early-action-together/",
        "/case-studies/hampshire-trauma-informed-practitioners-on-patrol/",
        "/",
    ],
)
def test_sourced_page_has_no_axe_violations(live_server, page, content, path):
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)


def test_reference_mark_takes_the_reader_to_its_source(live_server, page, content):
    page.goto(live_server.url + "/roadmap/")
    page.locator('a[href="#source-1"]').first.click()
    assert page.url.endswith("#source-1")
    assert page.locator("#source-1").is_visible()


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_timeline_text_stays_visible_under_forced_colours(
    live_server, page, content, scheme
):
    page.emulate_media(forced_colors="active", color_scheme=scheme)
    page.goto(live_server.url + "/roadmap/")
    labels = page.locator(".til-timeline__svg text")
    assert labels.count() >= 8
    for index in range(labels.count()):
        label = labels.nth(index)
        fill = label.evaluate("(node) => getComputedStyle(node).fill")
        background = label.evaluate(BACKGROUND_JS)
        # Different and readable: near-black on black would differ, unreadably.
        assert fill != background, (index, fill, background)
        assert _contrast(fill, background) >= 4.5, (index, fill, background)
    marker = page.locator(".til-timeline__marker--planned").first
    stroke = marker.evaluate("(node) => getComputedStyle(node).stroke")
    assert _contrast(stroke, marker.evaluate(BACKGROUND_JS)) >= 3
