"""Model fields for the roadmap: arrays of vocabulary codes edited as checkboxes."""

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """An array of codes from one TextChoices, shown in forms as checkboxes.

    Django's ArrayField edits as comma-separated text, which lets an editor type a
    code that does not exist; checkboxes only offer the vocabulary.
    """

    def formfield(self, **kwargs):
        """A multiple choice field over the base field's choices."""
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # ArrayField.formfield would force SimpleArrayField; skip to Field's.
        return super(ArrayField, self).formfield(**defaults)


class LineArrayField(ArrayField):
    """An array of short texts, edited one per line (texts may contain commas)."""

    def formfield(self, **kwargs):
        """A textarea split on new lines."""
        from django.contrib.postgres.forms import SimpleArrayField

        defaults = {
            "form_class": SimpleArrayField,
            "base_field": self.base_field.formfield(),
            "delimiter": "\n",
            "widget": forms.Textarea(attrs={"rows": 5}),
        }
        defaults.update(kwargs)
        return super(ArrayField, self).formfield(**defaults)
