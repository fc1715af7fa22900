"""Collectors in the admin: analysts make them, editors and the public cannot."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from survey.models import Collector
from survey.tests.factories import CollectorFactory, WaveFactory, submitted

pytestmark = pytest.mark.django_db

ADD = reverse("admin:survey_collector_add")


def _data(wave, **extra):
    return {
        "wave": wave.pk,
        "name": "Directors of Public Health network",
        "kind": "network",
        "borough": "",
        "active": "on",
        **extra,
    }


def test_an_analyst_creates_a_collector_with_a_code_and_their_name(analyst_client):
    wave = WaveFactory()
    response = analyst_client.post(ADD, _data(wave))
    assert response.status_code == HTTPStatus.FOUND
    collector = Collector.objects.get()
    assert collector.created_by == "analyst"
    assert len(collector.code) == 10
    page = analyst_client.get(reverse("admin:survey_collector_changelist"))
    assert collector.get_absolute_url() in page.content.decode()


def test_a_code_cannot_be_chosen_or_changed_in_the_admin(analyst_client):
    wave = WaveFactory()
    analyst_client.post(ADD, _data(wave, code="AAAAAAAAAA", created_by="mallory"))
    collector = Collector.objects.get()
    assert collector.code != "AAAAAAAAAA"
    assert collector.created_by == "analyst"
    change = reverse("admin:survey_collector_change", args=[collector.pk])
    analyst_client.post(change, _data(WaveFactory(), code="BBBBBBBBBB"))
    collector.refresh_from_db()
    assert collector.code != "BBBBBBBBBB"
    assert collector.wave == wave


def test_a_borough_link_without_its_borough_is_refused_next_to_the_field(
    analyst_client,
):
    response = analyst_client.post(ADD, _data(WaveFactory(), kind="borough"))
    assert response.status_code == HTTPStatus.OK
    assert "Choose the borough" in response.content.decode()
    assert not Collector.objects.exists()


def test_an_editor_cannot_see_or_create_collectors(editor_client):
    assert editor_client.get(ADD).status_code == HTTPStatus.FORBIDDEN
    response = editor_client.post(ADD, _data(WaveFactory()))
    assert response.status_code == HTTPStatus.FORBIDDEN
    changelist = reverse("admin:survey_collector_changelist")
    assert editor_client.get(changelist).status_code == HTTPStatus.FORBIDDEN
    assert not Collector.objects.exists()


def test_the_public_cannot_create_collectors(client):
    response = client.post(ADD, _data(WaveFactory()))
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]
    assert not Collector.objects.exists()


def test_an_analyst_cannot_delete_a_collector(analyst_client):
    collector = CollectorFactory()
    delete = reverse("admin:survey_collector_delete", args=[collector.pk])
    assert analyst_client.post(delete, {"post": "yes"}).status_code == (
        HTTPStatus.FORBIDDEN
    )
    assert Collector.objects.filter(pk=collector.pk).exists()


def test_a_signed_in_non_staff_user_cannot_create_collectors(django_user_model):
    user = django_user_model.objects.create_user("someone", password="x" * 20)
    client = Client()
    client.force_login(user)
    response = client.post(ADD, _data(WaveFactory()))
    assert response.status_code == HTTPStatus.FOUND
    assert not Collector.objects.exists()


def test_a_response_says_which_link_it_came_through(analyst_client, open_wave):
    collector = CollectorFactory(wave=open_wave, name="Hackney CSP")
    through = submitted(open_wave, collector=collector)
    direct = submitted(open_wave)
    url = "admin:survey_response_change"
    page = analyst_client.get(reverse(url, args=[through.pk])).content.decode()
    assert "Hackney CSP" in page and collector.code in page
    page = analyst_client.get(reverse(url, args=[direct.pk])).content.decode()
    assert "Direct (no link)" in page
