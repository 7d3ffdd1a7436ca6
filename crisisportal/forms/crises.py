"""Forms of crises: opening, details, phase, escalation and members."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.fields import choices_offer, offered_choice, offered_ticks, textarea_rows
from crisisportal.forms.rendering import PortalForm
from crisisportal.models import (
    CrisisKind,
    CrisisPhase,
    CrisisRole,
    EscalationLevel,
    InformedParty,
    Post,
)


class DecisionFieldsMixin(forms.Form):
    """Every phase or level change records why, who decided and who was informed."""

    rationale = forms.CharField(label=_("Rationale"), widget=textarea_rows(4))
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("Who took the decision, e.g. the Secretary-General."),
    )
    informed = forms.MultipleChoiceField(
        label=_("Informed"),
        choices=InformedParty.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    informed_other = forms.CharField(label=_("Also informed"), max_length=300, required=False)


class CrisisDetailsForm(PortalForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CrisisKind.choices)
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=list(countries),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to select more than one country."),
    )
    posts = offered_ticks(_("Affected posts"), Post)
    reporting_cadence_hours = forms.IntegerField(
        label=_("Reporting cadence (hours)"),
        min_value=1,
        max_value=24 * 14,
        initial=24,
        help_text=_("How often each affected post must file a situation report."),
    )
    summary = forms.CharField(label=_("Summary"), widget=textarea_rows(4), required=False)

    def __init__(self, *args: Any, posts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "posts", posts if posts is not None else Post.objects.all())


class CrisisOpenForm(DecisionFieldsMixin, CrisisDetailsForm):
    phase = forms.ChoiceField(
        label=_("Opening phase"),
        choices=[
            (CrisisPhase.PRE_CRISIS, CrisisPhase.PRE_CRISIS.label),
            (CrisisPhase.CRISIS, CrisisPhase.CRISIS.label),
        ],
    )
    field_order = [
        "title",
        "kind",
        "countries",
        "posts",
        "phase",
        "reporting_cadence_hours",
        "summary",
    ]


class PhaseChangeForm(DecisionFieldsMixin, PortalForm):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=[])
    field_order = ["to_phase"]

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = [(p, CrisisPhase(p).label) for p in allowed]  # type: ignore[attr-defined]


class EscalationForm(DecisionFieldsMixin, PortalForm):
    to_level = forms.ChoiceField(label=_("New escalation level"), choices=EscalationLevel.choices)
    special_council = forms.CharField(
        label=_("Special council"),
        max_length=100,
        required=False,
        help_text=_("Only for a special council, e.g. RVI."),
    )
    field_order = ["to_level", "special_council"]


class MemberForm(PortalForm):
    user = offered_choice(_("Staff member"), get_user_model(), required=True)
    role = forms.ChoiceField(label=_("Role"), choices=CrisisRole.choices)
    escalation_order = forms.IntegerField(
        label=_("Place on the escalation list"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_(
            "A high-urgency alert nobody acknowledges goes to the people on this list, 1 first. "
            "Leave empty to keep this member off the list."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff_offer(self, "user")


class CallInForm(PortalForm):
    users = offered_ticks(_("Flexible-shell members to call in"), get_user_model(), required=True)

    def __init__(self, *args: Any, available: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "users", available, staff_label)


def staff_label(user: Any) -> str:
    name = user.get_full_name() or user.email
    return f"{name} ({user.email})" if name != user.email else name


def staff_offer(form: forms.BaseForm, name: str) -> None:
    """Offer every active staff member (a user with a staff profile) in the field name."""
    staff = get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
    choices_offer(form, name, staff.order_by("email"), staff_label)
