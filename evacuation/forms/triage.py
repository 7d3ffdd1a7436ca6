"""Forms of a help request in triage."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_set, named_choices, text_field
from crisisportal.forms.rendering import PortalForm


class RequestTeamForm(PortalForm):
    team = forms.ChoiceField(label=_("Call team"), required=False)

    def __init__(self, *args: Any, teams: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_set(self, "team", [("", _("Every call team")), *named_choices(teams)])


class CloseRequestForm(PortalForm):
    reason = text_field(label=_("Reason for closing"))
