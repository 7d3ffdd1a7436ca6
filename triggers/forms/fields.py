"""A field the forms of the triggers app share (the generic helpers: crisisportal.forms.fields)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import text_field


def guests_field(help_text: Any) -> forms.CharField:
    """Guests of a review: people who take part without being a participant, in free text."""
    return text_field(_("Guests"), rows=2, required=False, help_text=help_text)
