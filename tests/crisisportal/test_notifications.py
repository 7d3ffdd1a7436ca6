import contextlib
import time

import pytest
from django.core import mail
from django.urls import reverse

from crisisportal.models import DeliveryStatus, Notification
from crisisportal.services.notifications import notification_send, notifications_pending_redelivery
from crisisportal.tasks import notification_deliver


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
def test_real_worker_delivers_after_commit_exactly_once(celery_worker, coordinator, dcc_member):
    from django.db import transaction

    with transaction.atomic():
        [notification] = notification_send(
            recipients=[dcc_member, dcc_member],
            kind="flexible_shell_called_in",
            context={"crisis": {"title": "Test crisis"}, "actor": coordinator},
        )
    assert _wait_for(
        lambda: Notification.objects.get(pk=notification.pk).email_status == DeliveryStatus.SENT
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [dcc_member.email]
    assert "Test crisis" in mail.outbox[0].subject
    # A second (duplicate) task for the same row sends nothing.
    notification_deliver.delay(str(notification.pk))
    time.sleep(1)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_delivery_is_retried_then_marked_failed(settings, coordinator, dcc_member):
    settings.EMAIL_BACKEND = "tests.crisisportal.failing_email.FailingBackend"
    [notification] = notification_send(
        recipients=[dcc_member],
        kind="flexible_shell_called_in",
        context={"crisis": {"title": "X"}, "actor": coordinator},
    )
    for _attempt in range(5):
        with contextlib.suppress(Exception):  # the retry raises; the row records the attempt
            notification_deliver.apply(args=(str(notification.pk),), throw=True)
        Notification.objects.filter(pk=notification.pk, email_status="pending").update(
            email_next_attempt_at=None
        )
    notification.refresh_from_db()
    assert notification.email_status == DeliveryStatus.FAILED
    assert notification.email_attempts == 5
    assert "SMTP" in notification.email_error


@pytest.mark.django_db
def test_pending_rows_are_found_for_republishing(coordinator, dcc_member):
    from datetime import timedelta

    from django.utils import timezone

    [notification] = notification_send(
        recipients=[dcc_member],
        kind="flexible_shell_called_in",
        context={"crisis": {"title": "X"}, "actor": coordinator},
    )
    assert notifications_pending_redelivery() == []  # too fresh: its own message is on the way
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    assert notifications_pending_redelivery() == [notification.pk]
    stuck = Notification.objects.filter(pk=notification.pk)
    stuck.update(email_status="sending", email_claimed_at=timezone.now() - timedelta(hours=1))
    assert notifications_pending_redelivery() == [notification.pk]
    assert stuck.get().email_status == "pending"


@pytest.mark.django_db
def test_inbox_shows_and_marks_read(client_for, coordinator, dcc_member):
    [notification] = notification_send(
        recipients=[dcc_member],
        kind="flexible_shell_called_in",
        context={"crisis": {"title": "Flood"}, "actor": coordinator},
        url="/crises",
    )
    client = client_for(dcc_member)
    page = client.get(reverse("crisisportal:inbox")).content.decode()
    assert "Flood" in page
    response = client.post(reverse("crisisportal:notification-open", args=[notification.pk]))
    assert response["Location"] == "/crises"
    notification.refresh_from_db()
    assert notification.read_at is not None
    # Somebody else's notification does not exist for another user.
    other = client_for(coordinator)
    assert (
        other.post(reverse("crisisportal:notification-open", args=[notification.pk])).status_code
        == 404
    )


@pytest.mark.django_db
def test_staff_see_delivery_status_and_retry_failures(client_for, coordinator, dcc_member):
    [notification] = notification_send(
        recipients=[dcc_member],
        kind="flexible_shell_called_in",
        context={"crisis": {"title": "X"}, "actor": coordinator},
    )
    Notification.objects.filter(pk=notification.pk).update(
        email_status="failed", email_error="SMTPServerDisconnected: gone"
    )
    client = client_for(coordinator)
    page = client.get(reverse("crisisportal:deliveries") + "?status=failed").content.decode()
    assert "SMTPServerDisconnected: gone" in page
    client.post(reverse("crisisportal:delivery-retry", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.email_status == "pending"
