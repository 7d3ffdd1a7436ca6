"""Reads of the core, shaped for the pages that show them (no per-row queries)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.http import Http404
from pghistory.models import Events

from crisisportal.models import (
    Crisis,
    CrisisChange,
    CrisisMembership,
    DeliveryStatus,
    Notification,
    Post,
    PostMembership,
    StaffProfile,
)


def crisis_list(crises: QuerySet[Crisis]) -> QuerySet[Crisis]:
    return crises.annotate(post_count=Count("posts", distinct=True)).order_by("phase", "-opened_at")


def crisis_timeline(crisis: Crisis) -> list[CrisisChange]:
    return list(
        crisis.changes.select_related("recorded_by").order_by("-decided_at", "-recorded_at")
    )


def crisis_memberships(crisis: Crisis) -> list[CrisisMembership]:
    return list(
        crisis.memberships.select_related("user", "user__staff_profile").order_by(
            "role", "user__email"
        )
    )


def crisis_membership(crisis: Crisis, membership_id: Any) -> CrisisMembership:
    try:
        return crisis.memberships.select_related("user").get(pk=membership_id)
    except (CrisisMembership.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def flexible_shell_available(crisis: Crisis) -> QuerySet:
    """Flexible-shell pool members not yet in the crisis."""
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__in_flexible_shell=True)
        .exclude(crisis_memberships__crisis=crisis)
        .order_by("email")
    )


def post_list(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.annotate(staff_count=Count("memberships", distinct=True)).order_by("name")


def post_staff(post: Post) -> list[PostMembership]:
    return list(post.memberships.select_related("user").order_by("user__email"))


def inbox(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=user).select_related("crisis")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at")


def deliveries(*, status: str | None = None) -> QuerySet[Notification]:
    notifications = Notification.objects.exclude(
        email_status=DeliveryStatus.NOT_APPLICABLE
    ).select_related("recipient")
    if status:
        notifications = notifications.filter(email_status=status)
    return notifications.order_by("-created_at")


def delivery_counts() -> dict[str, int]:
    rows = (
        Notification.objects.exclude(email_status=DeliveryStatus.NOT_APPLICABLE)
        .values("email_status")
        .annotate(total=Count("id"))
    )
    return {row["email_status"]: row["total"] for row in rows}


def record_history(obj: Any) -> list[Any]:
    """Every recorded change of obj with its actor, newest first (pghistory events + context)."""
    events = list(Events.objects.tracks(obj).order_by("-pgh_created_at")[:500])
    user_ids = {
        event.pgh_context.get("user")
        for event in events
        if event.pgh_context and event.pgh_context.get("user") is not None
    }
    users = {str(u.pk): u for u in get_user_model().objects.filter(pk__in=user_ids)}
    for event in events:
        actor_id = (event.pgh_context or {}).get("user")
        event.actor = users.get(str(actor_id)) if actor_id is not None else None
        event.changes = [
            {"field": field, "old": values[0], "new": values[1]}
            for field, values in sorted((event.pgh_diff or {}).items())
            if field not in ("updated_at",)
        ]
    return events


def staff_profiles(*, flexible_shell_only: bool = False) -> QuerySet:
    profiles = StaffProfile.objects.select_related("user").filter(user__is_active=True)
    if flexible_shell_only:
        profiles = profiles.filter(in_flexible_shell=True)
    return profiles.order_by("user__last_name", "user__email")
