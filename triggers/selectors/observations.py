"""What an observation of a precursor event may cite."""

from django.db.models import QuerySet

from crisisportal.models import (
    PictureItem,
    Sitrep,
    SitrepStatus,
)
from crisisportal.permissions import AnyUser, meetings_visible, sitreps_visible
from triggers.models import (
    TriggerDocument,
)


def observation_sitreps(user: AnyUser, document: TriggerDocument) -> "QuerySet[Sitrep]":
    """Submitted sitreps of the document's crisis that user may read: what an observation
    may cite (the same rule as the sitrep page it links to)."""
    if document.crisis is None:
        return Sitrep.objects.none()
    return (
        sitreps_visible(user, document.crisis)
        .filter(status=SitrepStatus.SUBMITTED)
        .select_related("post")
        .order_by("-submitted_at")
    )


def observation_picture_items(user: AnyUser, document: TriggerDocument) -> "QuerySet[PictureItem]":
    """Facts in the picture of the crisis's BOB meetings that user may see."""
    if document.crisis is None:
        return PictureItem.objects.none()
    meetings = meetings_visible(user, document.crisis)
    return (
        PictureItem.objects.filter(meeting__in=meetings.values("pk"))
        .select_related("meeting")
        .order_by("-meeting__scheduled_at", "-created_at")
    )
