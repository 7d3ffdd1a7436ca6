"""Forms of a post's evacuation plan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import date_field, text_field
from crisisportal.forms.rendering import PortalForm
from crisisportal.models.choices import EvacuationPlanLevel
from evacuation.models import (
    BarrierKind,
    GroupCode,
)


class PlanForm(PortalForm):
    level = forms.ChoiceField(label=_("Level"), choices=EvacuationPlanLevel.choices)
    scenarios = text_field(label=_("Scenarios"), required=False, rows=4)
    next_review_on = date_field(label=_("Next review on"), required=False)


class AssemblyPointForm(PortalForm):
    name = forms.CharField(label=_("Assembly point"), max_length=200)
    location = forms.CharField(label=_("Location"), max_length=300)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=0, required=False)


class BarrierForm(PortalForm):
    kind = forms.ChoiceField(label=_("Barrier"), choices=BarrierKind.choices)
    description = text_field(label=_("Description"))
    mitigation = text_field(label=_("Mitigation"), required=False)


class TargetSizeForm(PortalForm):
    group_code = forms.ChoiceField(label=_("Group"), choices=GroupCode.choices)
    estimated_size = forms.IntegerField(label=_("Estimated number of people"), min_value=0)


class ValidationForm(PortalForm):
    validated_on = date_field(label=_("Validated on"))
    with_defence = forms.BooleanField(
        label=_("Joint mission with Defence"), required=False, initial=True
    )
    participants = forms.CharField(label=_("Participants"), max_length=500, required=False)
    findings = text_field(label=_("Findings"), rows=3)
    next_review_on = date_field(label=_("Next review on"), required=False)
