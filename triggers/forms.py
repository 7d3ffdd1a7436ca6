from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.crises import staff_label
from crisisportal.forms.rendering import PortalForm, style_widgets
from crisisportal.models import Crisis, Judgement, Meeting, PictureItem, Post, Sitrep
from triggers.models import (
    INVITED_ORGANISATIONS,
    EventStatus,
    MeasureOwner,
    MeasureStatus,
    ParticipantKind,
    ReviewParticipant,
    Scenario,
    ScenarioKind,
    Weekday,
)


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class DocumentForm(PortalForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    crisis = forms.ModelChoiceField(
        label=_("Crisis"),
        queryset=Crisis.objects.none(),
        required=False,
        help_text=_("Leave empty for a peace-time document; attach it when a crisis opens."),
    )
    posts = forms.ModelMultipleChoiceField(
        label=_("Posts"), queryset=Post.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    review_weekday = forms.TypedChoiceField(
        label=_("Weekly review day"), choices=Weekday.choices, coerce=int, initial=0
    )
    review_time = forms.TimeField(label=_("Weekly review time"), widget=TimeInput, initial="10:00")
    active = forms.BooleanField(label=_("Active (reviewed weekly)"), required=False, initial=True)

    def __init__(self, *args: Any, crises: Any, posts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["crisis"].queryset = crises  # type: ignore[attr-defined]
        self.fields["posts"].queryset = posts  # type: ignore[attr-defined]


class ScenarioForm(PortalForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ScenarioKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    assessment = forms.CharField(
        label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EventForm(PortalForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MeasureForm(PortalForm):
    title = forms.CharField(label=_("Action or measure"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"), choices=MeasureOwner.choices)
    owner_detail = forms.CharField(
        label=_("Owner (name)"),
        max_length=200,
        required=False,
        help_text=_("E.g. the directorate or ministry, such as DCV or JenV."),
    )
    owner_contact = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Notified when the measure becomes due."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput, required=False)

    def __init__(self, *args: Any, contacts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_contact"]
        field.queryset = contacts  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.get_full_name() or user.email  # type: ignore[attr-defined]


class ObservationForm(PortalForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=EventStatus.choices, widget=forms.RadioSelect
    )
    observed_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    source = forms.CharField(label=_("Source"), max_length=300)
    sitrep = forms.ModelChoiceField(
        label=_("Situation report it came from"),
        queryset=Sitrep.objects.none(),
        required=False,
        help_text=_("Optional: a submitted situation report of the crisis."),
    )
    picture_item = forms.ModelChoiceField(
        label=_("Picture item it came from"),
        queryset=PictureItem.objects.none(),
        required=False,
        help_text=_("Optional: a fact in the picture of one of the crisis's BOB meetings."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, sitreps: Any, picture_items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sitrep = self.fields["sitrep"]
        sitrep.queryset = sitreps  # type: ignore[attr-defined]
        sitrep.label_from_instance = sitrep_label  # type: ignore[attr-defined]
        item = self.fields["picture_item"]
        item.queryset = picture_items  # type: ignore[attr-defined]
        item.label_from_instance = picture_item_label  # type: ignore[attr-defined]


def sitrep_label(sitrep: Sitrep) -> str:
    return gettext("%(post)s, situation report of %(when)s") % {
        "post": sitrep.post.name,
        "when": date_format(timezone.localtime(sitrep.submitted_at), "j F Y H:i"),
    }


def picture_item_label(item: PictureItem) -> str:
    return f"{item.meeting.title}: {Truncator(item.fact).chars(80)}"


class WorsenedForm(PortalForm):
    worsened = forms.TypedChoiceField(
        label=_("Has the scenario worsened?"),
        choices=[("yes", _("Yes, the scenario has worsened")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PositionForm(PortalForm):
    country = forms.ChoiceField(label=_("Country"), choices=[("", "---------"), *countries])
    position_text = forms.CharField(
        label=_("What they do or intend"), widget=forms.Textarea(attrs={"rows": 3})
    )
    why_not_us = forms.CharField(
        label=_("Why would we not do what they do?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The answer may reveal a scenario nobody considered."),
    )


class ParticipantsForm(PortalForm):
    """The standing participants of a document's weekly review."""

    users = forms.ModelMultipleChoiceField(
        label=_("Staff members"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("DCC staff of the crisis; reminded in the portal and by email."),
    )
    posts = forms.ModelMultipleChoiceField(
        label=_("Posts"),
        queryset=Post.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Reminded in the post's functional mailbox and its staff's inbox."),
    )
    guests = forms.CharField(
        label=_("Guests"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Others who take part without being reminded by the portal."),
    )

    def __init__(self, *args: Any, users: Any, posts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = users  # type: ignore[attr-defined]
        self.fields["users"].label_from_instance = staff_label  # type: ignore[attr-defined]
        self.fields["posts"].queryset = posts  # type: ignore[attr-defined]
        guests = self.fields.pop("guests")
        for organisation in INVITED_ORGANISATIONS:
            self.fields[f"ministry_{organisation.value}"] = forms.EmailField(
                label=gettext("Contact email of %s") % organisation.label,
                required=False,
                help_text=_("Fill in to invite this ministry; leave empty otherwise."),
            )
        self.fields["guests"] = guests
        style_widgets(self)

    def ministry_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("ministry_")]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "users": data["users"],
            "posts": data["posts"],
            "guests": data["guests"],
            "ministries": {
                name.removeprefix("ministry_"): data[name] or ""
                for name in data
                if name.startswith("ministry_")
            },
        }


def participant_label(participant: Any) -> str:
    if participant.kind == ParticipantKind.MINISTRY:
        return f"{participant} ({participant.email})"
    return str(participant)


class ReviewHoldForm(PortalForm):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput, initial=timezone.localdate)
    took_part = forms.ModelMultipleChoiceField(
        label=_("Who took part"),
        queryset=ReviewParticipant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick the invited participants who took part."),
    )
    guests = forms.CharField(
        label=_("Guests"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Others who took part, in free text."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["took_part"]
        field.queryset = participants  # type: ignore[attr-defined]
        field.label_from_instance = participant_label  # type: ignore[attr-defined]


class OwnerContactForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("Owner"),
        choices=[(k, label) for k, label in MeasureOwner.choices if k != MeasureOwner.POST],
    )
    name = forms.CharField(
        label=_("Owner (name)"),
        max_length=200,
        required=False,
        help_text=_(
            "As written in the measures, e.g. DCV or JenV. Leave empty to reach every owner "
            "of this kind without a contact of its own."
        ),
    )
    email = forms.EmailField(label=_("Contact email"))


class CompareForm(PortalForm):
    a = forms.TypedChoiceField(label=_("Older version"), coerce=int)
    b = forms.TypedChoiceField(label=_("Newer version"), coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, f"v{n}") for n in numbers]
        self.fields["a"].choices = choices  # type: ignore[attr-defined]
        self.fields["b"].choices = choices  # type: ignore[attr-defined]


class SmallGroupReviewForm(ReviewHoldForm):
    meeting = forms.ModelChoiceField(
        label=_("BOB meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("The crisis meeting this review prepares, if any."),
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["took_part"].help_text = _("Tick the document's participants who took part.")


class JudgementScenarioForm(PortalForm):
    judgement = forms.ModelChoiceField(label=_("Judgement"), queryset=Judgement.objects.none())
    scenario = forms.ModelChoiceField(label=_("Scenario"), queryset=Scenario.objects.none())

    def __init__(self, *args: Any, judgements: Any, scenarios: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        judgement = self.fields["judgement"]
        judgement.queryset = judgements  # type: ignore[attr-defined]
        judgement.label_from_instance = lambda j: j.text[:80]  # type: ignore[attr-defined]
        scenario = self.fields["scenario"]
        scenario.queryset = scenarios  # type: ignore[attr-defined]
        scenario.label_from_instance = lambda s: f"{s.title} ({s.document.title})"  # type: ignore[attr-defined]
