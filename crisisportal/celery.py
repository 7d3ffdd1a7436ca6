"""The Celery application: workers and beat share Django's settings (CELERY_* keys)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisportal.settings")

app = Celery("crisisportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
