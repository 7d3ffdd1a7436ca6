"""Celery tasks of the registration app: thin wrappers that load by id and call a service.

Every task takes the one retry policy (crisisportal.celery.TASK_RETRY_POLICY): a lost
database or broker connection is retried, a bug or a refused file is not (the services
report those to the user). The services are idempotent, so a retry is safe.
"""

from typing import Any

from celery import shared_task

from crisisportal.celery import TASK_RETRY_POLICY
from registration.models import Broadcast
from registration.services import broadcasts, local_staff_uploads, registrations


@shared_task(**TASK_RETRY_POLICY)
def broadcast_fan_out(broadcast_id: str) -> int:
    """Write the delivery rows, then queue one batch task per batch of pending rows."""
    broadcast = Broadcast.objects.filter(pk=broadcast_id).first()
    if broadcast is None:
        return 0
    batches = broadcasts.broadcast_fan_out(broadcast=broadcast)
    for _ in range(batches):
        broadcast_send_batch.delay(broadcast_id)
    return batches


@shared_task(**TASK_RETRY_POLICY)
def broadcast_send_batch(broadcast_id: str) -> int:
    broadcast = Broadcast.objects.filter(pk=broadcast_id).first()
    if broadcast is None:
        return 0
    return broadcasts.broadcast_send_batch(broadcast=broadcast)


@shared_task(**TASK_RETRY_POLICY)
def broadcasts_resume_pending() -> int:
    """Beat: queue again the broadcasts whose messages were lost."""
    return broadcasts.broadcasts_resume_pending()


@shared_task(**TASK_RETRY_POLICY)
def registrations_expire_and_purge() -> dict[str, Any]:
    return registrations.registrations_expire_and_purge()


@shared_task(**TASK_RETRY_POLICY)
def local_staff_import_validate(upload_id: str) -> None:
    local_staff_uploads.local_staff_import_upload_validate(upload_id=upload_id)


@shared_task(**TASK_RETRY_POLICY)
def local_staff_import_apply_task(upload_id: str) -> None:
    local_staff_uploads.local_staff_import_upload_apply(upload_id=upload_id)


@shared_task(**TASK_RETRY_POLICY)
def local_staff_import_uploads_purge() -> int:
    return local_staff_uploads.local_staff_import_uploads_purge()
