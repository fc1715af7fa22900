"""The coding pages in the admin: who may see them, saving, moving, bad input."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from coding import services
from coding.models import Coding, Redaction
from coding.tests.factories import answer, code_named

pytestmark = pytest.mark.django_db


def _page(codebook, **query):
    url = reverse("admin:coding_codebook_code", args=[codebook.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _post(client, codebook, response, question, **data):
    values = {
        "response": response.pk,
        "question": question.code,
        "version": 0,
        "note": "",
        "action": "save",
    }
    values.update(data)
    return client.post(_page(codebook, at=question.code, response=response.pk), values)


@pytest.mark.parametrize(
    "name",
    [
        "coding_codebook_code",
        "coding_codebook_samples",
        "coding_codebook_themes",
        "coding_codebook_change",
    ],
)
def test_editors_are_refused_every_coding_page(editor_client, codebook, name):
    response = editor_client.get(reverse(f"admin:{name}", args=[codebook.pk]))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_editors_cannot_list_copy_or_see_agreement(
    editor_client, analyst, vru_admin, codebook, question
):
    answer(question.wave, "Text.")
    sample = services.sample_assign(
        question=question,
        percent=100,
        seed=1,
        coders=[analyst, vru_admin],
        user=analyst,
    )
    for url in (
        reverse("admin:coding_codebook_changelist"),
        reverse("admin:coding_codebook_copy"),
        reverse("admin:coding_codebook_agreement", args=[codebook.pk, sample.pk]),
    ):
        assert editor_client.get(url).status_code == HTTPStatus.FORBIDDEN
    posted = editor_client.post(_page(codebook), {"action": "save"})
    assert posted.status_code == HTTPStatus.FORBIDDEN


def test_anonymous_visitors_are_sent_to_sign_in(client, codebook):
    response = client.get(_page(codebook))
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]


def test_the_page_opens_the_first_answer_with_sector_and_role(
    analyst_client, codebook, question
):
    first = answer(question.wave, "Seeing the person first.", sector="nhs")
    answer(question.wave, "Second answer.")
    response = analyst_client.get(_page(codebook), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert (
        response.redirect_chain[-1][0].endswith(
            f"at=meaning_own_words&response={first.pk}"
        )
        or f"response={first.pk}" in response.redirect_chain[-1][0]
    )
    html = response.content.decode()
    assert "Seeing the person first." in html
    assert "NHS" in html
    assert "Housing officer" in html  # version 1's job title
    assert 'name="codes"' in html


def test_save_and_next_stores_the_coding_and_opens_the_next_answer(
    analyst_client, analyst, codebook, question
):
    first = answer(question.wave, "First.")
    second = answer(question.wave, "Second.")
    barriers = code_named(codebook, "Barriers")
    response = _post(
        analyst_client,
        codebook,
        first,
        question,
        codes=[barriers.pk],
        note="A note",
        action="next",
    )
    assert response.status_code == HTTPStatus.FOUND
    assert f"response={second.pk}" in response["Location"]
    coding = Coding.objects.get(coder=analyst)
    assert list(coding.codes.all()) == [barriers]
    page = analyst_client.get(response["Location"])
    assert "Saved " + first.reference in page.content.decode()


def test_uncoded_only_skips_answers_already_coded(
    analyst_client, analyst, codebook, question
):
    first = answer(question.wave, "First.")
    second = answer(question.wave, "Second.")
    services.coding_save(
        response=first,
        question=question,
        coder=analyst,
        code_ids=[],
        note="",
        version=0,
    )
    response = analyst_client.get(_page(codebook, uncoded=1))
    assert f"response={second.pk}" in response["Location"]


def test_filters_by_sector_code_and_words(analyst_client, analyst, codebook, question):
    answer(question.wave, "About training.", sector="nhs")
    police = answer(question.wave, "About leadership.", sector="met_police")
    response = analyst_client.get(_page(codebook, sector="met_police"))
    assert f"response={police.pk}" in response["Location"]
    response = analyst_client.get(_page(codebook, q="LEADERSHIP"))
    assert f"response={police.pk}" in response["Location"]
    helps = code_named(codebook, "What helps")
    services.coding_save(
        response=police,
        question=question,
        coder=analyst,
        code_ids=[helps.pk],
        note="",
        version=0,
    )
    response = analyst_client.get(_page(codebook, code=helps.pk))
    assert f"response={police.pk}" in response["Location"]
    page = analyst_client.get(_page(codebook, q="nowhere-to-be-found"))
    assert "No answers match these filters" in page.content.decode()


def test_progress_shows_coded_of_total_per_question(
    analyst_client, analyst, codebook, question
):
    first = answer(question.wave, "First.")
    answer(question.wave, "Second.")
    services.coding_save(
        response=first,
        question=question,
        coder=analyst,
        code_ids=[],
        note="",
        version=0,
    )
    html = analyst_client.get(_page(codebook), follow=True).content.decode()
    row = re.search(
        r"meaning_own_words</a></th><td[^>]*>(\d+)</td><td[^>]*>(\d+)", html
    )
    assert row.groups() == ("1", "2")


def test_an_unknown_code_gives_a_clear_message_and_saves_nothing(
    analyst_client, codebook, question
):
    first = answer(question.wave, "First.")
    response = _post(analyst_client, codebook, first, question, codes=["999999"])
    assert response.status_code == HTTPStatus.OK
    assert (
        "Select codes from this wave&#x27;s codebook only" in response.content.decode()
    )
    assert not Coding.objects.exists()


def test_a_stale_form_shows_both_codings_and_loses_nothing(
    analyst_client, analyst, codebook, question
):
    first = answer(question.wave, "First.")
    helps = code_named(codebook, "What helps")
    barriers = code_named(codebook, "Barriers")
    services.coding_save(
        response=first,
        question=question,
        coder=analyst,
        code_ids=[helps.pk],
        note="from the other tab",
        version=0,
    )
    response = _post(
        analyst_client, codebook, first, question, codes=[barriers.pk], version=0
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "saved from another page" in html
    assert "from the other tab" in html
    # The coder's own choice is still ticked, and the form now carries the
    # saved version, so saving again goes through.
    assert re.search(rf'value="{barriers.pk}"[^>]*checked', html)
    assert 'name="version" value="1"' in html
    again = _post(
        analyst_client, codebook, first, question, codes=[barriers.pk], version=1
    )
    assert again.status_code == HTTPStatus.FOUND
    assert list(Coding.objects.get().codes.all()) == [barriers]


def test_malformed_and_foreign_ids_never_give_a_500(analyst_client, codebook, question):
    first = answer(question.wave, "First.")
    for query in ("at=nope&response=1", "at=meaning_own_words&response=x", "code=x"):
        response = analyst_client.get(_page(codebook) + "?" + query)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    response = analyst_client.post(
        _page(codebook, at=question.code, response=first.pk + 1000),
        {"action": "save"},
    )
    assert response.status_code == HTTPStatus.FOUND
    response = _post(analyst_client, codebook, first, question, version="x")
    assert response.status_code == HTTPStatus.OK
    assert "The form could not be read" in response.content.decode()
    missing = reverse("admin:coding_codebook_code", args=[codebook.pk + 1000])
    assert analyst_client.get(missing).status_code == HTTPStatus.NOT_FOUND


def test_flagging_a_passage_from_the_page(analyst_client, codebook, question):
    first = answer(question.wave, "Ask Jo Bloggs in Elm Street.")
    url = _page(codebook, at=question.code, response=first.pk)
    data = {
        "action": "flag",
        "response": first.pk,
        "question": question.code,
        "passage": "Jo Bloggs",
    }
    assert analyst_client.post(url, data).status_code == HTTPStatus.FOUND
    assert Redaction.objects.get().passage == "Jo Bloggs"
    page = analyst_client.get(url).content.decode()
    assert '<mark title="Flagged for redaction">Jo Bloggs</mark>' in page
    missing = analyst_client.post(url, data | {"passage": "Nobody"})
    assert missing.status_code == HTTPStatus.OK
    assert "exactly as it appears" in missing.content.decode()


def test_the_coding_page_query_count_does_not_grow_with_answers(
    analyst_client, codebook, question, django_assert_max_num_queries
):
    first = answer(question.wave, "First.")
    for i in range(30):
        answer(question.wave, f"More {i}.")
    url = _page(codebook, at=question.code, response=first.pk)
    with django_assert_max_num_queries(30):
        assert analyst_client.get(url).status_code == HTTPStatus.OK


def test_agreement_page_shows_kappa_and_disagreements(
    analyst_client, analyst, vru_admin, codebook, question
):
    responses = [answer(question.wave, f"Answer {i}.") for i in range(4)]
    sample = services.sample_assign(
        question=question,
        percent=100,
        seed=1,
        coders=[analyst, vru_admin],
        user=analyst,
    )
    helps = code_named(codebook, "What helps")
    # Coder A ticks "What helps" on answers 0 and 1; coder B on 0 and 2.
    for coder, ticked in ((analyst, {0, 1}), (vru_admin, {0, 2})):
        for i, response in enumerate(responses):
            services.coding_save(
                response=response,
                question=question,
                coder=coder,
                code_ids=[helps.pk] if i in ticked else [],
                note="",
                version=0,
            )
    url = reverse("admin:coding_codebook_agreement", args=[codebook.pk, sample.pk])
    html = analyst_client.get(url).content.decode()
    assert "Cohen's kappa" in html
    # p_o = 0.5, p_e = 0.5: kappa 0.00; alpha 1 - 7 * 4 / 32 = 0.125.
    row = re.search(r"What helps</th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r">([^<]+)</td>", row) == ["4", "2", "0.00", "0.13"], row
    assert responses[1].reference in html and responses[2].reference in html
    settle = analyst_client.post(
        url, {"response": responses[1].pk, "codes": [helps.pk]}
    )
    assert settle.status_code == HTTPStatus.FOUND
    bad = analyst_client.post(url, {"response": responses[1].pk, "codes": ["99999"]})
    assert bad.status_code == HTTPStatus.FOUND


def test_assigning_a_sample_from_the_page(
    analyst_client, analyst, vru_admin, codebook, question
):
    for i in range(20):
        answer(question.wave, f"Answer {i}.")
    url = reverse("admin:coding_codebook_samples", args=[codebook.pk])
    refused = analyst_client.post(url, {"question": question.code, "percent": "0"})
    assert refused.status_code == HTTPStatus.OK
    assert "Enter a percentage from 1 to 100" in refused.content.decode()
    response = analyst_client.post(
        url,
        {
            "question": question.code,
            "percent": 10,
            "seed": 3,
            "coders": [analyst.pk, vru_admin.pk],
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Coding.objects.count() == 0


def test_suggest_themes_groups_uncoded_answers(analyst_client, codebook, question):
    for i in range(12):
        answer(question.wave, f"Training for staff and supervision number {i}.")
        answer(question.wave, f"Funding cuts and short contracts {i}.")
    url = reverse("admin:coding_codebook_themes", args=[codebook.pk])
    html = analyst_client.get(
        url, {"question": question.code, "clusters": 2}
    ).content.decode()
    assert "Suggested themes from 24 uncoded answers" in html
    assert "Group 2" in html
    refused = analyst_client.get(url, {"question": question.code, "clusters": 40})
    assert "Enter a number of groups from 2 to 12" in refused.content.decode()


def test_copy_page_copies_a_codebook(analyst_client, codebook):
    from survey.tests.factories import wave_with_questionnaire

    later = wave_with_questionnaire(slug="later-wave")
    url = reverse("admin:coding_codebook_copy")
    assert analyst_client.get(url).status_code == HTTPStatus.OK
    response = analyst_client.post(url, {"source": codebook.pk, "wave": later.pk})
    assert response.status_code == HTTPStatus.FOUND
    assert later.codebook.codes.count() == 3
