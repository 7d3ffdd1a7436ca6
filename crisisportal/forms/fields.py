"""Widgets and field helpers shared by the forms of every app: text areas, the browser's date
and time pickers, and choices that only the view knows (per request)."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django_countries import countries


class DateInput(forms.DateInput):
    """The browser's date picker. It takes ISO dates only: a fixed format, else a Dutch page
    would render the date as DD-MM-YYYY, which the picker rejects (and shows empty)."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's local date-and-time picker, which takes ISO values only (as DateInput)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"


def textarea_rows(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def text_field(label: Any, *, rows: int = 2, **options: Any) -> forms.CharField:
    """Free text in a text area of `rows` lines."""
    return forms.CharField(label=label, widget=textarea_rows(rows), **options)


def date_field(label: Any, **options: Any) -> forms.DateField:
    """A date with the browser's date picker."""
    return forms.DateField(label=label, widget=DateInput(), **options)


def datetime_field(label: Any, **options: Any) -> forms.DateTimeField:
    """A local date and time with the browser's picker."""
    return forms.DateTimeField(label=label, widget=DateTimeLocalInput(), **options)


def choices_set(form: forms.BaseForm, name: str, choices: list[Any]) -> None:
    """Give a choice field its choices for this request (the users, teams, posts or
    countries the user may pick), which a class attribute cannot know."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def user_choices(users: Iterable[Any]) -> list[tuple[str, str]]:
    """Staff by name (their email when the profile has no name), valued by id."""
    return [(str(u.pk), u.get_full_name() or u.email) for u in users]


def named_choices(objects: Iterable[Any]) -> list[tuple[str, str]]:
    """Call teams, posts: by name, valued by id."""
    return [(str(o.pk), o.name) for o in objects]


def country_choices(codes: list[str] | None) -> list[tuple[str, str]]:
    """The given countries by name, or every country for None (a DCC user)."""
    if codes is None:
        return list(countries)
    return [(code, str(countries.name(code))) for code in codes]


def offered_choice(label: Any, model: Any, *, required: bool = False, help_text: Any = "") -> Any:
    """One object to choose from those the view offers (choices_offer), per request."""
    return forms.ModelChoiceField(
        label=label, queryset=model.objects.none(), required=required, help_text=help_text
    )


def offered_ticks(label: Any, model: Any, *, required: bool = False, help_text: Any = "") -> Any:
    """Objects to tick among those the view offers (choices_offer), per request."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=model.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
    )


def choices_offer(
    form: forms.BaseForm, name: str, queryset: Any, label: Callable[[Any], str] | None = None
) -> None:
    """Offer queryset (what the user may choose, known only per request) in the model choice
    field name, each choice shown by label when given."""
    field = form.fields[name]
    field.queryset = queryset  # type: ignore[attr-defined]
    if label is not None:
        field.label_from_instance = label  # type: ignore[attr-defined]
