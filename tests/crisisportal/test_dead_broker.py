"""A dead Redis must not hang a web request or lose a notification."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from crisisportal.models import DeliveryStatus, Notification

SCRIPT = """
import django, time
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from crisisportal.services.notifications import notification_send
user = get_user_model().objects.get(email="member@dcc.example")
started = time.monotonic()
with transaction.atomic():
    notification_send(recipients=[user], kind="flexible_shell_called_in",
                      context={"crisis": {"title": "Broker down"}, "actor": user})
print(f"ELAPSED {time.monotonic() - started:.2f}")
"""


@pytest.mark.django_db(transaction=True)
def test_commit_with_redis_down_returns_fast_and_leaves_the_row_pending(dcc_member):
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens there
    }
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    elapsed = float(result.stdout.split("ELAPSED")[1])
    assert elapsed < 10, f"publishing blocked for {elapsed}s"
    assert time.monotonic() - started < 30
    notification = Notification.objects.get(recipient=dcc_member, kind="flexible_shell_called_in")
    # Nothing lost: the row waits for the beat re-publisher.
    assert notification.email_status == DeliveryStatus.PENDING
