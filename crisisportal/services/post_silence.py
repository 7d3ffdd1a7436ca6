"""Silence detection: a post that lets a reporting period pass without a situation report
is flagged once per missed period, and the post and the crisis coordinator are told."""

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from crisisportal.models import (
    Crisis,
    CrisisPhase,
    CrisisRole,
    Post,
    PostSilenceFlag,
    Sitrep,
    SitrepStatus,
)
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send, notification_send_to_address


def reporting_due_at(last_report_at: datetime, cadence_hours: int, now: datetime) -> datetime:
    """The end of the latest reporting period that has passed without a report.

    Periods run from the last report (or the crisis's opening) in steps of the cadence; a
    post silent for three cadences has missed three periods, each flagged once.
    """
    cadence = timedelta(hours=cadence_hours)
    periods = int((now - last_report_at) / cadence)
    return last_report_at + periods * cadence


def latest_submissions(crises: Any) -> dict[tuple[Any, Any], datetime]:
    rows = (
        Sitrep.objects.filter(crisis__in=crises, status=SitrepStatus.SUBMITTED)
        .values("crisis_id", "post_id")
        .annotate(last=Max("submitted_at"))
    )
    return {(row["crisis_id"], row["post_id"]): row["last"] for row in rows}


def posts_silence_check(*, now: datetime | None = None) -> list[PostSilenceFlag]:
    """Beat: flag each affected post past its crisis's cadence, once per missed period, and
    notify the post (staff and functional mailbox) and the crisis coordinator."""
    now = now or timezone.now()
    crises = list(Crisis.objects.exclude(phase=CrisisPhase.CLOSED).prefetch_related("posts"))
    latest = latest_submissions(crises)
    flags = []
    for crisis in crises:
        for post in crisis.posts.all():
            since = max(latest.get((crisis.pk, post.pk), crisis.opened_at), crisis.opened_at)
            if now - since < timedelta(hours=crisis.reporting_cadence_hours):
                continue
            due_at = reporting_due_at(since, crisis.reporting_cadence_hours, now)
            flag = _silence_flag(crisis=crisis, post=post, due_at=due_at, now=now)
            if flag is not None:
                flags.append(flag)
    return flags


@transaction.atomic
def _silence_flag(
    *, crisis: Crisis, post: Post, due_at: datetime, now: datetime
) -> PostSilenceFlag | None:
    with audit_context("celery:posts_silence_check"):
        flag, created = PostSilenceFlag.objects.get_or_create(
            crisis=crisis, post=post, due_at=due_at, defaults={"flagged_at": now}
        )
        if not created:
            return None
        staff = list(get_user_model().objects.filter(post_memberships__post=post, is_active=True))
        coordinators = [
            m.user
            for m in crisis.memberships.filter(role=CrisisRole.COORDINATOR).select_related(
                "user", "user__staff_profile"
            )
        ]
        context = {"crisis": crisis, "post": post, "due_at": due_at}
        url = reverse("crisisportal:crisis-detail", kwargs={"crisis_id": crisis.pk})
        key = f"post-overdue:{crisis.pk}:{post.pk}:{due_at.isoformat()}"
        notification_send(
            recipients=staff + coordinators,
            kind="post_overdue",
            context=context,
            url=url,
            crisis=crisis,
            dedupe_key=key,
        )
        if post.email:
            notification_send_to_address(
                email=post.email,
                kind="post_overdue",
                context=context,
                url=url,
                crisis=crisis,
                dedupe_key=f"{key}:mailbox",
            )
        return flag
