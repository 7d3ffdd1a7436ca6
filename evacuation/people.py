"""The one place where evacuation reads the registration app (persons, family ties,
residence permits, local staff). Everything else in evacuation goes through here, so a
change in registration's models touches only this module."""

from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from registration import models as registration


class Tie(NamedTuple):
    other: Any
    role: str  # the person's role towards other, e.g. "spouse", "child"
    dependent: bool


class LocalStaffFact(NamedTuple):
    employer: str
    role: str
    mission: str
    start_date: date | None
    end_date: date | None


def display_name(person: Any) -> str:
    return f"{person.given_names} {person.family_name}".strip()


def employer_label(code: str) -> str:
    """The translated name of a local-staff employer code (embassy, defence, police)."""
    employers = registration.Employer
    return str(employers(code).label) if code in employers.values else code


def nationalities(person: Any) -> list[str]:
    return list(person.nationalities or [])


def residence_permits(person: Any) -> list[tuple[str, date | None]]:
    return [(p.territory, p.valid_until) for p in person.residence_permits.all()]


def local_staff(person: Any) -> list[LocalStaffFact]:
    return [
        LocalStaffFact(s.employer, s.role, s.mission or "", s.start_date, s.end_date)
        for s in person.local_staff_employments.all()
    ]


def roles_towards_others(person: Any) -> list[Tie]:
    """Every family tie, seen from the person: their role towards the other person.

    Registration stores each tie in both directions; the rows pointing at the person
    (related_person = person) carry the person's own role towards the row's person."""
    # The other person's permits and local-staff records come along: the rules read them for
    # every tie (nuclear family), and one query each beats two per family member.
    rows = (
        registration.FamilyTie.objects.filter(related_person=person)
        .select_related("person")
        .prefetch_related("person__residence_permits", "person__local_staff_employments")
    )
    return [Tie(row.person, row.kind, row.dependent) for row in rows]


def household(person: Any) -> list[Any]:
    """The person's nuclear family as registered: partners, children, parents."""
    return [tie.other for tie in roles_towards_others(person)]


def find_known(*, given_names: str, family_name: str, date_of_birth: date) -> Any | None:
    """A registered person with this name and date of birth, if exactly one."""
    matches = list(
        registration.Person.objects.filter(
            given_names__iexact=given_names.strip(),
            family_name__iexact=family_name.strip(),
            date_of_birth=date_of_birth,
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


def person_create(*, actor: Any, **fields: Any) -> Any:
    from registration.models import PersonSource
    from registration.services import person_create as create

    return create(actor=actor, source=PersonSource.CALL_TEAM, **fields)


def persons_related_to(person_ids: Iterable[Any]) -> set[Any]:
    """Ids of persons tied to any of these (both directions), for recomputation."""
    ids = set(person_ids)
    related = registration.FamilyTie.objects.filter(person_id__in=ids).values_list(
        "related_person_id", flat=True
    )
    return ids | set(related)
