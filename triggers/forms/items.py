"""Forms of a trigger document's content: scenarios, precursor events, measures, positions."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.fields import DateInput, choices_offer, offered_choice, text_field
from crisisportal.forms.rendering import PortalForm
from triggers.models import (
    MeasureOwner,
    MeasureStatus,
    ScenarioKind,
)


class ScenarioForm(PortalForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ScenarioKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = text_field(_("Description"), rows=3, required=False)
    assessment = text_field(_("Assessment"), rows=3, required=False)


class EventForm(PortalForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = text_field(_("Description"), rows=3, required=False)


class MeasureForm(PortalForm):
    title = forms.CharField(label=_("Action or measure"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"), choices=MeasureOwner.choices)
    owner_detail = forms.CharField(
        label=_("Owner (name)"),
        max_length=200,
        required=False,
        help_text=_("E.g. the directorate or ministry, such as DCV or JenV."),
    )
    owner_contact = offered_choice(
        _("Contact person"), get_user_model(), help_text=_("Notified when the measure becomes due.")
    )
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput, required=False)

    def __init__(self, *args: Any, contacts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(
            self, "owner_contact", contacts, lambda user: user.get_full_name() or user.email
        )


class WorsenedForm(PortalForm):
    worsened = forms.TypedChoiceField(
        label=_("Has the scenario worsened?"),
        choices=[("yes", _("Yes, the scenario has worsened")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)
    note = text_field(_("Note"), rows=3, required=False)


class PositionForm(PortalForm):
    country = forms.ChoiceField(label=_("Country"), choices=[("", "---------"), *countries])
    position_text = text_field(_("What they do or intend"), rows=3)
    why_not_us = text_field(
        _("Why would we not do what they do?"),
        rows=3,
        help_text=_("The answer may reveal a scenario nobody considered."),
    )
