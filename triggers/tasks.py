"""Celery tasks of the triggers app: each takes ids (or nothing), calls one service, and
retries transient failures with the shared policy (the services are idempotent)."""

from typing import Any

from celery import shared_task

from crisisportal.celery import TASK_RETRY_POLICY
from triggers.services.exports import document_export_render
from triggers.services.reviews import reviews_tick


# The result (counts) is kept so that operators and tests can see what a run did.
@shared_task(**TASK_RETRY_POLICY, ignore_result=False)
def trigger_reviews_tick() -> dict[str, int]:
    """Beat: create due weekly reviews, remind a day ahead (once), flag overdue reviews."""
    return reviews_tick()


@shared_task(**TASK_RETRY_POLICY)
def trigger_document_export_render(export_id: Any) -> str:
    export = document_export_render(export_id=export_id)
    return "missing" if export is None else "done"
