from typing import Any

from celery import shared_task

from evacuation.services.plans import plans_review_overdue_flag


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), max_retries=3)
def evacuation_plans_review_overdue_flag() -> int:
    return plans_review_overdue_flag()


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), max_retries=3)
def crisis_eligibility_recompute(crisis_id: str) -> int:
    """Recompute every open case of a crisis (after a group was enabled or disabled)."""
    from evacuation.models.cases import EvacuationCase
    from evacuation.services.cases import OPEN_STATUSES, cases_eligibility_refresh

    cases = EvacuationCase.objects.filter(crisis_id=crisis_id, status__in=OPEN_STATUSES)
    return cases_eligibility_refresh(cases=cases.iterator(chunk_size=500))


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), max_retries=3)
def persons_eligibility_recompute(person_ids: list[Any]) -> int:
    """Recompute the open cases of persons whose registration data changed."""
    from evacuation.services.cases import person_cases_refresh

    return person_cases_refresh(person_ids)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), max_retries=3)
def permits_expiry_recompute() -> int:
    """Daily: a permit expiring changes eligibility without any write, so look for it."""
    from evacuation.models import GroupCode
    from evacuation.models.cases import EvacuationCase
    from evacuation.services.cases import OPEN_STATUSES, cases_eligibility_refresh

    cases = EvacuationCase.objects.filter(
        status__in=OPEN_STATUSES, group_codes__contains=[GroupCode.RESIDENCE_PERMIT_HOLDER]
    )
    return cases_eligibility_refresh(cases=cases.iterator(chunk_size=500))


@shared_task(acks_late=True, max_retries=0)
def case_list_pdf_generate(export_id: str) -> None:
    from evacuation.pdf import case_list_pdf_build

    case_list_pdf_build(export_id)
