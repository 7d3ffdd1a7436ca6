"""Reads of BOB meetings and the decision log."""

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from crisisportal.models import (
    OPEN_DECISION_STATUSES,
    Crisis,
    Decision,
    Meeting,
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
