"""Travel advice and broadcasts to registrants, fanned out by Celery in batches.

Exactly once: every recipient gets one BroadcastDelivery row (unique per broadcast and
registration) and one Notification (unique dedupe key), written in the same transaction
that marks the delivery sent. A worker that dies mid-batch rolls its transaction back and
the batch runs again (acks late); a lost broker message is re-queued by beat from the
pending rows. The email itself is then delivered by the foundation's notification task.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from crisisportal.models import DeliveryStatus, Notification
from crisisportal.queue import task_enqueue_on_commit, tasks_enqueue_on_commit
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_retry, notification_send_to_address
from registration.models import (
    AdviceColour,
    Broadcast,
    BroadcastDelivery,
    BroadcastDeliveryStatus,
    BroadcastKind,
    NationalRegistration,
    RegistrationKind,
    RegistrationStatus,
    TravelAdvice,
)

logger = logging.getLogger(__name__)


def _queue_fan_out(broadcast: Broadcast) -> None:
    # A broker that cannot be reached leaves the broadcast un-fanned; beat resumes it.
    task_enqueue_on_commit("registration.tasks.broadcast_fan_out", broadcast.pk)


@transaction.atomic
def travel_advice_publish(
    *, actor: Any, country: str, colour: str, text: str, regions: dict[str, str] | None = None
) -> TravelAdvice:
    """Publish a new version of a country's travel advice and notify every confirmed
    registrant for that country (limited and extended)."""
    country = country.upper()
    errors: dict[str, str] = {}
    if not countries.alpha2(country):
        errors["country"] = _("Choose a country.")
    if colour not in AdviceColour.values:
        errors["colour"] = _("Choose a colour code.")
    if any(value not in AdviceColour.values for value in (regions or {}).values()):
        errors["regions"] = _("Every region needs a valid colour code.")
    if not text.strip():
        errors["text"] = _("Write the advice.")
    if errors:
        raise ValidationError(errors)
    # Lock the country's versions so two publishers cannot take the same number.
    list(TravelAdvice.objects.select_for_update().filter(country=country))
    latest = TravelAdvice.objects.filter(country=country).aggregate(v=Max("version"))["v"] or 0
    with audit_context(actor):
        advice = TravelAdvice.objects.create(
            country=country,
            version=latest + 1,
            colour=colour,
            regions=regions or {},
            text=text,
            published_by=actor if getattr(actor, "pk", None) else None,
        )
        broadcast = Broadcast.objects.create(
            kind=BroadcastKind.TRAVEL_ADVICE,
            country=country,
            travel_advice=advice,
            subject=_("Travel advice changed: %(country)s") % {"country": countries.name(country)},
            body=text,
            created_by=advice.published_by,
        )
    _queue_fan_out(broadcast)
    return advice


@transaction.atomic
def embassy_message_send(*, actor: Any, country: str, subject: str, body: str) -> Broadcast:
    """A message from the embassy to the extended registrants of a country only."""
    errors: dict[str, str] = {}
    if not countries.alpha2(country.upper()):
        errors["country"] = _("Choose a country.")
    if not subject.strip():
        errors["subject"] = _("Write a subject.")
    if not body.strip():
        errors["body"] = _("Write the message.")
    if errors:
        raise ValidationError(errors)
    with audit_context(actor):
        broadcast = Broadcast.objects.create(
            kind=BroadcastKind.EMBASSY_MESSAGE,
            country=country.upper(),
            subject=subject,
            body=body,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
    _queue_fan_out(broadcast)
    return broadcast


def broadcast_recipients(broadcast: Broadcast) -> Any:
    registrations = NationalRegistration.objects.filter(
        country=broadcast.country, status=RegistrationStatus.CONFIRMED
    )
    if broadcast.kind == BroadcastKind.EMBASSY_MESSAGE:
        registrations = registrations.filter(kind=RegistrationKind.EXTENDED)
    return registrations


def broadcast_fan_out(*, broadcast: Broadcast) -> int:
    """Write a pending delivery per recipient (idempotent) and return the number of batches
    to queue. Registrations confirmed later are not added once the fan-out completed."""
    if broadcast.fanned_out_at is None:
        ids = broadcast_recipients(broadcast).values_list("pk", flat=True)
        BroadcastDelivery.objects.bulk_create(
            (BroadcastDelivery(broadcast=broadcast, registration_id=pk) for pk in ids.iterator()),
            batch_size=2000,
            ignore_conflicts=True,
        )
        Broadcast.objects.filter(pk=broadcast.pk).update(fanned_out_at=timezone.now())
    pending = broadcast.deliveries.filter(status=BroadcastDeliveryStatus.PENDING).count()
    return -(-pending // settings.BROADCAST_BATCH_SIZE)


@transaction.atomic
def broadcast_send_batch(*, broadcast: Broadcast) -> int:
    """Send up to one batch of pending deliveries; returns how many were handled.

    Rows are claimed with SKIP LOCKED, so concurrent batches never take the same row, and
    everything (notification rows and delivery status) commits together or not at all.
    """
    deliveries = list(
        BroadcastDelivery.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(broadcast=broadcast, status=BroadcastDeliveryStatus.PENDING)
        .select_related("registration")
        .order_by("id")[: settings.BROADCAST_BATCH_SIZE]
    )
    for delivery in deliveries:
        registration = delivery.registration
        delivery.attempts += 1
        if not registration.email or registration.status != RegistrationStatus.CONFIRMED:
            delivery.status = BroadcastDeliveryStatus.FAILED
            delivery.error = "registration ended"
            continue
        notification = notification_send_to_address(
            email=registration.email,
            kind="registration_broadcast",
            context={"broadcast": broadcast, "url": f"{settings.PORTAL_BASE_URL}/register"},
            language=registration.language,
            dedupe_key=f"broadcast:{broadcast.pk}:{registration.pk}",
        )
        if notification is None:  # already notified in an earlier, committed attempt
            notification = Notification.objects.filter(
                dedupe_key=f"broadcast:{broadcast.pk}:{registration.pk}"
            ).first()
        delivery.notification = notification
        delivery.status = BroadcastDeliveryStatus.SENT
    BroadcastDelivery.objects.bulk_update(
        deliveries, ["status", "attempts", "error", "notification", "updated_at"]
    )
    return len(deliveries)


def broadcast_retry_failed(*, actor: Any, broadcast: Broadcast) -> int:
    """Retry every failed email of the broadcast; returns how many were re-queued."""
    retried = 0
    failed = Notification.objects.filter(
        pk__in=broadcast.deliveries.filter(notification__email_status=DeliveryStatus.FAILED).values(
            "notification_id"
        )
    )
    for notification in failed:
        with transaction.atomic():
            if notification_retry(actor=actor, notification=notification):
                retried += 1
    return retried


def broadcasts_resume_pending() -> int:
    """Queue again every broadcast whose messages were lost (Redis restarted, worker gone
    for good): it still has pending deliveries, or was never fanned out. Idempotent: the
    fan-out and the batches skip what is already done."""
    pending = Broadcast.objects.filter(
        Exists(
            BroadcastDelivery.objects.filter(
                broadcast=OuterRef("pk"), status=BroadcastDeliveryStatus.PENDING
            )
        )
    ) | Broadcast.objects.filter(fanned_out_at__isnull=True)
    ids = list(pending.values_list("pk", flat=True))
    tasks_enqueue_on_commit("registration.tasks.broadcast_fan_out", [[pk] for pk in ids])
    return len(ids)
