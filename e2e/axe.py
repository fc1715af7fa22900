"""Run axe-core (shipped by axe-playwright-python) on a page and report violations."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
#
# Preload only media (for no-autoplay-audio), not the CSSOM: of these rules
# none reads it (only css-orientation-lock does, an experimental rule that
# tags never select), and axe-core 4.12.1 builds it in ways the site's CSP
# refuses (docs/decisions/0003). For a sheet with an `@import`, such as Django
# admin's forms.css (`@import url('widgets.css')`), it fetches the imported
# sheet with XMLHttpRequest from the URL as written, resolved against the page
# (".../change/widgets.css", a 404; axe-core issue 5268), and copies the other
# rules into a new <style> element, which style-src 'self' blocks: a CSP
# violation in the console, which fails the test (e2e/conftest.py).
AXE_OPTIONS = {
    "preload": {"assets": ["media"]},
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
        ],
    },
}


def axe_violations(page) -> list[dict]:
    """Return axe's violations on the page as it is now."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return results.response["violations"]


def assert_no_axe_violations(page) -> None:
    """Fail with a readable list of every violation on the page."""
    violations = axe_violations(page)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found violations on {page.url}:\n{report}"
