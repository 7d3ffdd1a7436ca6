"""Celery tasks of the triggers app: thin wrappers around services."""

from typing import Any

from celery import shared_task

from triggers import services


# The result (counts) is kept so that operators and tests can see what a run did.
@shared_task(
    acks_late=True,
    ignore_result=False,
    autoretry_for=(Exception,),
    max_retries=3,
    retry_backoff=True,
)
def trigger_reviews_tick() -> dict[str, int]:
    """Beat: create due weekly reviews, remind a day ahead (once), flag overdue reviews."""
    return services.reviews_tick()


@shared_task(acks_late=True, autoretry_for=(OSError,), max_retries=3, retry_backoff=True)
def trigger_document_export_render(export_id: Any) -> str:
    export = services.document_export_render(export_id=export_id)
    return "missing" if export is None else "done"
