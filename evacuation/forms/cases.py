"""Forms posted from the case page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_set, text_field
from crisisportal.forms.rendering import PortalForm
from evacuation.forms.fields import MultipleFileField
from evacuation.models import (
    GroupCode,
)
from evacuation.models.choices import CaseStatus, ContactKind, ContactOutcome, OverrideEffect


class DocumentsForm(PortalForm):
    attachments = MultipleFileField(
        label=_("Documents"),
        help_text=_("PDF or photos (PNG, JPEG, GIF, WebP), at most 8 MB each."),
    )


class TransitionForm(PortalForm):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = text_field(
        label=_("Note or reason"), required=False, help_text=_("Required when rejecting.")
    )

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_set(self, "to_status", [(s, CaseStatus(s).label) for s in allowed])


class PriorityForm(PortalForm):
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("As the groups give it")), *[(str(i), str(i)) for i in range(1, 10)]],
    )
    reason = text_field(
        label=_("Reason"), required=False, help_text=_("Required when setting a priority by hand.")
    )


class AccompanyingForm(PortalForm):
    accompanying = text_field(
        label=_("Accompanying persons"),
        required=False,
        max_length=5000,
        help_text=_("Name, date of birth and relation of each person, one per line."),
        rows=3,
    )


class ContactForm(PortalForm):
    kind = forms.ChoiceField(label=_("Contact by"), choices=ContactKind.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    note = text_field(label=_("Note"), required=False)
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)


class OverrideForm(PortalForm):
    group_code = forms.ChoiceField(label=_("Group"), choices=GroupCode.choices)
    effect = forms.ChoiceField(label=_("Effect"), choices=OverrideEffect.choices)
    justification = text_field(label=_("Justification"))


class DesignationForm(PortalForm):
    group_code = forms.ChoiceField(
        label=_("Group"),
        choices=[
            (GroupCode.PARLIAMENTARY_MOTION, GroupCode.PARLIAMENTARY_MOTION.label),
            (GroupCode.AT_RISK_HRD_JOURNALIST, GroupCode.AT_RISK_HRD_JOURNALIST.label),
        ],
    )
    justification = text_field(label=_("Tie to the Netherlands and justification"))
