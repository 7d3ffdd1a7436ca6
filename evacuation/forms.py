from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.rendering import PortalForm
from crisisportal.models.posts import EvacuationPlanLevel
from evacuation.models import (
    BarrierKind,
    FlightOperator,
    GroupCode,
    ReceptionOrganisationKind,
    ThreatAssessment,
)
from evacuation.models.cases import CaseStatus, ContactKind, ContactOutcome, OverrideEffect
from evacuation.models.requests import ClaimedBasis


def _choices(form: forms.BaseForm, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content in the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class DocumentsForm(PortalForm):
    attachments = MultipleFileField(
        label=_("Documents"),
        help_text=_("PDF or photos (PNG, JPEG, GIF, WebP), at most 8 MB each."),
    )


class HelpRequestForm(PortalForm):
    """The public form. Labels are translatable msgids; a new language (Dari, Pashto) needs
    only an entry in LANGUAGES and a catalogue, no code."""

    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=[("", "—"), *countries], required=False
    )
    claimed_basis = forms.ChoiceField(
        label=_("Why should the Netherlands help you leave?"), choices=ClaimedBasis.choices
    )
    basis_detail = forms.CharField(
        label=_("Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the name of the Dutch family member, or the mission you worked for."
        ),
    )
    companions = forms.CharField(
        label=_("Family members with you"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name, date of birth and relation of each person, one per line."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    location = forms.CharField(label=_("Where are you now?"), max_length=300)
    documents = forms.CharField(
        label=_("Which documents do you have?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: Dutch passport, residence permit, employment contract."),
    )
    attachments = MultipleFileField(
        label=_("Copies of your documents"),
        required=False,
        help_text=_(
            "Optional. PDF or photos (PNG, JPEG, GIF, WebP), at most 5 files of 8 MB each."
        ),
    )


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
        _choices(
            self,
            "team",
            all_choice + [("none", _("No team"))] + [(str(t.pk), t.name) for t in teams or []],
        )
        _choices(self, "group", all_choice + list(GroupCode.choices))
        _choices(self, "status", all_choice + list(CaseStatus.choices))
        _choices(
            self,
            "owner",
            all_choice
            + [("none", _("Nobody"))]
            + [(str(u.pk), u.get_full_name() or u.email) for u in owners],
        )
        _choices(self, "post", all_choice + [(str(p.pk), p.name) for p in posts])


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
        _choices(
            self,
            "owner",
            [("", _("Nobody"))] + [(str(u.pk), u.get_full_name() or u.email) for u in owners],
        )
        _choices(self, "team", [("", _("No team"))] + [(str(t.pk), t.name) for t in teams or []])


class CallTeamForm(PortalForm):
    name = forms.CharField(label=_("Team name"), max_length=100)


class CallTeamMemberForm(PortalForm):
    user = forms.ChoiceField(label=_("Call-team member"))

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "user", [(str(u.pk), u.get_full_name() or u.email) for u in candidates])


class RequestTeamForm(PortalForm):
    team = forms.ChoiceField(label=_("Call team"), required=False)

    def __init__(self, *args: Any, teams: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "team", [("", _("Every call team"))] + [(str(t.pk), t.name) for t in teams])


class TransitionForm(PortalForm):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Note or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting."),
    )

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "to_status", [(s, CaseStatus(s).label) for s in allowed])


class PriorityForm(PortalForm):
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("As the groups give it")), *[(str(i), str(i)) for i in range(1, 10)]],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when setting a priority by hand."),
    )


class AccompanyingForm(PortalForm):
    accompanying = forms.CharField(
        label=_("Accompanying persons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name, date of birth and relation of each person, one per line."),
    )


class ContactForm(PortalForm):
    kind = forms.ChoiceField(label=_("Contact by"), choices=ContactKind.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)


class OverrideForm(PortalForm):
    group_code = forms.ChoiceField(label=_("Group"), choices=GroupCode.choices)
    effect = forms.ChoiceField(label=_("Effect"), choices=OverrideEffect.choices)
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DesignationForm(PortalForm):
    group_code = forms.ChoiceField(
        label=_("Group"),
        choices=[
            (GroupCode.PARLIAMENTARY_MOTION, GroupCode.PARLIAMENTARY_MOTION.label),
            (GroupCode.AT_RISK_HRD_JOURNALIST, GroupCode.AT_RISK_HRD_JOURNALIST.label),
        ],
    )
    justification = forms.CharField(
        label=_("Tie to the Netherlands and justification"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseRequestForm(PortalForm):
    reason = forms.CharField(
        label=_("Reason for closing"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FlightForm(PortalForm):
    call_sign = forms.CharField(label=_("Call sign"), max_length=40)
    operator = forms.ChoiceField(label=_("Operator"), choices=FlightOperator.choices)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1)
    origin = forms.CharField(label=_("Origin"), max_length=100)
    destination = forms.CharField(label=_("Destination"), max_length=100)
    departure_at = forms.DateTimeField(
        label=_("Departure"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    arrival_at = forms.DateTimeField(
        label=_("Arrival"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class GroupDecisionForm(PortalForm):
    group_code = forms.ChoiceField(label=_("Group"), choices=GroupCode.choices)
    enabled = forms.BooleanField(label=_("Enabled in this crisis"), required=False, initial=True)
    priority = forms.IntegerField(label=_("Priority"), min_value=1, max_value=9, required=False)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)


class ConditionsForm(PortalForm):
    life_threatening = forms.ChoiceField(
        label=_("Is the situation life-threatening?"), choices=ThreatAssessment.choices
    )
    life_threatening_notes = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    no_commercial_options = forms.BooleanField(
        label=_("No commercial options left"), required=False
    )
    no_partner_country = forms.BooleanField(
        label=_("No partner country can take people along"), required=False
    )
    no_other_way_out_notes = forms.CharField(
        label=_("Explanation of the ways out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.BooleanField(label=_("Evacuation is responsible"), required=False)
    practically_feasible = forms.BooleanField(
        label=_("Evacuation is practically feasible (e.g. landing rights)"), required=False
    )
    feasibility_notes = forms.CharField(
        label=_("Explanation of feasibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvacuationDecisionForm(PortalForm):
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)


class ReceptionForm(PortalForm):
    kind = forms.ChoiceField(label=_("Organisation"), choices=ReceptionOrganisationKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact = forms.CharField(label=_("Contact person"), max_length=300, required=False)
    informed_on = forms.DateField(
        label=_("Informed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReceptionInformedForm(PortalForm):
    """The date an organisation already listed was informed."""

    organisation = forms.ChoiceField(label=_("Organisation"))
    informed_on = forms.DateField(
        label=_("Informed on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, organisations: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "organisation", [(str(o.pk), str(o)) for o in organisations or []])


class EvacueeInformationForm(PortalForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    text = forms.CharField(
        label=_("Information for evacuees"), widget=forms.Textarea(attrs={"rows": 5})
    )


class PlanForm(PortalForm):
    level = forms.ChoiceField(label=_("Level"), choices=EvacuationPlanLevel.choices)
    scenarios = forms.CharField(
        label=_("Scenarios"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_review_on = forms.DateField(
        label=_("Next review on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AssemblyPointForm(PortalForm):
    name = forms.CharField(label=_("Assembly point"), max_length=200)
    location = forms.CharField(label=_("Location"), max_length=300)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=0, required=False)


class BarrierForm(PortalForm):
    kind = forms.ChoiceField(label=_("Barrier"), choices=BarrierKind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))
    mitigation = forms.CharField(
        label=_("Mitigation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TargetSizeForm(PortalForm):
    group_code = forms.ChoiceField(label=_("Group"), choices=GroupCode.choices)
    estimated_size = forms.IntegerField(label=_("Estimated number of people"), min_value=0)


class ValidationForm(PortalForm):
    validated_on = forms.DateField(
        label=_("Validated on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    with_defence = forms.BooleanField(
        label=_("Joint mission with Defence"), required=False, initial=True
    )
    participants = forms.CharField(label=_("Participants"), max_length=500, required=False)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
    next_review_on = forms.DateField(
        label=_("Next review on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
