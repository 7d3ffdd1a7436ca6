"""A broadcast to a few thousand registrants, with the Celery worker killed part-way,
reaches every registrant exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from crisisportal.celery import app
from crisisportal.models import Notification
from registration.models import (
    BroadcastDelivery,
    BroadcastDeliveryStatus,
    NationalRegistration,
    RegistrationStatus,
)
from registration.services.broadcasts import embassy_message_send
from registration.tasks import broadcasts_resume_pending

REGISTRANTS = 3000
ROOT = Path(__file__).resolve().parents[2]


def _worker_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        BROADCAST_BATCH_SIZE="50",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if db.get("PASSWORD"):
        env["DATABASE_URL"] = env["DATABASE_URL"].replace("@", f":{db['PASSWORD']}@", 1)
    return env


def _start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "crisisportal",
            "worker",
            "--pool=prefork",
            "--concurrency=2",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=_worker_env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _sent(broadcast_id: Any) -> int:
    return BroadcastDelivery.objects.filter(
        broadcast_id=broadcast_id, status=BroadcastDeliveryStatus.SENT
    ).count()


def _wait(predicate: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_broadcast_survives_a_killed_worker_exactly_once(settings: Any) -> None:
    app.control.purge()
    NationalRegistration.objects.bulk_create(
        NationalRegistration(
            kind="extended",
            status=RegistrationStatus.CONFIRMED,
            country="SD",
            email=f"r{i}@example.org",
            token_hash=f"{i:064d}",
        )
        for i in range(REGISTRANTS)
    )
    worker = _start_worker()
    try:
        broadcast = embassy_message_send(
            actor=None, country="SD", subject="Go to the assembly point", body="Now."
        )
        assert _wait(lambda: _sent(broadcast.pk) >= REGISTRANTS // 4, 180), "worker too slow"
        # Kill the whole worker (main process and pool) without any chance to clean up.
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        part = _sent(broadcast.pk)
        assert part < REGISTRANTS, "killed too late to prove anything"

        worker = _start_worker()
        # Messages the dead worker held are not redelivered until Redis' visibility
        # timeout; beat's resume job re-queues the pending rows meanwhile.
        broadcasts_resume_pending.delay()
        assert _wait(lambda: _sent(broadcast.pk) == REGISTRANTS, 300)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        app.control.purge()
    connection.close()
    notified = Notification.objects.filter(dedupe_key__startswith=f"broadcast:{broadcast.pk}:")
    assert notified.count() == REGISTRANTS
    assert notified.values("to_email").distinct().count() == REGISTRANTS
    assert BroadcastDelivery.objects.filter(broadcast=broadcast).count() == REGISTRANTS
