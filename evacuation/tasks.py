from celery import shared_task

from evacuation.services.plans import plans_review_overdue_flag


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), max_retries=3)
def evacuation_plans_review_overdue_flag() -> int:
    return plans_review_overdue_flag()
