"""Notifications: one row per recipient, written in the cause's transaction, emailed after commit."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from crisisportal.models import Crisis, DeliveryStatus, Notification
from crisisportal.queue import tasks_enqueue_on_commit, tasks_publish

logger = logging.getLogger(__name__)

# Functions that remove secrets (a registrant's personal link) from an email's stored body
# once the email has gone out: the row stays as a record of what was sent, without a
# working link for whoever reads the database or the admin later. Apps register theirs in
# AppConfig.ready (core cannot import them).
SentBodyRedactor = Callable[[str], str]
_sent_body_redactors: list[SentBodyRedactor] = []


def register_sent_body_redactor(redactor: SentBodyRedactor) -> None:
    if redactor not in _sent_body_redactors:
        _sent_body_redactors.append(redactor)


def body_redacted_after_sending(body: str) -> str:
    for redactor in _sent_body_redactors:
        body = redactor(body)
    return body


def _render(kind: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """Render notifications/<kind>.txt in the recipient's language: first line subject, rest body."""
    with translation.override(language):
        text = render_to_string(f"notifications/{kind}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return subject.strip()[:250], body.strip()


def _recipient_language(user: User) -> str:
    profile = getattr(user, "staff_profile", None)
    return profile.language if profile else translation.get_language() or "nl"


DELIVER_TASK = "crisisportal.tasks.notification_deliver"


def queue_delivery(notification_ids: list[Any]) -> None:
    """Publish delivery tasks once the transaction commits; a dead broker only delays them
    (the rows stay pending and beat re-publishes them)."""
    tasks_enqueue_on_commit(
        DELIVER_TASK, [[notification_id] for notification_id in notification_ids]
    )


def _notification_build(
    kind: str, context: dict[str, Any], language: str, **fields: Any
) -> Notification:
    """The notification of kind with its subject and body rendered in language (not saved)."""
    subject, body = _render(kind, context, language)
    return Notification(kind=kind, subject=subject, body=body, **fields)


def _saved_unless_duplicate(notification: Notification) -> bool:
    """Save the notification; False where its dedupe key is taken (the cause was processed
    before). The savepoint keeps the caller's transaction usable after the refusal."""
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        return False
    return True


def notification_send(
    *,
    recipients: Iterable[User],
    kind: str,
    context: dict[str, Any],
    url: str = "",
    crisis: Crisis | None = None,
    email: bool = True,
    dedupe_key: str | None = None,
) -> list[Notification]:
    """Write one notification per distinct recipient; email goes out after commit.

    With a dedupe_key a cause that is processed twice notifies each recipient once.
    """
    created: list[Notification] = []
    seen: set[Any] = set()
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notification = _notification_build(
            kind,
            context,
            _recipient_language(user),
            recipient=user,
            url=url,
            crisis=crisis,
            email_status=DeliveryStatus.PENDING
            if email and user.email
            else DeliveryStatus.NOT_APPLICABLE,
            dedupe_key=f"{dedupe_key}:{user.pk}" if dedupe_key else None,
        )
        if dedupe_key:
            if not _saved_unless_duplicate(notification):
                continue
        else:
            notification.save()
        created.append(notification)
    queue_delivery([n.pk for n in created if n.email_status == DeliveryStatus.PENDING])
    return created


def notification_send_to_address(
    *,
    email: str,
    kind: str,
    context: dict[str, Any],
    language: str = "nl",
    url: str = "",
    crisis: Crisis | None = None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Email someone without an account (a post's functional mailbox, a registrant)."""
    notification = _notification_build(
        kind, context, language, to_email=email, url=url, crisis=crisis, dedupe_key=dedupe_key
    )
    if not _saved_unless_duplicate(notification):
        return None
    queue_delivery([notification.pk])
    return notification


def notification_mark_read(*, actor: User, notification: Notification) -> None:
    if notification.recipient_id != actor.pk:
        raise PermissionError("Only the recipient can mark a notification read.")
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_retry(*, actor: User, notification: Notification) -> bool:
    """Put a failed email delivery back in the queue. Returns False if it was not failed."""
    updated = Notification.objects.filter(
        pk=notification.pk, email_status=DeliveryStatus.FAILED
    ).update(email_status=DeliveryStatus.PENDING, email_error="", email_attempts=0)
    if updated:
        logger.info("Notification delivery %s retried by user %s", notification.pk, actor.pk)
        queue_delivery([notification.pk])
    return bool(updated)


STALE_CLAIM_AFTER = timedelta(minutes=10)
REPUBLISH_AFTER = timedelta(seconds=30)


def notifications_pending_redelivery() -> list[Any]:
    """Ids of deliveries whose broker message may be lost: pending past their due time, or
    claimed by a worker that died mid-send (reset to pending: email is at-least-once, the
    claim makes a double send need a crash between sending and recording it)."""
    now = timezone.now()
    Notification.objects.filter(
        email_status=DeliveryStatus.SENDING, email_claimed_at__lt=now - STALE_CLAIM_AFTER
    ).update(email_status=DeliveryStatus.PENDING, email_next_attempt_at=None)
    due = Q(email_next_attempt_at__isnull=True, created_at__lt=now - REPUBLISH_AFTER) | Q(
        email_next_attempt_at__lt=now - REPUBLISH_AFTER
    )
    return list(
        Notification.objects.filter(due, email_status=DeliveryStatus.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:1000]
    )


def notifications_republish(notification_ids: list[Any]) -> None:
    """Publish the deliveries beat found pending (notifications_pending_redelivery) now."""
    tasks_publish(DELIVER_TASK, [[notification_id] for notification_id in notification_ids])


MAX_EMAIL_ATTEMPTS = 5


def _backoff_seconds(attempt: int) -> int:
    return min(30 * 2 ** (attempt - 1), 15 * 60)


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one delivery attempt did: "sent", "skipped" (not pending: sent, being sent, failed
    for good or gone), "failed" (for good), or "retry" after retry_in seconds (error says why)."""

    status: str
    retry_in: int | None = None
    error: Exception | None = None


def notification_email_deliver(*, notification_id: Any) -> DeliveryOutcome:
    """Email one notification, at most once per claim.

    The row is claimed (pending -> sending, one more attempt) with a conditional update, so a
    duplicate task sends nothing. A failed send goes back to pending with a back-off (30 s
    doubling up to 15 minutes) until MAX_EMAIL_ATTEMPTS, then fails for good. Once sent, the
    stored body keeps no secret (the registered redactors run over it).
    """
    claimed = Notification.objects.filter(
        pk=notification_id, email_status=DeliveryStatus.PENDING
    ).update(
        email_status=DeliveryStatus.SENDING,
        email_claimed_at=timezone.now(),
        email_attempts=F("email_attempts") + 1,
    )
    if not claimed:
        return DeliveryOutcome("skipped")
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
        return _delivery_failed(notification, error)
    Notification.objects.filter(pk=notification_id).update(
        email_status=DeliveryStatus.SENT,
        email_sent_at=timezone.now(),
        email_error="",
        body=body_redacted_after_sending(notification.body),
    )
    return DeliveryOutcome("sent")


def _delivery_failed(notification: Notification, error: Exception) -> DeliveryOutcome:
    attempts = notification.email_attempts
    reason = f"{type(error).__name__}: {error}"[:500]
    rows = Notification.objects.filter(pk=notification.pk)
    if attempts >= MAX_EMAIL_ATTEMPTS:
        rows.update(email_status=DeliveryStatus.FAILED, email_error=reason)
        logger.warning(
            "Notification %s failed for good after %s attempts", notification.pk, attempts
        )
        return DeliveryOutcome("failed", error=error)
    countdown = _backoff_seconds(attempts)
    rows.update(
        email_status=DeliveryStatus.PENDING,
        email_error=reason,
        email_next_attempt_at=timezone.now() + timedelta(seconds=countdown),
    )
    return DeliveryOutcome("retry", retry_in=countdown, error=error)
