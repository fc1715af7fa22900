"""Editors' imports of sources, case studies and figures: all rows or none."""

import pytest
import tablib

from casestudies.models import CaseStudy, Figure
from casestudies.resources import CaseStudyResource, FigureResource
from casestudies.tests.factories import CaseStudyFactory
from sources.models import Source
from sources.resources import SourceResource
from sources.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _errors(result) -> list[str]:
    messages = [str(e.error) for row in result.rows for e in row.errors]
    for row in result.invalid_rows:
        messages += [m for ms in row.error_dict.values() for m in ms]
    return messages


def test_a_source_with_no_title_is_a_row_error_and_nothing_is_saved():
    data = tablib.Dataset(headers=["code", "title", "kind", "published"])
    data.append(["good", "A good report", "evaluation", "2024"])
    data.append(["untitled", "", "evaluation", "2024"])
    result = SourceResource().import_data(data)
    assert [row.number for row in result.invalid_rows] == [2]
    assert "This field cannot be blank." in _errors(result)
    assert not Source.objects.exists()


def test_a_case_study_citing_an_unknown_source_is_a_row_error_and_nothing_is_saved():
    SourceFactory(code="known")
    data = CaseStudyResource().export(CaseStudy.objects.none())
    headers = data.headers
    for slug, sources in (("first", "known"), ("second", "known; made-up")):
        row = dict.fromkeys(headers, "")
        row |= {
            "slug": slug,
            "title": "T",
            "summary": "S",
            "body": "B",
            "sectors": "nhs",
            "places": "hackney",
            "rs": "realise",
            "principles": "trust",
            "evidence": "practitioner_reported",
            "sources": sources,
        }
        data.append([row[h] for h in headers])
    result = CaseStudyResource().import_data(data)
    assert result.has_validation_errors()
    assert any("Unknown source 'made-up'" in e for e in _errors(result))
    assert not CaseStudy.objects.exists()


def test_a_case_study_import_saves_its_sources_in_order():
    SourceFactory(code="b")
    SourceFactory(code="a")
    case_study = CaseStudyFactory(slug="row")
    exported = CaseStudyResource().export(CaseStudy.objects.filter(pk=case_study.pk))
    row = dict(zip(exported.headers, exported[0], strict=True)) | {"sources": "b; a"}
    data = tablib.Dataset(list(row.values()), headers=list(row))
    result = CaseStudyResource().import_data(data)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert [s.code for _, s in case_study.numbered_sources()] == ["b", "a"]


@pytest.mark.parametrize(
    ("source", "message"),
    [("", "Enter the code of the figure's source"), ("nope", "Unknown source 'nope'")],
)
def test_a_figure_without_a_known_source_is_a_row_error_and_nothing_is_saved(
    source, message
):
    SourceFactory(code="known")
    CaseStudyFactory(slug="row")
    data = tablib.Dataset(headers=["id", "case_study", "text", "source", "location"])
    data.append(["", "row", "42%", "known", "Page 3"])
    data.append(["", "row", "7%", source, "Page 3"])
    result = FigureResource().import_data(data)
    assert result.has_errors()
    assert any(message in e for e in _errors(result))
    assert not Figure.objects.exists()
