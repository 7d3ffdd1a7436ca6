"""Minutes of BOB meetings: every change to a closed meeting's record bumps its revision and
queues the minutes task, which renders and stores the PDF once per revision."""

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from crisisportal.models import Meeting, MeetingPhase
from crisisportal.pdf import minutes_pdf
from crisisportal.queue import task_enqueue_on_commit
from crisisportal.services.audit import audit_context


def meeting_minutes_outdated(meeting: Meeting) -> None:
    """A closed meeting's minutes must follow every change: bump the revision, queue a task."""
    if meeting.phase != MeetingPhase.CLOSED:
        return
    Meeting.objects.filter(pk=meeting.pk).update(minutes_revision=F("minutes_revision") + 1)
    task_enqueue_on_commit("crisisportal.tasks.meeting_minutes_generate", meeting.pk)


def meeting_minutes_store(*, meeting_id: Any) -> bool:
    """Render and store the minutes if they are behind the meeting's revision. Idempotent."""
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update().select_related("crisis").filter(pk=meeting_id)
        ).first()
        if meeting is None or not meeting.is_closed:
            return False
        if meeting.minutes_pdf and meeting.minutes_generated_revision >= meeting.minutes_revision:
            return False
        revision = meeting.minutes_revision
        content = minutes_pdf(meeting)
        with audit_context("celery:meeting_minutes_generate"):
            meeting.minutes_pdf.save(f"{meeting.pk}.pdf", ContentFile(content), save=False)
            meeting.minutes_generated_revision = revision
            meeting.minutes_generated_at = timezone.now()
            meeting.save(
                update_fields=["minutes_pdf", "minutes_generated_revision", "minutes_generated_at"]
            )
    return True
