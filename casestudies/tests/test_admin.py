"""Tests for the case-study admin: editing, publishing, preview, import, export."""

import io
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV
from openpyxl import load_workbook

from casestudies.admin import CaseStudyAdmin
from casestudies.models import CaseStudy
from casestudies.resources import CaseStudyResource
from casestudies.tests.factories import CaseStudyFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:casestudies_casestudy_changelist")
IMPORT_URL = reverse("admin:casestudies_casestudy_import")
EXPORT_URL = reverse("admin:casestudies_casestudy_export")

HEADER = (
    "slug,title,summary,body,organisations,sectors,places,place_detail,rs,"
    "principles,domains,components,practice_level,evidence,evidence_note,outcomes,"
    "started,ended,contact_name,contact_email,is_illustrative,status\n"
)


def _row(slug="imported-custody", principles="choice; safety", **overrides):
    values = {
        "slug": slug,
        "title": "Imported custody work",
        "summary": "A summary.",
        "body": "## What they did\n\nThings.",
        "organisations": "Barnardo's; West Midlands Police",
        "sectors": "policing, vcs",
        "places": "outside_london",
        "place_detail": "West Midlands",
        "rs": "realise;respond",
        "principles": principles,
        "domains": "physical_environment",
        "components": "safe_environment",
        "practice_level": "trauma_skilled",
        "evidence": "practitioner_reported",
        "evidence_note": "Reported by staff.",
        "outcomes": "- Calmer cells",
        "started": "2021-09",
        "ended": "",
        "contact_name": "",
        "contact_email": "",
        "is_illustrative": "0",
        "status": "",
    }
    values.update(overrides)
    return ",".join(f'"{value}"' for value in values.values()) + "\n"


def _csv_format_index():
    formats = CaseStudyAdmin(CaseStudy, None).get_import_formats()
    return str(next(i for i, f in enumerate(formats) if f is CSV))


def _upload(admin_client, content):
    return admin_client.post(
        IMPORT_URL,
        {
            "resource": "0",
            "format": _csv_format_index(),
            "import_file": SimpleUploadedFile(
                "case-studies.csv", content.encode(), content_type="text/csv"
            ),
        },
    )


def test_changelist_lists_and_searches_case_studies(admin_client):
    CaseStudyFactory(title="Custody murals")
    CaseStudyFactory(title="Family hubs")
    response = admin_client.get(CHANGELIST, {"q": "custody"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Custody murals" in html
    assert "Family hubs" not in html


def test_change_form_edits_tags_as_checkboxes_and_links_the_preview(admin_client):
    case_study = CaseStudyFactory(draft=True, principles=["choice"])
    url = reverse("admin:casestudies_casestudy_change", args=[case_study.pk])
    html = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="principles" value="choice"' in html
    assert 'name="principles" value="cultural_consideration"' in html
    assert case_study.get_preview_url() in html


def test_view_on_site_is_the_preview_for_drafts():
    model_admin = CaseStudyAdmin(CaseStudy, None)
    draft = CaseStudyFactory(draft=True)
    published = CaseStudyFactory()
    assert model_admin.view_on_site(draft) == draft.get_preview_url()
    assert model_admin.view_on_site(published) == published.get_absolute_url()


def _post_data(**overrides):
    data = {
        "title": "New case study",
        "slug": "new-case-study",
        "status": "published",
        "summary": "Summary.",
        "body": "Body.",
        "outcomes": "",
        "image_alt": "",
        "organisations": "Brent Council\nA charity, with a comma",
        "sectors": ["local_authority"],
        "places": ["brent"],
        "place_detail": "",
        "started": "2023",
        "ended": "",
        "rs": ["realise"],
        "principles": ["choice", "trust"],
        "practice_level": "",
        "evidence": "practitioner_reported",
        "evidence_note": "",
        "contact_name": "",
        "contact_email": "",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_adding_a_published_case_study_sets_its_date_and_tags(admin_client):
    response = admin_client.post(
        reverse("admin:casestudies_casestudy_add"), _post_data()
    )
    assert response.status_code == HTTPStatus.FOUND
    case_study = CaseStudy.objects.get(slug="new-case-study")
    assert case_study.published_at is not None
    assert case_study.principles == ["choice", "trust"]
    assert case_study.organisations == ["Brent Council", "A charity, with a comma"]


def test_outside_london_without_a_place_is_an_error_in_govuk_voice(admin_client):
    response = admin_client.post(
        reverse("admin:casestudies_casestudy_add"),
        _post_data(places=["outside_london"]),
    )
    assert response.status_code == HTTPStatus.OK
    assert "Enter where the practice took place" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_publish_action_publishes_drafts_with_a_date(admin_client):
    drafts = CaseStudyFactory.create_batch(2, draft=True)
    response = admin_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [d.pk for d in drafts]},
        follow=True,
    )
    assert "Published 2 case studies." in response.content.decode()
    assert CaseStudy.objects.published().count() == 2
    assert not CaseStudy.objects.filter(published_at__isnull=True).exists()


def test_unpublish_action_returns_to_draft(admin_client):
    published = CaseStudyFactory()
    admin_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [published.pk]}
    )
    published.refresh_from_db()
    assert published.status == CaseStudy.Status.DRAFT


def test_import_dry_run_with_an_unknown_tag_shows_a_row_error_and_saves_nothing(
    admin_client,
):
    response = _upload(
        admin_client, HEADER + _row() + _row("second", principles="choice, kindness")
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert response.context.get("confirm_form") is None
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert "Unknown code &#x27;kindness&#x27;" in html
    assert not CaseStudy.objects.exists()


def test_import_dry_run_previews_then_confirm_saves_drafts(admin_client):
    response = _upload(admin_client, HEADER + _row())
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Imported custody work" in html
    assert not CaseStudy.objects.exists()
    confirm = response.context["confirm_form"]
    admin_client.post(
        reverse("admin:casestudies_casestudy_process_import"), confirm.initial
    )
    case_study = CaseStudy.objects.get(slug="imported-custody")
    assert case_study.status == CaseStudy.Status.DRAFT
    assert case_study.principles == ["choice", "safety"]
    assert case_study.sectors == ["policing", "vcs"]
    assert case_study.organisations == ["Barnardo's", "West Midlands Police"]


def test_import_of_a_published_row_sets_the_publication_date():
    dataset = CaseStudyResource().export(CaseStudy.objects.none())
    dataset.append(
        [
            "published-row",
            "T",
            "S",
            "B",
            "",
            "nhs",
            "hackney",
            "",
            "realise",
            "trust",
            "",
            "",
            "",
            "illustrative",
            "",
            "",
            "",
            "",
            "",
            "",
            "1",
            "",
            "published",
            "",
            "",
        ]
    )
    result = CaseStudyResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert CaseStudy.objects.get(slug="published-row").published_at is not None


def test_export_writes_tags_as_semicolon_separated_codes():
    CaseStudyFactory(slug="exported", principles=["choice", "trust"])
    dataset = CaseStudyResource().export()
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["slug"] == "exported"
    assert row["principles"] == "choice; trust"


def test_export_round_trips_through_import_unchanged():
    CaseStudyFactory(slug="round-trip", principles=["choice", "trust"])
    dataset = CaseStudyResource().export()
    result = CaseStudyResource().import_data(dataset, dry_run=True)
    assert not result.has_validation_errors()
    assert result.totals["skip"] == 1


def test_export_from_the_admin_as_xlsx(admin_client):
    CaseStudyFactory(title="Spreadsheet row")
    formats = CaseStudyAdmin(CaseStudy, None).get_export_formats()
    xlsx = next(i for i, f in enumerate(formats) if f().get_title() == "xlsx")
    response = admin_client.post(
        EXPORT_URL,
        {
            "resource": "0",
            "format": str(xlsx),
            "export_items": [],
            **{
                f"casestudyresource_{name}": "on"
                for name in ("slug", "title", "principles")
            },
        },
    )
    assert response.status_code == HTTPStatus.OK
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Spreadsheet row" in values


@pytest.fixture
def viewer_client(client, django_user_model, staff_login):
    """Staff who may only view case studies."""
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_casestudy"))
    return staff_login(client, user)


def test_staff_who_may_only_view_cannot_import_or_publish(viewer_client):
    draft = CaseStudyFactory(draft=True)
    assert viewer_client.get(IMPORT_URL).status_code == HTTPStatus.FORBIDDEN
    changelist = viewer_client.get(CHANGELIST).content.decode()
    assert 'value="publish"' not in changelist
    viewer_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == CaseStudy.Status.DRAFT


def test_staff_who_may_only_view_can_export(viewer_client):
    CaseStudyFactory(title="Viewable practice", slug="viewable-practice")
    assert 'name="format"' in viewer_client.get(EXPORT_URL).content.decode()
    formats = CaseStudyAdmin(CaseStudy, None).get_export_formats()
    csv_format = next(i for i, f in enumerate(formats) if f is CSV)
    response = viewer_client.post(
        EXPORT_URL,
        {
            "resource": "0",
            "format": str(csv_format),
            "export_items": [],
            **{f"casestudyresource_{name}": "on" for name in ("slug", "title")},
        },
    )
    assert response["Content-Disposition"].startswith("attachment")
    assert "viewable-practice,Viewable practice" in response.content.decode()
