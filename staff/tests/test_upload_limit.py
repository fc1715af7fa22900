"""Staff past both sign-in steps may upload more than the public forms' limit."""

from http import HTTPStatus

import pytest
from django.test import Client

from pages.tests.test_body_limit import multipart_post
from staff.roles import EDITOR
from staff.testing import sign_in_with_two_factor
from staff.tests.fixtures import staff_user

pytestmark = pytest.mark.django_db


def test_a_signed_in_editor_may_upload_up_to_the_staff_limit(settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    settings.STAFF_UPLOAD_MAX_BYTES = 64 * 1024
    editor = sign_in_with_two_factor(Client(), staff_user("editor", EDITOR))
    assert multipart_post(editor, "/admin/", 8 * 1024).status_code != (
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    )
    assert multipart_post(editor, "/admin/", 128 * 1024).status_code == (
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    )


def test_a_password_alone_does_not_raise_the_limit(settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    client = Client()
    client.force_login(staff_user("editor", EDITOR))
    response = multipart_post(client, "/admin/", 8 * 1024)
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
