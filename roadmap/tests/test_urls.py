"""The roadmap's addresses reverse and resolve."""

import pytest
from django.urls import resolve, reverse


@pytest.mark.parametrize(
    ("name", "args", "path"),
    [
        ("roadmap:index", [], "/roadmap/"),
        ("roadmap:journey", [], "/roadmap/journey/"),
        ("roadmap:domain", ["policy-procedure"], "/roadmap/journey/policy-procedure/"),
        ("roadmap:self_assessment_start", [], "/roadmap/self-assessment/"),
        (
            "roadmap:self_assessment_questions",
            [],
            "/roadmap/self-assessment/questions/",
        ),
        (
            "roadmap:self_assessment_results",
            ["abc_-1"],
            "/roadmap/self-assessment/results/abc_-1/",
        ),
    ],
)
def test_url_reverses_and_resolves(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).view_name == name
