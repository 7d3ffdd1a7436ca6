"""Forms that record a held review."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import (
    DateInput,
    choices_offer,
    offered_choice,
    offered_ticks,
    text_field,
)
from crisisportal.forms.rendering import PortalForm
from crisisportal.models import Meeting
from triggers.forms.fields import guests_field
from triggers.models import (
    ParticipantKind,
    ReviewParticipant,
)


def participant_label(participant: Any) -> str:
    if participant.kind == ParticipantKind.MINISTRY:
        return f"{participant} ({participant.email})"
    return str(participant)


class ReviewHoldForm(PortalForm):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput, initial=timezone.localdate)
    took_part = offered_ticks(
        _("Who took part"),
        ReviewParticipant,
        help_text=_("Tick the invited participants who took part."),
    )
    guests = guests_field(_("Others who took part, in free text."))
    notes = text_field(_("Notes"), rows=4, required=False)

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "took_part", participants, participant_label)


class SmallGroupReviewForm(ReviewHoldForm):
    meeting = offered_choice(
        _("BOB meeting"), Meeting, help_text=_("The crisis meeting this review prepares, if any.")
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "meeting", meetings)
        self.fields["took_part"].help_text = _("Tick the document's participants who took part.")
