"""What an API client may see of the evacuation: everything in the crises it is granted.

A client (Defence) works whole crises, not a post's or a call-team member's share, so the
staff scopes of evacuation.permissions do not apply: a case or flight is visible when its
crisis is granted (guardian `view_crisis`), and otherwise answers 404 exactly like a case
or flight that does not exist. The persons with a case in a granted crisis become visible
to the client too (registered with registration.api.permissions when the app is ready).
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from crisisportal.identifiers import uuid_or_nil
from crisisportal.permissions import AnyUser, crises_for_user
from evacuation.models import Flight
from evacuation.models.cases import EvacuationCase
from registration.api.permissions import register_person_visibility


def cases_for_client(user: AnyUser) -> QuerySet[EvacuationCase]:
    return EvacuationCase.objects.filter(crisis__in=crises_for_user(user))


def access_client_case(user: AnyUser, case_id: Any) -> EvacuationCase:
    case = (
        cases_for_client(user)
        .select_related("manifest_entry")
        .filter(pk=uuid_or_nil(case_id))
        .first()
    )
    if case is None:
        raise Http404
    return case


def access_client_flight(user: AnyUser, flight_id: Any) -> Flight:
    flight = Flight.objects.filter(
        crisis__in=crises_for_user(user), pk=uuid_or_nil(flight_id)
    ).first()
    if flight is None:
        raise Http404
    return flight


def persons_with_case_in_granted_crisis(user: Any) -> Q:
    """Visibility rule for registration.api.permissions: a case in a granted crisis shows its person."""
    return Q(pk__in=cases_for_client(user).values("person_id"))


def register() -> None:
    register_person_visibility(persons_with_case_in_granted_crisis)
