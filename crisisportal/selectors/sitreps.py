"""Reads of situation reports, alerts and reporting per post, shaped for pages: a fixed number of queries per page."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from crisisportal.models import (
    OPEN_DECISION_STATUSES,
    Crisis,
    Decision,
    MeetingPhase,
    Post,
    Sitrep,
    SitrepAlert,
    SitrepStatus,
)
from crisisportal.permissions import AnyUser, own_post_ids


@dataclass
class PostReporting:
    post: Post
    latest: Sitrep | None
    due_at: datetime
    overdue: bool


def reporting_posts(user: AnyUser, crisis: Crisis, perms: set[str]) -> QuerySet[Post]:
    """Posts whose reporting user may see: all for picture readers, else their own."""
    if "view_picture_crisis" in perms:
        return crisis.posts.all()
    if "report_crisis" in perms:
        return crisis.posts.filter(pk__in=own_post_ids(user, crisis))
    return Post.objects.none()


def post_reporting(
    user: AnyUser, crisis: Crisis, perms: set[str], now: datetime | None = None
) -> list[PostReporting]:
    """Per post: latest submitted sitrep, its urgency, and whether the post is overdue."""
    now = now or timezone.now()
    posts = list(reporting_posts(user, crisis, perms).order_by("name"))
    latest = {
        sitrep.post_id: sitrep
        for sitrep in Sitrep.objects.filter(
            crisis=crisis, status=SitrepStatus.SUBMITTED, post__in=[p.pk for p in posts]
        )
        .order_by("post_id", "-submitted_at")
        .distinct("post_id")
    }
    cadence = timedelta(hours=crisis.reporting_cadence_hours)
    rows = []
    for post in posts:
        sitrep = latest.get(post.pk)
        since = sitrep.submitted_at if sitrep and sitrep.submitted_at else crisis.opened_at
        due_at = since + cadence
        rows.append(
            PostReporting(
                post=post,
                latest=sitrep,
                due_at=due_at,
                overdue=not crisis.is_closed and now >= due_at,
            )
        )
    return rows


def open_alerts(user: AnyUser, crisis: Crisis, perms: set[str]) -> list[SitrepAlert]:
    alerts = crisis.sitrep_alerts.filter(acknowledged_at__isnull=True)
    if "view_picture_crisis" not in perms and "work_crisis" not in perms:
        alerts = alerts.filter(sitrep__post_id__in=own_post_ids(user, crisis))
    return list(alerts.select_related("sitrep__post").order_by("raised_at"))


def crisis_picture_summary(crisis: Crisis, today: Any = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    counts = Decision.objects.filter(crisis=crisis).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_DECISION_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_DECISION_STATUSES, deadline__lt=today)),
    )
    next_meeting = (
        crisis.meetings.exclude(phase=MeetingPhase.CLOSED).order_by("scheduled_at").first()
    )
    return {"decision_counts": counts, "next_meeting": next_meeting}


def post_timeline(crisis: Crisis, sitreps: QuerySet[Sitrep], post: Post) -> list[Sitrep]:
    return list(
        sitreps.filter(post=post)
        .select_related("submitted_by", "created_by", "supersedes")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-submitted_at", "-created_at")[:200]
    )


def sitrep_detail(sitrep: Sitrep) -> dict[str, Any]:
    positions = list(sitrep.country_positions.all())
    return {
        "like_minded": [p for p in positions if p.camp == "like-minded"],
        "non_like_minded": [p for p in positions if p.camp == "non-like-minded"],
        "attachments": list(sitrep.attachments.all()),
        "correction": Sitrep.objects.filter(supersedes=sitrep).first(),
        "alert": SitrepAlert.objects.filter(sitrep=sitrep)
        .select_related("acknowledged_by")
        .prefetch_related("escalations__escalated_to")
        .first(),
    }


def crisis_picture_context(user: AnyUser, crisis: Crisis, perms: set[str]) -> dict[str, Any]:
    """Context of the crisis page's picture sections: alerts, reporting per post, meetings."""
    show_reporting = "view_picture_crisis" in perms or "report_crisis" in perms
    context: dict[str, Any] = {
        "show_reporting": show_reporting,
        "open_alerts": open_alerts(user, crisis, perms) if show_reporting else [],
        "reporting_rows": post_reporting(user, crisis, perms) if show_reporting else [],
    }
    if "view_picture_crisis" in perms:
        context["picture_summary"] = crisis_picture_summary(crisis)
    return context
