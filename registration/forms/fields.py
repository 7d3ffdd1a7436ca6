"""Small pieces the registration forms share."""

from typing import Any

from django import forms
from django_countries import countries


def choices_set(form: forms.BaseForm, name: str, choices: list[Any]) -> None:
    """Give a choice field its choices for this request (the posts or countries the user
    may pick), which a class attribute cannot know."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def country_choices(codes: list[str] | None) -> list[tuple[str, str]]:
    """The given countries by name, or every country for None (a DCC user)."""
    if codes is None:
        return list(countries)
    return [(code, str(countries.name(code))) for code in codes]
