"""The decision on a catalogue group for the crisis."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import text_field
from crisisportal.forms.rendering import PortalForm
from evacuation.models import (
    GroupCode,
)


class GroupDecisionForm(PortalForm):
    group_code = forms.ChoiceField(label=_("Group"), choices=GroupCode.choices)
    enabled = forms.BooleanField(label=_("Enabled in this crisis"), required=False, initial=True)
    priority = forms.IntegerField(label=_("Priority"), min_value=1, max_value=9, required=False)
    rationale = text_field(label=_("Rationale"))
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)
