"""The form that records an observation of a precursor event."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import DateInput, choices_offer, offered_choice, text_field
from crisisportal.forms.rendering import PortalForm
from crisisportal.models import PictureItem, Sitrep
from triggers.models import (
    EventStatus,
)


class ObservationForm(PortalForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=EventStatus.choices, widget=forms.RadioSelect
    )
    observed_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    source = forms.CharField(label=_("Source"), max_length=300)
    sitrep = offered_choice(
        _("Situation report it came from"),
        Sitrep,
        help_text=_("Optional: a submitted situation report of the crisis."),
    )
    picture_item = offered_choice(
        _("Picture item it came from"),
        PictureItem,
        help_text=_("Optional: a fact in the picture of one of the crisis's BOB meetings."),
    )
    note = text_field(_("Note"), rows=3, required=False)

    def __init__(self, *args: Any, sitreps: Any, picture_items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "sitrep", sitreps, sitrep_label)
        choices_offer(self, "picture_item", picture_items, picture_item_label)


def sitrep_label(sitrep: Sitrep) -> str:
    return gettext("%(post)s, situation report of %(when)s") % {
        "post": sitrep.post.name,
        "when": date_format(timezone.localtime(sitrep.submitted_at), "j F Y H:i"),
    }


def picture_item_label(item: PictureItem) -> str:
    return f"{item.meeting.title}: {Truncator(item.fact).chars(80)}"
