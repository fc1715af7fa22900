"""The site shell does not jump as a page loads, and its mobile menu still opens."""

import pytest

from e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 412, "height": 823}
SHIFTS = """
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__shifts.push(entry.value);
  }).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("path", ["/", "/survey/", "/findings/", "/roadmap/"])
def test_a_phone_sees_no_layout_shift_as_the_page_loads(live_server, page, path):
    page.set_viewport_size(PHONE)
    page.add_init_script(SHIFTS)
    page.goto(live_server.url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert sum(page.evaluate("window.__shifts")) < 0.02


def test_the_mobile_menu_opens_to_every_section(live_server, page):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    findings = page.get_by_role("link", name="Findings", exact=True)
    assert findings.is_hidden()
    page.get_by_role("button", name="Menu").click()
    assert findings.is_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Findings", exact=True).is_visible()
    assert page.get_by_role("button", name="Menu").is_hidden()


def test_without_javascript_a_phone_sees_the_whole_menu(live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Findings", exact=True).is_visible()
    context.close()
