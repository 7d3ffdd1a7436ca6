"""Reads of BOB meetings and the decision log."""

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from crisisportal.models import (
    OPEN_DECISION_STATUSES,
    Crisis,
    Decision,
    Meeting,
    MeetingPhase,
    PictureItem,
    Sitrep,
    SitrepStatus,
)


def meeting_list(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.annotate(
        decision_count=Count("decisions", distinct=True),
        picture_count=Count("picture_items", distinct=True),
    ).order_by("-scheduled_at")


def decision_log(crisis: Crisis, *, status: str = "", owner_id: Any = None) -> QuerySet[Decision]:
    decisions = crisis.decisions.select_related("owner", "meeting")
    if status == "overdue":
        decisions = decisions.filter(
            status__in=OPEN_DECISION_STATUSES, deadline__lt=timezone.localdate()
        )
    elif status:
        decisions = decisions.filter(status=status)
    if owner_id:
        decisions = decisions.filter(owner_id=owner_id)
    return decisions.order_by("deadline", "created_at")


def decision_owners(crisis: Crisis) -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(owned_decisions__crisis=crisis)
        .distinct()
        .order_by("last_name", "first_name")
    )


def open_decisions(crisis: Crisis) -> list[Decision]:
    return list(
        crisis.decisions.filter(status__in=OPEN_DECISION_STATUSES)
        .select_related("owner", "meeting")
        .order_by("deadline")
    )


def next_open_meeting(crisis: Crisis) -> Meeting | None:
    """The crisis's earliest meeting that is not closed yet (running or upcoming)."""
    return (
        crisis.meetings.exclude(phase=MeetingPhase.CLOSED)
        .order_by("scheduled_at", "created_at")
        .first()
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(crisis_id=meeting.crisis_id, scheduled_at__lt=meeting.scheduled_at)
        .exclude(pk=meeting.pk)
        .order_by("-scheduled_at")
        .first()
    )


def sitreps_to_import(meeting: Meeting) -> list[Sitrep]:
    """Sitreps submitted since the previous meeting and not yet in this meeting's picture."""
    previous = previous_meeting(meeting)
    sitreps = Sitrep.objects.filter(
        crisis_id=meeting.crisis_id, status=SitrepStatus.SUBMITTED
    ).exclude(picture_items__meeting=meeting)
    if previous is not None:
        sitreps = sitreps.filter(submitted_at__gt=previous.scheduled_at)
    return list(sitreps.select_related("post").order_by("post__name", "submitted_at"))


def _fact_key(item: PictureItem) -> tuple[str, str, str]:
    return (item.source, item.source_detail.strip().lower(), " ".join(item.fact.lower().split()))


def picture_changes(meeting: Meeting) -> dict[str, Any] | None:
    """What changed since the previous meeting's picture: new facts and facts no longer
    in the picture. None for the first meeting of a crisis."""
    previous = previous_meeting(meeting)
    if previous is None:
        return None
    before = list(previous.picture_items.select_related("sitrep__post"))
    now = list(meeting.picture_items.select_related("sitrep__post"))
    before_keys = {_fact_key(i) for i in before}
    now_keys = {_fact_key(i) for i in now}
    return {
        "previous": previous,
        "added": [i for i in now if _fact_key(i) not in before_keys],
        "dropped": [i for i in before if _fact_key(i) not in now_keys],
        "unchanged": len(now_keys & before_keys),
    }


def meeting_record(meeting: Meeting) -> dict[str, Any]:
    """What a meeting recorded, as the meeting page and its minutes both show it: who took
    part, the agenda, the picture, the judgements, the decisions and later amendments."""
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
        "amendments": list(meeting.amendments.select_related("amended_by")),
    }
