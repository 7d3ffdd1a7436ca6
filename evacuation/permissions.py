"""Who sees which evacuation data, built on the crisis permissions of the foundation.

- DCC (work_crisis on the crisis): every case and request of the crisis.
- Call team (work_cases): the cases and help requests assigned to them or to their call
  team; the triage queue (open requests not assigned to another team) and the requests
  they claimed.
- Post staff (report_crisis, through their post): the cases of their post.
- Read-only partners (view_crisis only): counts, no personal data.
- Everybody else: 404, as if the crisis did not exist.
"""

import enum
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from crisisportal.models import Crisis
from crisisportal.permissions import AnyUser, access_crisis, crisis_permissions
from evacuation.models.cases import EvacuationCase
from evacuation.models.requests import HelpRequest, HelpRequestStatus
from evacuation.models.teams import CallTeamMember


class CaseScope(enum.Enum):
    ALL = "all"
    OWNED = "owned"
    POST = "post"
    COUNTS = "counts"


def case_scope(user: AnyUser, crisis: Crisis) -> CaseScope:
    perms = crisis_permissions(user, crisis)
    if "work_crisis" in perms:
        return CaseScope.ALL
    if "work_cases" in perms:
        return CaseScope.OWNED
    if "report_crisis" in perms:
        return CaseScope.POST
    if "view_crisis" in perms:
        return CaseScope.COUNTS
    raise Http404


def access_evacuation(user: AnyUser, crisis_id: Any) -> tuple[Crisis, CaseScope]:
    crisis = access_crisis(user, crisis_id)
    return crisis, case_scope(user, crisis)


def cases_visible(user: AnyUser, crisis: Crisis, scope: CaseScope) -> QuerySet[EvacuationCase]:
    """The cases whose personal data the user may see (none for COUNTS)."""
    cases = EvacuationCase.objects.filter(crisis=crisis)
    if scope is CaseScope.ALL:
        return cases
    if scope is CaseScope.OWNED:
        return cases.filter(Q(owner_id=user.pk) | Q(team_id__in=_my_teams(user, crisis)))
    if scope is CaseScope.POST:
        return cases.filter(post__memberships__user_id=user.pk or 0)
    return cases.none()


def _my_teams(user: AnyUser, crisis: Crisis) -> QuerySet[CallTeamMember, Any]:
    """The user's team in the crisis, as a subquery (no extra round trip)."""
    return CallTeamMember.objects.filter(crisis=crisis, user_id=user.pk or 0).values("team_id")


def cases_countable(user: AnyUser, crisis: Crisis, scope: CaseScope) -> QuerySet[EvacuationCase]:
    """The cases counted for the user: partners count every case of the crisis."""
    if scope is CaseScope.COUNTS:
        return EvacuationCase.objects.filter(crisis=crisis)
    return cases_visible(user, crisis, scope)


def access_case(user: AnyUser, case_id: Any) -> tuple[EvacuationCase, CaseScope]:
    case = (
        EvacuationCase.objects.select_related("crisis", "person", "owner", "team", "post")
        .filter(pk=case_id)
        .first()
        if _is_uuid(case_id)
        else None
    )
    if case is None:
        raise Http404
    scope = case_scope(user, case.crisis)
    if not cases_visible(user, case.crisis, scope).filter(pk=case.pk).exists():
        raise Http404
    return case, scope


def can_manage_cases(scope: CaseScope) -> bool:
    """Bulk assignment, exports of everything, flights and manifests: DCC only."""
    return scope is CaseScope.ALL


def requests_visible(user: AnyUser, crisis: Crisis, scope: CaseScope) -> QuerySet[HelpRequest]:
    requests = HelpRequest.objects.filter(crisis=crisis)
    if scope is CaseScope.ALL:
        return requests
    if scope is CaseScope.OWNED:
        return requests.filter(
            Q(status=HelpRequestStatus.OPEN, team__isnull=True)
            | Q(team_id__in=_my_teams(user, crisis))
            | Q(claimed_by_id=user.pk)
        )
    return requests.none()


def access_help_request(user: AnyUser, request_id: Any) -> HelpRequest:
    request = (
        HelpRequest.objects.select_related("crisis", "team").filter(pk=request_id).first()
        if _is_uuid(request_id)
        else None
    )
    if request is None:
        raise Http404
    scope = case_scope(user, request.crisis)
    if not requests_visible(user, request.crisis, scope).filter(pk=request.pk).exists():
        raise Http404
    return request


def _is_uuid(value: Any) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
