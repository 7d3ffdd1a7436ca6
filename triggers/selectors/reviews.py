"""Reviews of a trigger document: listed, scheduled and compared."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from crisisportal.models import Meeting
from triggers.models import (
    DocumentParticipant,
    DocumentVersion,
    Review,
    ReviewParticipant,
    TriggerDocument,
)


def review_participants_prefetch() -> Prefetch:
    return Prefetch(
        "participants",
        queryset=ReviewParticipant.objects.select_related("user", "post").order_by("kind", "id"),
    )


def document_reviews(document: TriggerDocument) -> list[Review]:
    return list(
        Review.objects.filter(document=document)
        .select_related("approved_version", "held_recorded_by", "meeting")
        .prefetch_related(review_participants_prefetch())
        .order_by("held_on", "due_at")
    )


def overdue_reviews() -> QuerySet[Review]:
    return Review.objects.filter(held_on__isnull=True, overdue_since__isnull=False)


def meeting_reviews(meeting: Any) -> list[Review]:
    """Small-group reviews held for a BOB meeting."""
    return list(
        Review.objects.filter(meeting=meeting)
        .select_related("document", "approved_version")
        .order_by("held_on")
    )


def review_slot_next(document: TriggerDocument, now: datetime) -> datetime:
    """The first review slot (weekday and time in the portal's time zone) at or after now."""
    local_now = timezone.localtime(now)
    days_ahead = (document.review_weekday - local_now.weekday()) % 7
    day = local_now.date() + timedelta(days=days_ahead)
    slot = timezone.make_aware(datetime.combine(day, document.review_time))
    if slot < now:
        slot = timezone.make_aware(datetime.combine(day + timedelta(days=7), document.review_time))
    return slot


def review_previous_approved(review: Review) -> DocumentVersion | None:
    """The version approved by the review held before this one (for its diff)."""
    if review.approved_version is None:
        return None
    earlier = (
        Review.objects.filter(
            document_id=review.document_id,
            approved_version__isnull=False,
            held_recorded_at__lt=review.held_recorded_at,
        )
        .order_by("-held_recorded_at")
        .select_related("approved_version")
        .first()
    )
    return earlier.approved_version if earlier else None


def review_invited(review: Review) -> "QuerySet[ReviewParticipant]":
    return ReviewParticipant.objects.filter(review=review).select_related("user", "post")


def document_standing_participants(document: TriggerDocument) -> "QuerySet[DocumentParticipant]":
    return DocumentParticipant.objects.filter(document=document).select_related("user", "post")


def document_meetings(document: TriggerDocument) -> "QuerySet[Meeting]":
    """BOB meetings of the document's crisis, latest first (what a small-group review prepares)."""
    return Meeting.objects.filter(crisis=document.crisis).order_by("-scheduled_at")
