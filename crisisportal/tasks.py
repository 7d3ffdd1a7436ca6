"""Celery tasks of the core: thin wrappers that load by id and call a service."""

import logging
from datetime import timedelta
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.utils import timezone

from crisisportal.models import DeliveryStatus, Notification
from crisisportal.services.notifications import (
    body_redacted_after_sending,
    notifications_pending_redelivery,
)

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5


def _backoff_seconds(attempt: int) -> int:
    return min(30 * 2 ** (attempt - 1), 15 * 60)


@shared_task(bind=True, max_retries=MAX_EMAIL_ATTEMPTS, acks_late=True)
def notification_deliver(self: Any, notification_id: str) -> str:
    """Email one notification, at most once per claim; retried with back-off, then failed."""
    claimed = Notification.objects.filter(
        pk=notification_id, email_status=DeliveryStatus.PENDING
    ).update(
        email_status=DeliveryStatus.SENDING,
        email_claimed_at=timezone.now(),
        email_attempts=F("email_attempts") + 1,
    )
    if not claimed:
        return "skipped"  # already sent, being sent, failed for good, or gone
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{settings.PORTAL_BASE_URL}{notification.url}"
    try:
        send_mail(
            notification.subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.email_address],
            fail_silently=False,
        )
    except Exception as error:
        attempts = notification.email_attempts
        reason = f"{type(error).__name__}: {error}"[:500]
        if attempts >= MAX_EMAIL_ATTEMPTS:
            Notification.objects.filter(pk=notification_id).update(
                email_status=DeliveryStatus.FAILED, email_error=reason
            )
            logger.warning(
                "Notification %s failed for good after %s attempts", notification_id, attempts
            )
            return "failed"
        countdown = _backoff_seconds(attempts)
        Notification.objects.filter(pk=notification_id).update(
            email_status=DeliveryStatus.PENDING,
            email_error=reason,
            email_next_attempt_at=timezone.now() + timedelta(seconds=countdown),
        )
        raise self.retry(countdown=countdown, exc=error) from error
    Notification.objects.filter(pk=notification_id).update(
        email_status=DeliveryStatus.SENT,
        email_sent_at=timezone.now(),
        email_error="",
        body=body_redacted_after_sending(notification.body),
    )
    return "sent"


@shared_task
def notifications_republish_pending() -> int:
    """Beat: re-publish deliveries whose broker message may have been lost (Redis down at commit)."""
    ids = notifications_pending_redelivery()
    for notification_id in ids:
        notification_deliver.delay(str(notification_id))
    return len(ids)


# The beat jobs of the crisis picture keep their result (a count) so that operators and tests
# can see what a run did; they are idempotent, so a retry after a lost connection is safe.
@shared_task(
    acks_late=True,
    ignore_result=False,
    autoretry_for=(OSError,),
    max_retries=3,
    retry_backoff=True,
)
def sitrep_alerts_escalate() -> int:
    """Beat: escalate open high-urgency alerts nobody acknowledged in time."""
    from crisisportal.services.sitreps import alerts_escalate_due

    return alerts_escalate_due()


@shared_task(
    acks_late=True,
    ignore_result=False,
    autoretry_for=(OSError,),
    max_retries=3,
    retry_backoff=True,
)
def posts_silence_check() -> int:
    """Beat: flag posts that let a reporting period pass without a sitrep."""
    from crisisportal.services.sitreps import posts_silence_check as check

    return len(check())


@shared_task
def decisions_overdue_remind() -> int:
    """Beat: remind owners of open decisions past their deadline (once a day per decision)."""
    from crisisportal.services.meetings import decisions_overdue_remind as remind

    return remind()


@shared_task(bind=True, max_retries=5, acks_late=True)
def meeting_minutes_generate(self: Any, meeting_id: str) -> bool:
    """Render and store a closed meeting's minutes; a no-op when they are up to date."""
    from crisisportal.services.meetings import meeting_minutes_store

    try:
        return meeting_minutes_store(meeting_id=meeting_id)
    except Exception as error:
        logger.warning("Minutes of meeting %s failed; retrying.", meeting_id)
        raise self.retry(countdown=30, exc=error) from error
