"""Reads of broadcasts: delivery counts, the list, and the failed deliveries with addresses
masked where the reader may not see the registration.
"""

import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from crisisportal.models import DeliveryStatus
from registration.models import (
    Broadcast,
    BroadcastDelivery,
    BroadcastDeliveryStatus,
    NationalRegistration,
)


def broadcast_count_expressions(*, prefix: str = "") -> dict[str, Count]:
    """The aggregates behind broadcast_counts, for a queryset of deliveries (prefix "")
    or, annotated, of broadcasts (prefix "deliveries__")."""
    email = f"{prefix}notification__email_status"
    return {
        "total": Count(f"{prefix}id"),
        "sent": Count(f"{prefix}id", filter=Q(**{email: DeliveryStatus.SENT})),
        "failed": Count(
            f"{prefix}id",
            filter=Q(**{f"{prefix}status": BroadcastDeliveryStatus.FAILED})
            | Q(**{email: DeliveryStatus.FAILED}),
        ),
        "pending": Count(
            f"{prefix}id",
            filter=Q(**{f"{prefix}status": BroadcastDeliveryStatus.PENDING})
            | Q(**{f"{email}__in": [DeliveryStatus.PENDING, DeliveryStatus.SENDING]}),
        ),
    }


def broadcast_counts(broadcast: Broadcast) -> dict[str, int]:
    """Sent, failed and pending as the staff page shows them: a delivery is sent when its
    email went out, failed when the email (or the delivery) failed, else pending."""
    return broadcast.deliveries.aggregate(**broadcast_count_expressions())


def broadcast_list(broadcasts: QuerySet[Broadcast]) -> QuerySet[Broadcast]:
    """Broadcasts with their sent / failed / pending counts (as broadcast_counts), newest
    first, in one query."""
    return (
        broadcasts.select_related("created_by", "travel_advice")
        .annotate(**broadcast_count_expressions(prefix="deliveries__"))
        .order_by("-created_at", "id")
    )


# An address in a delivery error (an SMTP server's "550 <x@y> unknown") is personal data.
_EMAIL_ADDRESS = re.compile(r"[^\s<>\"'@]+@[^\s<>\"'@]+")


def masked_email(email: str) -> str:
    """The first letter and the domain only: enough to tell deliveries apart."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else "…"


@dataclass
class FailedDelivery:
    delivery: BroadcastDelivery
    reason: str
    recipient: str  # the address in clear, or masked
    registration_visible: bool


FAILED_DELIVERIES_SHOWN = 100


def broadcast_failed_deliveries(
    broadcast: Broadcast, *, visible_registrations: QuerySet[NationalRegistration]
) -> list[FailedDelivery]:
    """The first failed deliveries with their reason, in one query. Addresses are shown in
    clear only for registrations the reader may see (visible_registrations), else masked,
    in the recipient column and inside the reason alike."""
    deliveries = (
        broadcast.deliveries.filter(
            Q(status=BroadcastDeliveryStatus.FAILED)
            | Q(notification__email_status=DeliveryStatus.FAILED)
        )
        .select_related("notification", "registration")
        .annotate(
            registration_visible=Exists(
                visible_registrations.filter(pk=OuterRef("registration_id"))
            )
        )
        .order_by("id")[:FAILED_DELIVERIES_SHOWN]
    )
    rows = []
    for delivery in deliveries:
        notification = delivery.notification
        reason = delivery.error or (notification.email_error if notification else "")
        email = delivery.registration.email or (notification.to_email if notification else "")
        visible = bool(delivery.registration_visible)
        if not visible:
            reason = _EMAIL_ADDRESS.sub(lambda match: masked_email(match.group()), reason)
        rows.append(
            FailedDelivery(
                delivery=delivery,
                reason=reason,
                recipient=email if visible else masked_email(email) if email else "",
                registration_visible=visible,
            )
        )
    return rows
