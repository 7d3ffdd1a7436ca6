"""Widgets and field helpers shared by the forms of the triggers app."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def guests_field(help_text: Any) -> forms.CharField:
    """Guests of a review: people who take part without being a participant, in free text."""
    return forms.CharField(
        label=_("Guests"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
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
