"""Evacuation test helpers; persons come from the registration factories (its services)."""

from typing import Any

from evacuation.services.cases import case_create, case_transition
from evacuation.services.groups import crisis_group_set
from registration.services import family_tie_add, local_staff_upsert
from tests.registration.factories import make_person

__all__ = ["approve", "enable", "make_case", "make_person", "staff", "tie"]


def enable(crisis: Any, *codes: str, actor: Any = None) -> None:
    for code in codes:
        crisis_group_set(
            actor=actor, crisis=crisis, group_code=code, rationale="Decided.", decided_by="Minister"
        )


def tie(person: Any, related: Any, kind: str, dependent: bool = False) -> None:
    """`related` is `person`'s <kind>."""
    family_tie_add(
        actor=None, person=person, related_person=related, kind=kind, dependent=dependent
    )


def staff(employer: str, role: str, reference: str, **person: Any) -> Any:
    person.setdefault("family_name", "Staff")
    employment, _created = local_staff_upsert(
        actor=None,
        employer=employer,
        reference=reference,
        person_data=person,
        contract_type="employment",
        role=role,
        mission="Resolute Support" if employer != "embassy" else "",
    )
    return employment.person


def make_case(crisis: Any, person: Any | None = None, **kwargs: Any) -> Any:
    person = person or make_person(nationalities=["NL"])
    return case_create(actor=None, crisis=crisis, person=person, **kwargs)


def approve(case: Any, actor: Any = None) -> Any:
    for status in ("contacted", "documents-verified", "approved"):
        case = case_transition(actor=actor, case=case, to_status=status)
    return case
