"""The crisis picture's beat jobs on a real Celery worker, with a frozen clock: unacknowledged
high-urgency alerts escalate along the escalation list; silent posts are flagged once per
reporting period."""

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from crisisportal.models import CrisisMembership, Notification, PostSilenceFlag, SitrepAlert
from crisisportal.services.sitrep_alerts import alert_acknowledge
from crisisportal.tasks import posts_silence_check, sitrep_alerts_escalate
from tests.crisisportal.picture_factories import make_sitrep

# Celery, kombu and redis keep the real clock (their time-outs would never expire otherwise);
# the portal's code sees the frozen one.
REAL_CLOCK = ["celery", "kombu", "billiard", "redis", "amqp", "vine"]


def _at(moment: datetime) -> Any:
    return freeze_time(moment, ignore=REAL_CLOCK)


def _wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _escalate() -> int:
    return sitrep_alerts_escalate.delay().get(timeout=30)


def _silence_check() -> int:
    return posts_silence_check.delay().get(timeout=30)


def _escalations_to(user: Any) -> list[Notification]:
    return list(Notification.objects.filter(kind="sitrep_alert_escalated", recipient=user))


def _post_reporting(client: Any, crisis: Any) -> str:
    """The crisis page's table of reporting per post (other sections say 'overdue' too)."""
    page = client.get(f"/crises/{crisis.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    start = html.index('data-testid="post-reporting"')
    return html[start : html.index("</table>", start)]


def test_unacknowledged_alert_escalates_to_the_next_person_once(
    celery_worker, crisis, post_a, post_a_staff, coordinator, dcc_member, client_for
):
    CrisisMembership.objects.filter(crisis=crisis, user=dcc_member).update(escalation_order=1)
    CrisisMembership.objects.filter(crisis=crisis, user=coordinator).update(escalation_order=2)
    raised = timezone.now().replace(microsecond=0) + timedelta(minutes=1)

    with _at(raised):
        ignored = make_sitrep(
            actor=post_a_staff,
            crisis=crisis,
            post=post_a,
            urgency="high",
            negative_developments="Militia at the embassy gate.",
        )
        seen = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high")
        alert_acknowledge(actor=coordinator, alert=seen.alert, note="Calling the ambassador.")

    # Before the set time (30 minutes) nothing escalates.
    with _at(raised + timedelta(minutes=29)):
        assert _escalate() == 0
        assert _escalations_to(dcc_member) == []

    # After it, the ignored alert goes to the first person of the list, exactly once.
    with _at(raised + timedelta(minutes=30)):
        assert _escalate() == 1
        assert _escalate() == 0
        [notification] = _escalations_to(dcc_member)
        assert "Embassy Alpha" in notification.subject + notification.body
        assert notification.url == f"/crises/{crisis.pk}/sitreps/{ignored.pk}"
        assert _wait_for(
            lambda: Notification.objects.get(pk=notification.pk).email_status == "sent"
        )
        # Subjects are in the recipient's language: compare with the notification's own.
        assert [m.to for m in mail.outbox if m.subject == notification.subject] == [
            [dcc_member.email]
        ]
        page = client_for(dcc_member).get(f"/crises/{crisis.pk}").content.decode()
        assert "High urgency from Embassy Alpha" in page
        assert "escalated once" in page

    with _at(raised + timedelta(minutes=45)):
        assert _escalate() == 0  # the next step waits another full delay

    # Still nobody acknowledges: the next person on the list; the first is not alerted again.
    with _at(raised + timedelta(minutes=60)):
        assert _escalate() == 1
        assert len(_escalations_to(dcc_member)) == 1
        assert len(_escalations_to(coordinator)) == 1

    # The acknowledged alert never escalated.
    assert not SitrepAlert.objects.get(pk=seen.alert.pk).escalations.exists()
    assert Notification.objects.filter(kind="sitrep_alert_escalated").count() == 2


def test_silent_post_is_flagged_once_per_period_until_it_reports(
    celery_worker, crisis, post_a, post_a_staff, coordinator, dcc_member, client_for
):
    opened = crisis.opened_at  # the reporting cadence is daily

    def overdue_notifications() -> set[tuple[Any, str]]:
        return set(
            Notification.objects.filter(kind="post_overdue").values_list("recipient", "to_email")
        )

    with _at(opened + timedelta(hours=23)):
        assert _silence_check() == 0
        assert "On time" in _post_reporting(client_for(coordinator), crisis)

    # Past the first period: flagged, the post and the coordinator are told.
    with _at(opened + timedelta(hours=25)):
        assert _silence_check() == 1
        assert overdue_notifications() == {
            (post_a_staff.pk, ""),
            (coordinator.pk, ""),
            (None, "alpha@post.example"),
        }
        assert _silence_check() == 0  # the same period is not flagged again
        table = _post_reporting(client_for(coordinator), crisis)
        assert "Overdue" in table
        assert "Embassy Alpha" in table

    # Later in the same period: still nothing new.
    with _at(opened + timedelta(hours=47)):
        assert _silence_check() == 0
        assert Notification.objects.filter(kind="post_overdue").count() == 3
        assert PostSilenceFlag.objects.count() == 1

    # The next period passes in silence too: flagged again, once.
    with _at(opened + timedelta(hours=49)):
        assert _silence_check() == 1
        assert _silence_check() == 0
        assert PostSilenceFlag.objects.count() == 2
        assert Notification.objects.filter(kind="post_overdue", recipient=coordinator).count() == 2
        assert Notification.objects.filter(kind="post_overdue", recipient=post_a_staff).count() == 2
        assert _wait_for(
            lambda: (
                not Notification.objects.filter(kind="post_overdue")
                .exclude(email_status="sent")
                .exists()
            )
        )
        to_mailbox = [m for m in mail.outbox if m.to == ["alpha@post.example"]]
        overdue_subjects = set(
            Notification.objects.filter(kind="post_overdue").values_list("subject", flat=True)
        )
        assert sum(1 for m in to_mailbox if m.subject in overdue_subjects) == 2

    # A new report clears the overdue state and restarts the clock.
    with _at(opened + timedelta(hours=50)):
        make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a)
        assert "Overdue" not in _post_reporting(client_for(coordinator), crisis)
        assert "On time" in _post_reporting(client_for(coordinator), crisis)
        assert _silence_check() == 0

    with _at(opened + timedelta(hours=73)):
        assert _silence_check() == 0  # the day since the report is not over yet
    assert PostSilenceFlag.objects.count() == 2
    assert Notification.objects.filter(kind="post_overdue").count() == 6
