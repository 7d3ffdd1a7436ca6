"""Minutes of a BOB meeting as PDF (weasyprint), laid out in the three BOB sections."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from crisisportal.models import Meeting
from crisisportal.selectors.meetings import meeting_record


def minutes_context(meeting: Meeting) -> dict[str, Any]:
    return {
        **meeting_record(meeting),
        "followed_up": list(
            meeting.decision_updates.select_related("decision", "updated_by").order_by("updated_at")
        ),
        # The minutes record why the meeting went back a phase, not every step forward.
        "phase_changes": list(meeting.phase_changes.filter(is_step_back=True)),
    }


def minutes_pdf(meeting: Meeting, language: str = "nl") -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string("crisisportal/minutes_pdf.html", minutes_context(meeting))
    return HTML(string=html).write_pdf()
