"""Forms of the case list: its filters and bulk assignment."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_set, named_choices, user_choices
from crisisportal.forms.rendering import PortalForm
from evacuation.models import (
    GroupCode,
)
from evacuation.models.choices import CaseStatus


class CaseFilterForm(PortalForm):
    group = forms.ChoiceField(label=_("Group"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("All")), *[(str(i), str(i)) for i in range(1, 10)]],
    )
    manual = forms.ChoiceField(
        label=_("Priority set"),
        required=False,
        choices=[("", _("All")), ("yes", _("by hand")), ("no", _("by the groups"))],
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    team = forms.ChoiceField(label=_("Call team"), required=False)
    post = forms.ChoiceField(label=_("Post"), required=False)
    # A code, not a select of 250 countries: rendering that select cost more than the queries.
    nationality = forms.CharField(
        label=_("Nationality"),
        required=False,
        max_length=2,
        help_text=_("Two-letter country code, e.g. AF."),
    )

    def __init__(
        self,
        *args: Any,
        owners: list[Any],
        posts: list[Any],
        teams: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        all_choice = [("", _("All"))]
        choices_set(
            self,
            "team",
            [*all_choice, ("none", _("No team")), *named_choices(teams or [])],
        )
        choices_set(self, "group", all_choice + list(GroupCode.choices))
        choices_set(self, "status", all_choice + list(CaseStatus.choices))
        choices_set(
            self,
            "owner",
            [*all_choice, ("none", _("Nobody")), *user_choices(owners)],
        )
        choices_set(self, "post", all_choice + named_choices(posts))


class AssignForm(PortalForm):
    owner = forms.ChoiceField(label=_("Assign to member"), required=False)
    team = forms.ChoiceField(
        label=_("Assign to team"),
        required=False,
        help_text=_("A member's cases go to the member's team as well."),
    )

    def __init__(
        self, *args: Any, owners: list[Any], teams: list[Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices_set(
            self,
            "owner",
            [("", _("Nobody")), *user_choices(owners)],
        )
        choices_set(self, "team", [("", _("No team")), *named_choices(teams or [])])
