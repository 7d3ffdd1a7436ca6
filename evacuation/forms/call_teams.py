"""Forms of the call-teams page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_set, user_choices
from crisisportal.forms.rendering import PortalForm


class CallTeamForm(PortalForm):
    name = forms.CharField(label=_("Team name"), max_length=100)


class CallTeamMemberForm(PortalForm):
    user = forms.ChoiceField(label=_("Call-team member"))

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        choices_set(self, "user", user_choices(candidates))

    def candidate(self, user_id: str) -> Any:
        """The chosen member (the field only accepts the ids of the candidates)."""
        return next(u for u in self.candidates if str(u.pk) == user_id)
