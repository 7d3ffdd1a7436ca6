"""Minutes of a BOB meeting as PDF (weasyprint), laid out in the three BOB sections."""

from django.template.loader import render_to_string
from django.utils import translation

from crisisportal.models import Meeting


def minutes_context(meeting: Meeting) -> dict:
    return {
        "meeting": meeting,
        "crisis": meeting.crisis,
        "participants": list(meeting.participants.order_by("last_name", "first_name")),
        "participant_posts": list(meeting.participant_posts.order_by("name")),
        "agenda_items": list(meeting.agenda_items.all()),
        "picture_items": list(meeting.picture_items.select_related("sitrep__post")),
        "judgements": list(meeting.judgements.all()),
        "decisions": list(
            meeting.decisions.select_related("owner").prefetch_related(
                "picture_items", "judgements"
            )
        ),
        "followed_up": list(
            meeting.decision_updates.select_related("decision", "updated_by").order_by("updated_at")
        ),
        "phase_changes": list(meeting.phase_changes.filter(is_step_back=True)),
        "amendments": list(meeting.amendments.select_related("amended_by")),
    }


def minutes_pdf(meeting: Meeting, language: str = "nl") -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string("crisisportal/minutes_pdf.html", minutes_context(meeting))
    return HTML(string=html).write_pdf()
