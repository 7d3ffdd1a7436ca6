"""Reads of help requests: the triage queue, the newest submission of each request, the
requests a case was opened from."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet

from evacuation.models.cases import EvacuationCase
from evacuation.models.choices import HelpRequestStatus
from evacuation.models.requests import HelpRequest, HelpRequestSubmission


def triage_queue(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    """Open and claimed requests by priority then age, with their submission count."""
    return (
        requests.filter(status__in=[HelpRequestStatus.OPEN, HelpRequestStatus.CLAIMED])
        .select_related("claimed_by", "person", "team")
        .annotate(submission_count=Count("submissions"))
        .order_by("priority", "created_at")
    )


def latest_submissions(requests: Iterable[HelpRequest]) -> dict[Any, HelpRequestSubmission]:
    """The newest submission of each request, by request id, in one query."""
    return {
        submission.request_id: submission
        for submission in HelpRequestSubmission.objects.filter(request__in=list(requests))
        .order_by("request_id", "-submitted_at")
        .distinct("request_id")
    }


def origin_requests(requests: QuerySet[HelpRequest], case: EvacuationCase) -> list[HelpRequest]:
    """The help requests (among those given, i.e. those the user may see) a case was opened
    from, oldest first, with their submission count."""
    return list(
        requests.filter(case=case)
        .annotate(submission_count=Count("submissions"))
        .order_by("created_at")
    )
