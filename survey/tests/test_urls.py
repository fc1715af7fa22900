"""Survey URL names reverse and resolve to the flow's views."""

import pytest
from django.urls import resolve, reverse

from survey import views


@pytest.mark.parametrize(
    ("name", "args", "path", "view"),
    [
        ("survey:start", [], "/survey/", views.start),
        ("survey:wave_start", ["demo"], "/survey/demo/", views.wave_start),
        ("survey:begin", ["demo"], "/survey/demo/begin/", views.begin),
        (
            "survey:step",
            ["demo", "about_you-2"],
            "/survey/demo/questions/about_you-2/",
            views.step,
        ),
        ("survey:contact", ["demo"], "/survey/demo/case-study-contact/", views.contact),
        ("survey:check", ["demo"], "/survey/demo/check-answers/", views.check),
        ("survey:submit", ["demo"], "/survey/demo/submit/", views.submit),
        (
            "survey:confirmation",
            ["demo"],
            "/survey/demo/confirmation/",
            views.confirmation,
        ),
        (
            "survey:save",
            ["demo"],
            "/survey/demo/save-and-return/",
            views.save_and_return,
        ),
        ("survey:resume", ["abc_-1"], "/survey/resume/abc_-1/", views.resume),
        (
            "survey:withdraw",
            ["abc_-1"],
            "/survey/resume/abc_-1/withdraw/",
            views.withdraw,
        ),
        ("survey:withdrawn", [], "/survey/withdrawn/", views.withdrawn),
    ],
)
def test_url_reverses_and_resolves(name, args, path, view):
    assert reverse(name, args=args) == path
    assert resolve(path).func == view
