"""Run axe-core (shipped by axe-playwright-python) on a page and report violations."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_OPTIONS = {
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
    }
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
