"""Layout shift on a phone: the pages Lighthouse measures stay still while they load.

Lighthouse (bench/bench_lighthouse.py) scores these pages on a slow phone. Here
Chromium's own layout-shift entries are summed on a phone-sized screen, with
GOV.UK Frontend's script held back half a second, as on a slow connection, so a
change it makes after the first paint counts.
"""

import time

import pytest

from casestudies.demo import seed_demo as casestudies_seed
from findings.demo import BASELINE_SLUG
from findings.demo import seed_demo as findings_seed
from roadmap.demo import seed_demo as roadmap_seed
from survey.demo import seed_demo as survey_seed

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/survey/",
    "/roadmap/journey/",
    "/case-studies/",
    f"/findings/{BASELINE_SLUG}/",
]
LAYOUT_SHIFT_LIMIT = 0.02
# Lighthouse's mobile profile: a Moto G Power's screen.
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
# Sums every layout shift not caused by the reader's own input, from the start.
OBSERVE_LAYOUT_SHIFT = """
window.tilLayoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.tilLayoutShift += entry.value;
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def _late_script(route):
    time.sleep(0.5)
    route.continue_()


@pytest.fixture
def demo_site():
    """The demo content, as `manage.py seed_demo` loads it."""
    survey_seed()
    roadmap_seed()
    casestudies_seed()
    findings_seed()


def test_pages_do_not_shift_on_a_phone_while_loading(
    live_server, new_context, demo_site
):
    shifts = {}
    for path in PAGES:
        page = new_context(**PHONE).new_page()
        page.add_init_script(OBSERVE_LAYOUT_SHIFT)
        page.route("**/govuk-frontend*.js", _late_script)
        page.goto(live_server.url + path)
        page.wait_for_selector("[data-govuk-service-navigation-init]", state="attached")
        page.wait_for_timeout(300)
        shifts[path] = page.evaluate("window.tilLayoutShift")
        page.close()
    shifting = {
        path: shift for path, shift in shifts.items() if shift >= LAYOUT_SHIFT_LIMIT
    }
    assert shifting == {}


def test_the_menu_on_a_phone_opens_to_the_navigation_once_the_script_runs(
    live_server, new_context
):
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + "/")
    menu = page.get_by_role("button", name="Menu")
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-navigation").is_visible()
    assert page.locator("#site-navigation a").first.is_visible()


def test_without_javascript_a_phone_sees_the_navigation_and_no_menu_button(
    live_server, new_context
):
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(live_server.url + "/")
    assert page.locator("#site-navigation a").first.is_visible()
    assert not page.locator(".govuk-service-navigation__toggle").is_visible()
