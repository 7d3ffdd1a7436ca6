"""Widgets and field helpers shared by the forms of the triggers app."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def long_text(label: Any, *, rows: int = 3, required: bool = False, help_text: Any = "") -> Any:
    """Free text over several lines (optional unless required)."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        help_text=help_text,
    )


def guests_field(help_text: Any) -> Any:
    """Guests of a review: people who take part without being a participant, in free text."""
    return long_text(_("Guests"), rows=2, help_text=help_text)


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
