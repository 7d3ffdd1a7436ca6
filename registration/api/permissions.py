"""Which persons an API client may see.

Persons belong to no crisis, so the crisis grants alone do not decide. A client sees the
persons it registered itself (an object permission `view_person` given on create or
upsert) and the persons other apps make visible through a rule registered here — the
evacuation app adds "has a case in a crisis the client is granted" (registration cannot
import evacuation: dependencies point one way). Missing and invisible are both 404.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from guardian.shortcuts import assign_perm

from crisisportal.api.problems import ApiInvalidInput
from crisisportal.permissions import objects_for_user, scoped_object_or_404
from registration.models import Person

PersonVisibilityRule = Callable[[Any], Q]
_visibility_rules: list[PersonVisibilityRule] = []


def register_person_visibility(rule: PersonVisibilityRule) -> None:
    """Add a rule: rule(user) is a condition on Person that makes persons visible."""
    if rule not in _visibility_rules:
        _visibility_rules.append(rule)


def persons_for_client(user: Any) -> QuerySet[Person]:
    granted = objects_for_user(user, Person.objects.all(), "registration.view_person")
    condition = Q(pk__in=granted.values("pk"))
    for rule in _visibility_rules:
        condition |= rule(user)
    return Person.objects.filter(condition)


def access_person(user: Any, person_id: Any) -> Person:
    return scoped_object_or_404(persons_for_client(user), pk=person_id)


def referenced_person(user: Any, person_id: Any, field: str) -> Person:
    """A person named in a request body: when the client may not see it (or it does not
    exist) the body is invalid (400 on that field), unlike a person in the path (404)."""
    person = persons_for_client(user).filter(pk=person_id).first()
    if person is None:
        raise ApiInvalidInput([{"name": field, "reason": "There is no such person."}])
    return person


def person_grant(user: Any, person: Person) -> None:
    """The client that registered the person keeps seeing it."""
    assign_perm("registration.view_person", user, person)
