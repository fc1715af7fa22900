"""The database refuses codes deeper than one level."""

import pytest
from django.db import IntegrityError, transaction

from coding.models import Code

pytestmark = pytest.mark.django_db


def test_a_child_code_cannot_have_children(codebook):
    child = codebook.codes.get(name="Leadership")
    with pytest.raises(IntegrityError, match="one level deep"), transaction.atomic():
        Code.objects.create(
            codebook=codebook, name="Grandchild", definition="x", parent=child
        )


def test_a_parent_code_cannot_be_put_under_another(codebook):
    helps = codebook.codes.get(name="What helps")
    barriers = codebook.codes.get(name="Barriers")
    helps.parent = barriers
    with pytest.raises(IntegrityError, match="one level deep"), transaction.atomic():
        helps.save()


def test_a_code_cannot_be_its_own_parent(codebook):
    barriers = codebook.codes.get(name="Barriers")
    barriers.parent_id = barriers.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        barriers.save()


def test_code_names_are_unique_within_a_codebook(codebook):
    with pytest.raises(IntegrityError), transaction.atomic():
        Code.objects.create(codebook=codebook, name="Barriers", definition="Again.")
