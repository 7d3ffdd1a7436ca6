"""Who sees which evacuation data, built on the crisis permissions of the foundation.

- DCC (work_crisis on the crisis): every case and request of the crisis.
- Call team (work_cases): the cases and help requests assigned to them or to their call
  team; the triage queue (open requests not assigned to another team) and the requests
  they claimed.
- Post staff (report_crisis, through their post): the cases of their post.
- Read-only partners (view_crisis only): counts, no personal data.
- Everybody else: 404, as if the crisis did not exist.

The API client's view (whole granted crises) is evacuation.api.permissions.
"""

import enum
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.http import Http404

from crisisportal.identifiers import is_uuid, uuid_or_nil
from crisisportal.models import Crisis
from crisisportal.permissions import AnyUser, access_crisis, crisis_permissions
from evacuation.models.cases import EvacuationCase
from evacuation.models.choices import HelpRequestStatus
from evacuation.models.documents import EvacuationDocument
from evacuation.models.flights import Flight
from evacuation.models.requests import CaseListExport, HelpRequest
from evacuation.models.teams import CallTeamMember

CrisisObject = TypeVar("CrisisObject", EvacuationCase, HelpRequest)


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


def access_public_crisis(crisis_id: Any) -> Crisis:
    """The crisis of the public help-request page: anyone, while the crisis is not closed."""
    crisis = Crisis.objects.filter(pk=uuid_or_nil(crisis_id)).first()
    if crisis is None or crisis.is_closed:
        raise Http404
    return crisis


def access_evacuation(user: AnyUser, crisis_id: Any) -> tuple[Crisis, CaseScope]:
    crisis = access_crisis(user, crisis_id)
    return crisis, case_scope(user, crisis)


def access_evacuation_managed(user: AnyUser, crisis_id: Any) -> Crisis:
    """The crisis when the user manages its cases (DCC: flights, teams, overrides); else 404."""
    crisis, scope = access_evacuation(user, crisis_id)
    if not can_manage_cases(scope):
        raise Http404
    return crisis


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


def _access_visible(
    user: AnyUser,
    objects: QuerySet[CrisisObject],
    object_id: Any,
    visible: Callable[[AnyUser, Crisis, CaseScope], QuerySet[CrisisObject]],
) -> tuple[CrisisObject, CaseScope]:
    """The object when it is among those the user may see in its crisis; else 404, the same
    answer as for an id that does not exist."""
    found = objects.filter(pk=object_id).first() if is_uuid(object_id) else None
    if found is None:
        raise Http404
    scope = case_scope(user, found.crisis)
    if not visible(user, found.crisis, scope).filter(pk=found.pk).exists():
        raise Http404
    return found, scope


def access_case(user: AnyUser, case_id: Any) -> tuple[EvacuationCase, CaseScope]:
    objects = EvacuationCase.objects.select_related("crisis", "person", "owner", "team", "post")
    return _access_visible(user, objects, case_id, cases_visible)


def can_manage_cases(scope: CaseScope) -> bool:
    """Bulk assignment, exports of everything, flights and manifests: DCC only."""
    return scope is CaseScope.ALL


def can_work_cases(scope: CaseScope) -> bool:
    """Changing a case (status, contacts, documents) and triage: DCC and call teams."""
    return scope in (CaseScope.ALL, CaseScope.OWNED)


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
    objects = HelpRequest.objects.select_related("crisis", "team")
    return _access_visible(user, objects, request_id, requests_visible)[0]


def access_flight(user: AnyUser, flight_id: Any) -> Flight:
    """A flight of a crisis whose cases the user manages (DCC); else 404."""
    flight = Flight.objects.filter(pk=uuid_or_nil(flight_id)).first()
    if flight is None:
        raise Http404
    flight.crisis = access_evacuation_managed(user, flight.crisis_id)
    return flight


def access_case_export(user: AnyUser, export_id: Any) -> CaseListExport:
    """A case-list PDF, only to the person who asked for it."""
    export = CaseListExport.objects.filter(pk=uuid_or_nil(export_id), requested_by=user.pk).first()
    if export is None:
        raise Http404
    return export


def access_document(user: AnyUser, document_id: Any) -> tuple[EvacuationDocument, Any]:
    """A document with what it shows (the case's person, or the help request), to whoever
    may see that case or help request; else 404."""
    document = (
        EvacuationDocument.objects.select_related("submission")
        .filter(pk=uuid_or_nil(document_id))
        .first()
    )
    if document is None:
        raise Http404
    if document.case_id is not None:
        case, scope = access_case(user, document.case_id)
        if scope is CaseScope.COUNTS:
            raise Http404
        return document, case.person
    if document.submission is not None:
        return document, access_help_request(user, document.submission.request_id)
    raise Http404
