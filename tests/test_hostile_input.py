"""Hostile input never gets a server error: each known case, then a sweep.

The sweep (hypothesis) sends arbitrary text to every public form and query
parameter and asserts that the answer is never 5xx and that every 4xx is the
site's own styled page. The whole module is kept well under a minute.
"""

import logging
import re
from http import HTTPStatus
from urllib.parse import quote, urlencode

import pytest
from axes.models import AccessAttempt
from django.core.management import get_commands, load_command_class
from django.test import Client
from django.test.client import RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from casestudies.search import MAX_SEARCH_TERMS, search_words, websearch_accepted
from casestudies.tests.factories import CaseStudyFactory
from findings.demo import synthetic_responses
from findings.models import FindingsRelease
from findings.services import release_publish
from findings.tests.conftest import closed_wave as closed_findings_wave
from roadmap.models import DomainDescription
from roadmap.services import roadmap_content_load
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db

# The markers of templates/base.html: a 4xx page the visitor can find their way from.
STYLED_MARKERS = ('class="govuk-template"', 'id="main-content"', "govuk-footer")

SWEEP = hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text a browser or a script could send, NUL and control characters
# included; lone surrogates cannot be encoded into a request at all.
HOSTILE_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.sampled_from(
        [
            "-" * 40,
            "- " * 40,
            "-(" * 50,
            '"' * 80,
            " or " * 40,
            "\x00",
            "a\x00b",
            "\u202e",
            "x" * 5000,
            "../../etc/passwd",
            "%00",
            "{{ 7*7 }}",
            "<script>",
            "' OR 1=1 --",
            "\r\nSet-Cookie: x=1",
            "9" * 40,
            "-1",
        ]
    ),
)


def assert_handled(response):
    """No server error, and a 4xx is the styled page."""
    status = response.status_code
    assert status < HTTPStatus.INTERNAL_SERVER_ERROR, status
    if status >= HTTPStatus.BAD_REQUEST:
        html = response.content.decode()
        for marker in STYLED_MARKERS:
            assert marker in html, (status, marker)


def field_names(html: str) -> list[str]:
    """The names of a page's form fields, except the CSRF token."""
    names = dict.fromkeys(re.findall(r'name="([^"]+)"', html))
    names.pop("csrfmiddlewaretoken", None)
    return list(names)


@pytest.fixture
def wave(db, settings):
    """An open wave with the repository's questionnaire, and no start limit.

    One client starts a draft per example; the limits have their own tests.
    """
    settings.SURVEY_STARTS_PER_SESSION_PER_HOUR = 10**6
    settings.SURVEY_EMAILS_PER_SESSION_PER_HOUR = 10**6
    return wave_with_questionnaire(slug="hostile")


@pytest.fixture
def content(db):
    """Case studies and the real roadmap content."""
    CaseStudyFactory.create_batch(3, principles=["choice"], sectors=["nhs"])
    roadmap_content_load()


# ------------------------------------------------------------------------------
# Case-study search: PostgreSQL's "tsquery stack too small"
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["-" * 33, "-" * 40, "- " * 40, "-(" * 50, "--a"])
def test_search_of_repeated_operators_lists_results_not_an_error(
    client, content, query
):
    response = client.get(reverse("casestudies:list"), {"q": query})
    assert response.status_code == HTTPStatus.OK


def test_search_words_collapse_operators_and_cap_the_terms():
    assert search_words("- " * 40) == ""
    assert search_words("--trauma ---police") == "-trauma -police"
    assert search_words('safe or or or "safe spaces" or') == 'safe or "safe spaces"'
    assert search_words("trauma-informed practice") == "trauma-informed practice"
    assert len(search_words("word " * 100).split()) == MAX_SEARCH_TERMS


def test_search_refused_by_postgresql_falls_back_and_logs_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="casestudies.search"):
        assert not websearch_accepted("-" * 40)
    assert "refused by PostgreSQL" in caplog.text
    # The savepoint kept the transaction usable.
    assert websearch_accepted("trauma -police")


# ------------------------------------------------------------------------------
# Bodies the CSRF check cannot read
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "windows-1252"])
def test_form_post_in_another_charset_gets_the_styled_400(charset, content):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST",
        reverse("roadmap:self_assessment_questions"),
        data=b"sector=nhs&website=\xff\xfe",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert_handled(response)
    assert "Sorry, there is a problem with your request" in response.content.decode()


def test_form_post_too_large_to_read_gets_the_styled_400(settings, wave):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    body = b"website=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.generic(
        "POST",
        reverse("survey:begin", args=[wave.slug]),
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert_handled(response)


# ------------------------------------------------------------------------------
# Staff sign-in: a username longer than any account's
# ------------------------------------------------------------------------------
def test_staff_username_too_long_is_refused_before_sign_in_is_tried(client):
    response = client.post(
        reverse("admin:login"), {"username": "u" * 300, "password": "whatever"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Enter a username of 150 characters or fewer" in response.content.decode()
    # authenticate() never ran, so django-axes counted nothing.
    assert not AccessAttempt.objects.exists()


# ------------------------------------------------------------------------------
# runserver's static files
# ------------------------------------------------------------------------------
def test_runserver_answers_paths_out_of_static_with_404(settings):
    settings.DEBUG = True
    runserver = load_command_class(get_commands()["runserver"], "runserver")
    # The options `manage.py runserver` starts with when given none.
    options = runserver.create_parser("manage.py", "runserver").parse_args([])
    handler = runserver.get_handler(**vars(options))
    started = []
    statuses = {}
    for path in (
        "/static/../x",
        "/static/..%2fx",
        "/static/a/../../x",
        "/static/js/site.js",
    ):
        environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
        handler(environ, lambda status, *_: started.append(status))
        statuses[path] = int(started[-1].split()[0])
    assert statuses == {
        "/static/../x": HTTPStatus.NOT_FOUND,
        "/static/..%2fx": HTTPStatus.NOT_FOUND,
        "/static/a/../../x": HTTPStatus.NOT_FOUND,
        # Development still serves the static files, through WhiteNoise.
        "/static/js/site.js": HTTPStatus.OK,
    }


# ------------------------------------------------------------------------------
# The sweep: every public form and query parameter
# ------------------------------------------------------------------------------
@SWEEP
@given(
    q=HOSTILE_TEXT,
    facet=st.sampled_from(
        ["sectors", "places", "rs", "principles", "domains", "evidence", "components"]
    ),
    value=HOSTILE_TEXT,
    page=HOSTILE_TEXT,
)
def test_case_study_list_survives_any_search_filter_and_page(
    client, content, q, facet, value, page
):
    assert_handled(
        client.get(reverse("casestudies:list"), {"q": q, facet: value, "page": page})
    )


@SWEEP
@given(slug=HOSTILE_TEXT, sector=HOSTILE_TEXT, token=HOSTILE_TEXT)
def test_roadmap_pages_survive_any_sector_domain_or_result_token(
    client, content, slug, sector, token
):
    assert_handled(client.get(reverse("roadmap:journey"), {"sector": sector}))
    for path in (
        f"/roadmap/journey/{slug}/",
        f"/roadmap/self-assessment/results/{token}/",
    ):
        assert_handled(client.get(path, {"sector": sector}))
    assert_handled(client.get(f"/case-studies/{slug}/"))


def answers_for(names: list[str], values: list[str]) -> dict[str, str]:
    """Give each field one of the drawn values, in turn.

    The values are drawn before any request, so what hypothesis generates
    never depends on the state the requests leave behind.
    """
    return {name: values[i % len(values)] for i, name in enumerate(names)}


HOSTILE_VALUES = st.lists(HOSTILE_TEXT, min_size=1, max_size=8)


@SWEEP
@given(values=HOSTILE_VALUES)
def test_self_assessment_survives_any_answers(client, content, values):
    url = reverse("roadmap:self_assessment_questions")
    names = field_names(client.get(url).content.decode())
    assert "sector" in names
    assert_handled(client.post(url, answers_for(names, values)))


@SWEEP
@given(honeypot=st.sampled_from(["", "x"]), values=HOSTILE_VALUES)
def test_survey_start_and_steps_survive_any_answers(client, wave, honeypot, values):
    start = client.post(
        reverse("survey:begin", args=[wave.slug]), {"website": honeypot}
    )
    assert_handled(start)
    if start.status_code == HTTPStatus.FOUND:
        step_url = start["Location"]
        names = field_names(client.get(step_url).content.decode())
        assert_handled(client.post(step_url, answers_for(names, values)))
    for name in ("check", "submit", "contact", "save"):
        url = reverse(f"survey:{name}", args=[wave.slug])
        assert_handled(client.post(url, answers_for(["email", "contact"], values)))


@SWEEP
@given(token=HOSTILE_TEXT, reference=HOSTILE_TEXT, slug=HOSTILE_TEXT, step=HOSTILE_TEXT)
def test_survey_links_survive_any_token_reference_or_step(
    client, wave, token, reference, slug, step
):
    assert_handled(client.get(f"/survey/resume/{token}/"))
    assert_handled(
        client.post(
            f"/survey/resume/{token}/withdraw/",
            {"reference": reference, "confirm": "on"},
        )
    )
    assert_handled(client.get(f"/survey/{slug}/"))
    assert_handled(client.get(f"/survey/{wave.slug}/questions/{step}/"))
    # With a draft begun, the first step and the contact page read ?change=.
    first_step = client.post(reverse("survey:begin", args=[wave.slug]))["Location"]
    for url in (first_step, reverse("survey:contact", args=[wave.slug])):
        assert_handled(client.get(url, {"change": reference}))
        assert_handled(
            client.post(f"{url}?change={quote(reference)}", {"action": step})
        )


@SWEEP
@given(username=HOSTILE_TEXT, password=HOSTILE_TEXT, next_url=HOSTILE_TEXT)
def test_staff_sign_in_survives_any_username_password_or_next(
    client, username, password, next_url
):
    response = client.post(
        reverse("admin:login") + "?" + f"next={next_url}",
        {"username": username, "password": password},
    )
    assert_handled(response)


@SWEEP
@given(path=HOSTILE_TEXT, query=HOSTILE_TEXT)
def test_information_pages_survive_any_path_or_query_string(client, path, query):
    for page in ("/", "/accessibility/", "/privacy/", "/cookies/", "/contact/"):
        assert_handled(client.get(page, {"q": query}))
    assert_handled(client.get(f"/{path}"))


# ------------------------------------------------------------------------------
# The pages that came later: findings, sharing, stations, guidance, staff coverage
# ------------------------------------------------------------------------------
@pytest.fixture
def published_findings(db, analyst):
    """A closed wave with synthetic responses and its published findings."""
    wave = closed_findings_wave("hostile-findings")
    synthetic_responses(wave=wave, count=40, seed=15)
    release = FindingsRelease.objects.create(wave=wave, title="Hostile findings")
    return release_publish(release=release, user=analyst)


@SWEEP
@given(slug=HOSTILE_TEXT, query=HOSTILE_TEXT)
def test_findings_pages_and_csv_survive_any_wave_slug_or_query(
    client, published_findings, slug, query
):
    real = published_findings.wave.slug
    assert_handled(client.get("/findings/", {"wave": query}))
    for wave_slug in (slug, real):
        assert_handled(client.get(f"/findings/{wave_slug}/", {"q": query}))
        assert_handled(client.get(f"/findings/{wave_slug}/findings.csv", {"q": query}))


@SWEEP
@given(slug=HOSTILE_TEXT, via=HOSTILE_TEXT, values=HOSTILE_VALUES)
def test_survey_share_poster_and_start_survive_any_wave_slug_or_via(
    client, wave, slug, via, values
):
    for wave_slug in (slug, wave.slug):
        for path in ("", "share/", "share/poster/"):
            assert_handled(client.get(f"/survey/{wave_slug}/{path}", {"via": via}))
    start_url = reverse("survey:begin", args=[wave.slug])
    assert_handled(client.post(start_url, answers_for(["via", "website"], values)))


@SWEEP
@given(
    area=st.one_of(st.none(), HOSTILE_TEXT),
    stage=st.one_of(
        st.sampled_from(["trauma-aware", "trauma-informed", "trauma-responsive"]),
        st.sampled_from(["aware", "informed"]),
        HOSTILE_TEXT,
    ),
    sector=HOSTILE_TEXT,
)
def test_route_map_and_stations_survive_any_area_stage_or_sector(
    client, content, area, stage, sector
):
    area = area if area is not None else DomainDescription.objects.first().slug
    assert_handled(client.get(reverse("roadmap:journey"), {"sector": sector}))
    assert_handled(client.get(f"/roadmap/journey/{area}/{stage}/", {"sector": sector}))


@SWEEP
@given(query=HOSTILE_TEXT)
def test_guidance_pages_survive_any_query_string(client, content, query):
    for name in ("pages:resources", "pages:commissioning_training"):
        assert_handled(client.get(reverse(name), {"use": query, "q": query}))


@SWEEP
@given(slug=HOSTILE_TEXT, target=HOSTILE_TEXT)
def test_staff_coverage_target_and_csv_survive_any_wave_or_target(
    analyst_client, wave, slug, target
):
    dashboard = reverse("admin:dashboard")
    for wave_slug in (slug, wave.slug):
        assert_handled(analyst_client.get(dashboard, {"wave": wave_slug}))
        assert_handled(
            analyst_client.post(
                f"{dashboard}?{urlencode({'wave': wave_slug})}",
                {"coverage_target": target},
            )
        )
        assert_handled(
            analyst_client.get(reverse("admin:coverage_csv"), {"wave": wave_slug})
        )
