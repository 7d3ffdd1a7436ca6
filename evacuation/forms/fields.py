"""Pieces shared by the evacuation forms: choices filled per request (users, teams), several
files in one input."""

from collections.abc import Iterable
from typing import Any

from django import forms


def choices_set(form: forms.BaseForm, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def user_choices(users: Iterable[Any]) -> list[tuple[str, str]]:
    """Staff by name (their email when the profile has no name), valued by id."""
    return [(str(u.pk), u.get_full_name() or u.email) for u in users]


def named_choices(objects: Iterable[Any]) -> list[tuple[str, str]]:
    """Call teams, posts: by name, valued by id."""
    return [(str(o.pk), o.name) for o in objects]


def text_field(label: Any, *, rows: int = 2, **options: Any) -> forms.CharField:
    """Free text in a text area of `rows` lines."""
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **options)


def date_field(label: Any, **options: Any) -> forms.DateField:
    """A date with the browser's date picker."""
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **options)


def datetime_field(label: Any, **options: Any) -> forms.DateTimeField:
    """A local date and time with the browser's picker."""
    return forms.DateTimeField(
        label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **options
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content in the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
