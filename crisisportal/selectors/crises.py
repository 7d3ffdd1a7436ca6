"""Reads of crises, their members and the flexible shell, shaped for the pages (no per-row queries)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.http import Http404

from crisisportal.models import (
    Crisis,
    CrisisChange,
    CrisisMembership,
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


def staff_profiles(*, flexible_shell_only: bool = False) -> QuerySet:
    profiles = StaffProfile.objects.select_related("user").filter(user__is_active=True)
    if flexible_shell_only:
        profiles = profiles.filter(in_flexible_shell=True)
    return profiles.order_by("user__last_name", "user__email")
