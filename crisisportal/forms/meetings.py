"""Forms of BOB meetings and decisions."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.crises import staff_label
from crisisportal.forms.fields import (
    DateInput,
    DateTimeLocalInput,
    choices_offer,
    offered_choice,
    offered_ticks,
    textarea_rows,
)
from crisisportal.forms.rendering import PortalForm
from crisisportal.models import (
    DecisionStatus,
    Judgement,
    MeetingKind,
    PictureItem,
    PictureSource,
    Post,
    Sitrep,
)


def _crisis_staff(crisis: Any) -> Any:
    return (
        get_user_model()
        .objects.filter(crisis_memberships__crisis=crisis, is_active=True)
        .order_by("last_name", "first_name")
    )


class MeetingForm(PortalForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    scheduled_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeLocalInput())
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    participants = offered_ticks(_("Staff participants"), get_user_model())
    participant_posts = offered_ticks(_("Participating posts"), Post)
    other_participants = forms.CharField(
        label=_("Other participants"),
        max_length=500,
        required=False,
        help_text=_("Other ministries and organisations taking part."),
    )

    def __init__(self, *args: Any, crisis: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "participants", _crisis_staff(crisis), staff_label)
        choices_offer(self, "participant_posts", crisis.posts.order_by("name"))


class PictureItemForm(PortalForm):
    fact = forms.CharField(label=_("Fact"), widget=textarea_rows(3))
    source = forms.ChoiceField(label=_("Source"), choices=PictureSource.choices)
    source_detail = forms.CharField(
        label=_("Source detail"),
        max_length=200,
        required=False,
        help_text=_("Which post, partner, service or ministry."),
    )


class SitrepImportForm(PortalForm):
    sitreps = offered_ticks(
        _("Situation reports since the previous meeting"), Sitrep, required=True
    )

    def __init__(self, *args: Any, offered: list[Sitrep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(
            self,
            "sitreps",
            Sitrep.objects.filter(pk__in=[s.pk for s in offered]),
            lambda s: (
                f"{s.post.name} — {s.submitted_at:%d-%m-%Y %H:%M} ({s.get_urgency_display()})"
            ),
        )


class JudgementForm(PortalForm):
    text = forms.CharField(label=_("Judgement"), widget=textarea_rows(3))
    is_assumption = forms.BooleanField(label=_("This is an assumption"), required=False)
    scenario = forms.CharField(
        label=_("Scenario"),
        max_length=300,
        required=False,
        help_text=_("The scenario of the trigger document this judgement relates to."),
    )
    dissent = forms.CharField(label=_("Dissenting views"), widget=textarea_rows(2), required=False)


class DecisionForm(PortalForm):
    text = forms.CharField(label=_("Decision"), widget=textarea_rows(3))
    owner = offered_choice(_("Owner"), get_user_model(), required=True)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    is_minister_decision_point = forms.BooleanField(
        label=_("Decision point for the minister"), required=False
    )
    picture_items = offered_ticks(_("Rests on facts"), PictureItem)
    judgements = offered_ticks(_("Rests on judgements"), Judgement)

    def __init__(self, *args: Any, meeting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "owner", _crisis_staff(meeting.crisis), staff_label)
        choices_offer(self, "picture_items", meeting.picture_items.all(), lambda i: i.fact[:120])
        choices_offer(self, "judgements", meeting.judgements.all(), lambda j: j.text[:120])


class DecisionUpdateForm(PortalForm):
    status = forms.ChoiceField(label=_("New status"), choices=DecisionStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)
    dropped_reason = forms.CharField(
        label=_("Reason for dropping"),
        max_length=1000,
        required=False,
        help_text=_("Required when the decision is dropped."),
    )


class MinisterAnswerForm(PortalForm):
    answer = forms.CharField(label=_("Answer of the minister"), widget=textarea_rows(3))


class StepBackForm(PortalForm):
    reason = forms.CharField(label=_("Why go back a phase?"), max_length=1000)


class AmendmentForm(PortalForm):
    text = forms.CharField(label=_("Amendment"), widget=textarea_rows(3))


class AgendaItemForm(PortalForm):
    text = forms.CharField(label=_("Agenda item"), max_length=500)
