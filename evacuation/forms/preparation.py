"""Forms of the crisis preparation page: conditions, decision, reception, information for evacuees."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_set, date_field, text_field
from crisisportal.forms.rendering import PortalForm
from evacuation.models import (
    ReceptionOrganisationKind,
    ThreatAssessment,
)


class ConditionsForm(PortalForm):
    life_threatening = forms.ChoiceField(
        label=_("Is the situation life-threatening?"), choices=ThreatAssessment.choices
    )
    life_threatening_notes = text_field(label=_("Explanation"), required=False)
    no_commercial_options = forms.BooleanField(
        label=_("No commercial options left"), required=False
    )
    no_partner_country = forms.BooleanField(
        label=_("No partner country can take people along"), required=False
    )
    no_other_way_out_notes = text_field(label=_("Explanation of the ways out"), required=False)
    responsible = forms.BooleanField(label=_("Evacuation is responsible"), required=False)
    practically_feasible = forms.BooleanField(
        label=_("Evacuation is practically feasible (e.g. landing rights)"), required=False
    )
    feasibility_notes = text_field(label=_("Explanation of feasibility"), required=False)


class EvacuationDecisionForm(PortalForm):
    rationale = text_field(label=_("Rationale"))
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)


class ReceptionForm(PortalForm):
    kind = forms.ChoiceField(label=_("Organisation"), choices=ReceptionOrganisationKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact = forms.CharField(label=_("Contact person"), max_length=300, required=False)
    informed_on = date_field(label=_("Informed on"), required=False)


class ReceptionInformedForm(PortalForm):
    """The date an organisation already listed was informed."""

    organisation = forms.ChoiceField(label=_("Organisation"))
    informed_on = date_field(label=_("Informed on"))

    def __init__(self, *args: Any, organisations: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_set(self, "organisation", [(str(o.pk), str(o)) for o in organisations or []])


class EvacueeInformationForm(PortalForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    text = text_field(label=_("Information for evacuees"), rows=5)
