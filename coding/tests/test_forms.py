"""The code form explains the one-level rule before the database refuses it."""

import pytest

from coding.forms import CodeForm

pytestmark = pytest.mark.django_db


def _data(**fields):
    return {"name": "New", "definition": "x", "colour": "blue", "order": 0} | fields


def test_a_child_code_cannot_be_a_parent(codebook):
    child = codebook.codes.get(name="Leadership")
    form = CodeForm(data=_data(parent=child.pk))
    assert not form.is_valid()
    assert form.errors["parent"] == [
        "Choose a top-level code as the parent: codes are one level deep"
    ]


def test_a_code_with_children_cannot_get_a_parent(codebook):
    helps = codebook.codes.get(name="What helps")
    barriers = codebook.codes.get(name="Barriers")
    form = CodeForm(data=_data(name=helps.name, parent=barriers.pk), instance=helps)
    assert not form.is_valid()
    assert form.errors["parent"] == ["A code with codes under it cannot have a parent"]
