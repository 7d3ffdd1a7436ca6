"""Reads of the inbox and of email deliveries."""

from typing import Any

from django.db.models import Count, QuerySet

from crisisportal.models import (
    DeliveryStatus,
    Notification,
)


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
