"""Celery tasks of the evacuation: thin, each takes ids and calls one service, with the one
retry policy of the project (only transient failures are retried; every task is idempotent)."""

from typing import Any

from celery import shared_task

from crisisportal.celery import TASK_RETRY_POLICY
from evacuation.pdf import case_list_pdf_build
from evacuation.services.cases import (
    crisis_cases_refresh,
    permit_holder_cases_refresh,
    person_cases_refresh,
)
from evacuation.services.plans import plans_review_overdue_flag


@shared_task(**TASK_RETRY_POLICY)
def evacuation_plans_review_overdue_flag() -> int:
    return plans_review_overdue_flag()


@shared_task(**TASK_RETRY_POLICY)
def crisis_eligibility_recompute(crisis_id: str) -> int:
    """Recompute every open case of a crisis (after a group was enabled or disabled)."""
    return crisis_cases_refresh(crisis_id)


@shared_task(**TASK_RETRY_POLICY)
def persons_eligibility_recompute(person_ids: list[Any]) -> int:
    """Recompute the open cases of persons whose registration data changed."""
    return person_cases_refresh(person_ids)


@shared_task(**TASK_RETRY_POLICY)
def permits_expiry_recompute() -> int:
    """Daily: a permit expiring changes eligibility without any write, so look for it."""
    return permit_holder_cases_refresh()


@shared_task(**TASK_RETRY_POLICY)
def case_list_pdf_generate(export_id: str) -> None:
    # A retried build starts over; a finished export is left alone (case_list_pdf_build).
    case_list_pdf_build(export_id)
