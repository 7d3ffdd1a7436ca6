"""Celery tasks of the core: thin wrappers that take ids and call one service each."""

from typing import Any

from celery import shared_task

from crisisportal.celery import TASK_RETRY_POLICY
from crisisportal.services.decisions import decisions_overdue_remind as overdue_decisions_remind
from crisisportal.services.minutes import meeting_minutes_store
from crisisportal.services.notifications import (
    MAX_EMAIL_ATTEMPTS,
    notification_email_deliver,
    notifications_pending_redelivery,
    notifications_republish,
)
from crisisportal.services.post_silence import posts_silence_check as silent_posts_flag
from crisisportal.services.sitrep_alerts import alerts_escalate_due


# A failed send has its own schedule (the service's back-off, recorded on the row), so this
# task retries itself at the countdown the service returns, on top of the shared policy.
@shared_task(bind=True, **{**TASK_RETRY_POLICY, "max_retries": MAX_EMAIL_ATTEMPTS})
def notification_deliver(self: Any, notification_id: str) -> str:
    """Email one notification (claim, send, record); retried with back-off, then failed."""
    outcome = notification_email_deliver(notification_id=notification_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in, exc=outcome.error)
    return outcome.status


@shared_task(**TASK_RETRY_POLICY)
def notifications_republish_pending() -> int:
    """Beat: re-publish deliveries whose broker message may have been lost (Redis down at commit)."""
    ids = notifications_pending_redelivery()
    notifications_republish(ids)
    return len(ids)


# The beat jobs of the crisis picture keep their result (a count) so that operators and tests
# can see what a run did; they are idempotent, so a retry after a lost connection is safe.
@shared_task(**TASK_RETRY_POLICY, ignore_result=False)
def sitrep_alerts_escalate() -> int:
    """Beat: escalate open high-urgency alerts nobody acknowledged in time."""
    return alerts_escalate_due()


@shared_task(**TASK_RETRY_POLICY, ignore_result=False)
def posts_silence_check() -> int:
    """Beat: flag posts that let a reporting period pass without a sitrep."""
    return len(silent_posts_flag())


@shared_task(**TASK_RETRY_POLICY)
def decisions_overdue_remind() -> int:
    """Beat: remind owners of open decisions past their deadline (once a day per decision)."""
    return overdue_decisions_remind()


@shared_task(**TASK_RETRY_POLICY)
def meeting_minutes_generate(meeting_id: str) -> bool:
    """Render and store a closed meeting's minutes; a no-op when they are up to date."""
    return meeting_minutes_store(meeting_id=meeting_id)
