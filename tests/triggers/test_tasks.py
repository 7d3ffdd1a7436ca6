"""Weekly reviews with a real Celery worker and a frozen clock."""

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from freezegun import freeze_time

from crisisportal.models import Notification
from tests.triggers.factories import make_document
from triggers.models import Review
from triggers.services.participants import document_participants_set
from triggers.tasks import trigger_reviews_tick

AMS = ZoneInfo("Europe/Amsterdam")
# Celery, kombu and redis keep the real clock (their time-outs would never expire otherwise);
# the portal's code sees the frozen one.
REAL_CLOCK = ["celery", "kombu", "billiard", "redis", "amqp", "vine"]


def _at(year: int, month: int, day: int, hour: int, minute: int):
    return freeze_time(datetime(year, month, day, hour, minute, tzinfo=AMS), ignore=REAL_CLOCK)


def _tick():
    return trigger_reviews_tick.delay().get(timeout=30)


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_beat_runs_the_review_tick():
    entries = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "triggers.tasks.trigger_reviews_tick" in entries


def test_review_due_reminded_once_flagged_overdue_and_cleared_when_held(
    celery_worker, coordinator, dcc_member, partner, post_a_staff, crisis, post_a, client_for
):
    # Saturday 21 November 2026; the document is reviewed on Mondays at 10:00.
    with _at(2026, 11, 21, 12, 0):
        document = make_document(actor=coordinator, crisis=crisis, posts=[post_a], review_weekday=0)
        # Staff (the read-only partner too), the post, JenV by address, and a guest.
        document_participants_set(
            actor=coordinator,
            document=document,
            users=[coordinator, dcc_member, partner],
            posts=[post_a],
            ministries={"jenv": "ncc@jenv.example"},
            guests="UNHCR liaison",
        )
        assert _tick() == {"created": 0, "reminded": 0, "flagged": 0}
        review = Review.objects.get(document=document)
        assert review.due_at == datetime(2026, 11, 23, 10, 0, tzinfo=AMS)

    # Sunday, less than a day ahead: every participant is reminded, once, by its channel:
    # staff in the inbox and by email, the post in its mailbox and its staff's inbox, JenV at
    # its contact address.
    with _at(2026, 11, 22, 10, 30):
        assert _tick()["reminded"] == 1
        assert _tick()["reminded"] == 0
        reminders = Notification.objects.filter(kind="trigger_review_reminder")
        assert sorted(str(n.recipient or n.to_email) for n in reminders) == sorted(
            [
                str(coordinator),
                str(dcc_member),
                str(partner),
                str(post_a_staff),
                "alpha@post.example",
                "ncc@jenv.example",
            ]
        )
        assert _wait_for(
            lambda: (
                Notification.objects.filter(
                    kind="trigger_review_reminder", email_status="sent"
                ).count()
                == 6
            )
        )
        assert _tick()["reminded"] == 0

    # Monday 11:00: due, not yet overdue (held later that day is fine).
    with _at(2026, 11, 23, 11, 0):
        # The next slot is now next Monday: its review is created already.
        assert _tick() == {"created": 1, "reminded": 0, "flagged": 0}
        coordinator_client = client_for(coordinator)  # sessions expire; sign in at this time
        page = coordinator_client.get(f"/crises/{crisis.pk}").content.decode()
        assert crisis.title in page
        assert 'data-testid="review-overdue"' not in page

    # Tuesday 10:30: past the deadline, the document is flagged on the crisis page.
    with _at(2026, 11, 24, 10, 30):
        assert _tick() == {"created": 0, "reminded": 0, "flagged": 1}
        assert _tick()["flagged"] == 0
        coordinator_client = client_for(coordinator)
        page = coordinator_client.get(f"/crises/{crisis.pk}").content.decode()
        assert 'data-testid="review-overdue"' in page
        assert (
            Notification.objects.filter(
                kind="trigger_review_overdue", recipient=coordinator
            ).count()
            == 1
        )

        took_part = review.participants.filter(kind__in=["user", "post"]).exclude(user=partner)
        response = coordinator_client.post(
            f"/trigger-documents/{document.pk}/reviews/{review.pk}/hold",
            {
                "held_on": "2026-11-24",
                "took_part": [p.pk for p in took_part],
                "guests": "UNHCR liaison",
                "notes": "Late",
            },
        )
        assert response.status_code == 302
        held = coordinator_client.get(response["Location"]).content.decode()
        recorded = held.split('data-testid="took-part"', 1)[1].split("</ul>", 1)[0]
        for name in ["Carla Coordinator", "Daan Member", "Embassy Alpha", "UNHCR liaison"]:
            assert name in recorded
        assert "Joris Partner" not in recorded
        page = coordinator_client.get(f"/crises/{crisis.pk}").content.decode()
        assert 'data-testid="review-overdue"' not in page
        assert _tick()["flagged"] == 0

    # The next week's review was reminded to nobody yet; this one's reminders stayed at one each.
    assert Notification.objects.filter(kind="trigger_review_reminder").count() == 6
