"""Celery tasks of the registration app: thin wrappers that load by id and call a service."""

from typing import Any

from celery import shared_task
from django.db import OperationalError
from django.db.models import Exists, OuterRef

from registration.models import Broadcast, BroadcastDelivery, BroadcastDeliveryStatus
from registration.services import broadcasts, local_staff_uploads, registrations


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=5, retry_backoff=True)
def broadcast_fan_out(broadcast_id: str) -> int:
    """Write the delivery rows, then queue one batch task per batch of pending rows."""
    broadcast = Broadcast.objects.filter(pk=broadcast_id).first()
    if broadcast is None:
        return 0
    batches = broadcasts.broadcast_fan_out(broadcast=broadcast)
    for _ in range(batches):
        broadcast_send_batch.delay(broadcast_id)
    return batches


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=5, retry_backoff=True)
def broadcast_send_batch(broadcast_id: str) -> int:
    broadcast = Broadcast.objects.filter(pk=broadcast_id).first()
    if broadcast is None:
        return 0
    return broadcasts.broadcast_send_batch(broadcast=broadcast)


@shared_task
def broadcasts_resume_pending() -> int:
    """Beat: a broadcast whose messages were lost (Redis restarted, worker gone for good)
    still has pending rows, or was never fanned out; queue it again. Idempotent."""
    pending = Broadcast.objects.filter(
        Exists(
            BroadcastDelivery.objects.filter(
                broadcast=OuterRef("pk"), status=BroadcastDeliveryStatus.PENDING
            )
        )
    ) | Broadcast.objects.filter(fanned_out_at__isnull=True)
    ids = [str(pk) for pk in pending.values_list("pk", flat=True)]
    for broadcast_id in ids:
        broadcast_fan_out.delay(broadcast_id)
    return len(ids)


@shared_task
def registrations_expire_and_purge() -> dict[str, Any]:
    return registrations.registrations_expire_and_purge()


# Database or broker hiccups are worth a retry; a bug in the file is not (the services
# report those to the user as errors).
_RETRY_ON = (ConnectionError, OperationalError)


@shared_task(acks_late=True, autoretry_for=_RETRY_ON, max_retries=3, retry_backoff=True)
def local_staff_import_validate(upload_id: str) -> None:
    local_staff_uploads.local_staff_import_upload_validate(upload_id=upload_id)


@shared_task(acks_late=True, autoretry_for=_RETRY_ON, max_retries=3, retry_backoff=True)
def local_staff_import_apply_task(upload_id: str) -> None:
    local_staff_uploads.local_staff_import_upload_apply(upload_id=upload_id)


@shared_task
def local_staff_import_uploads_purge() -> int:
    return local_staff_uploads.local_staff_import_uploads_purge()
