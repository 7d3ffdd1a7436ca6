"""The Celery application: workers and beat share Django's settings (CELERY_* keys)."""

import os
from typing import Any

from celery import Celery
from django.db import InterfaceError, OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisportal.settings")

app = Celery("crisisportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# One retry policy for every task. Only transient failures are retried (a lost database or
# broker connection, a mail server that does not answer); a bug or refused input fails at
# once instead of repeating its side effects. Tasks are idempotent, so a retry is safe.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
    OSError,
)
TASK_RETRY_POLICY: dict[str, Any] = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "max_retries": 5,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
}
