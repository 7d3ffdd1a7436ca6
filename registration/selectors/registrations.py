"""Reads behind the staff pages of the register of nationals abroad: filters, counts per
country and post, the list and export, and a registration's family members.

Every function takes an already scoped queryset (registration.permissions) or a scoped
object; none of them decides who may see what.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django_countries import countries

from crisisportal.identifiers import uuid_or_nil
from registration.models import (
    FamilyTie,
    NationalRegistration,
    Person,
    RegistrationKind,
    RegistrationStatus,
)

# Query parameters of the list and the export; anything else is ignored.
REGISTRATION_FILTERS = ("country", "post", "kind", "status", "q")


def registration_filters_clean(data: Any) -> dict[str, str]:
    """Keep the known, non-empty filter values of a query dict (unknown values match
    nothing, so a mistyped filter never widens an export)."""
    return {
        name: str(data.get(name)).strip()
        for name in REGISTRATION_FILTERS
        if str(data.get(name) or "").strip()
    }


def registrations_filter(
    registrations: QuerySet[NationalRegistration], filters: dict[str, str]
) -> QuerySet[NationalRegistration]:
    """Apply the list filters; country, status and kind use the (country, status, kind) index."""
    if country := filters.get("country"):
        registrations = registrations.filter(country=country.upper())
    if post := filters.get("post"):
        registrations = registrations.filter(post_id=uuid_or_nil(post))
    if kind := filters.get("kind"):
        registrations = (
            registrations.filter(kind=kind)
            if kind in RegistrationKind.values
            else registrations.none()
        )
    if status := filters.get("status"):
        registrations = (
            registrations.filter(status=status)
            if status in RegistrationStatus.values
            else registrations.none()
        )
    if query := filters.get("q"):
        # Every word must match the registrant's given names, family name or email.
        for word in query.split()[:5]:
            registrations = registrations.filter(
                Q(registrant__given_names__icontains=word)
                | Q(registrant__family_name__icontains=word)
                | Q(email__icontains=word)
            )
    return registrations


@dataclass
class RegistrationCountRow:
    country: str
    post_id: Any
    post_name: str
    limited: int
    extended: int
    pending: int
    members: int

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) or self.country

    @property
    def confirmed(self) -> int:
        return self.limited + self.extended


@dataclass
class RegistrationCounts:
    rows: list[RegistrationCountRow]
    total: RegistrationCountRow


def registration_counts(registrations: QuerySet[NationalRegistration]) -> RegistrationCounts:
    """Confirmed registrations per type, pending ones and the family members of the
    confirmed ones, per country and post: one GROUP BY query. Ended registrations
    (deregistered, expired) are not counted; countries with only those are left out."""
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    grouped = (
        registrations.order_by()
        .values("country", "post_id", "post__name")
        .annotate(
            # distinct: the join with the members repeats a registration per member.
            limited=Count("id", distinct=True, filter=confirmed & Q(kind=RegistrationKind.LIMITED)),
            extended=Count(
                "id", distinct=True, filter=confirmed & Q(kind=RegistrationKind.EXTENDED)
            ),
            pending=Count("id", distinct=True, filter=Q(status=RegistrationStatus.PENDING)),
            member_count=Count("members", filter=confirmed),
        )
        .filter(Q(limited__gt=0) | Q(extended__gt=0) | Q(pending__gt=0))
    )
    rows = [
        RegistrationCountRow(
            country=row["country"],
            post_id=row["post_id"],
            post_name=row["post__name"] or "",
            limited=row["limited"],
            extended=row["extended"],
            pending=row["pending"],
            members=row["member_count"],
        )
        for row in grouped
    ]
    rows.sort(key=lambda row: (row.country_name, row.post_name))
    total = RegistrationCountRow(
        country="",
        post_id=None,
        post_name="",
        limited=sum(row.limited for row in rows),
        extended=sum(row.extended for row in rows),
        pending=sum(row.pending for row in rows),
        members=sum(row.members for row in rows),
    )
    return RegistrationCounts(rows=rows, total=total)


def registration_list(
    registrations: QuerySet[NationalRegistration],
) -> QuerySet[NationalRegistration]:
    """Registrations with what the list and the export show, newest first, in one query."""
    return (
        registrations.select_related("registrant", "post")
        .annotate(members_count=Count("members"))
        .order_by("-created_at", "id")
    )


@dataclass
class RegistrationMemberView:
    """A family member on a registration with their tie to the registrant (None when the
    registrant gave no relation, or the registrant's person is gone)."""

    person: Person
    tie: FamilyTie | None

    @property
    def kind(self) -> str:
        return self.tie.kind if self.tie else ""

    @property
    def kind_label(self) -> str:
        return self.tie.get_kind_display() if self.tie else ""

    @property
    def dependent(self) -> bool:
        return bool(self.tie and self.tie.dependent)


def registration_members(registration: NationalRegistration) -> list[RegistrationMemberView]:
    """The accompanying family members in the order they were entered, each with the
    relation the registrant gave. Without a registrant the members are still listed (staff
    and the registrant still need to see who travels), only without a tie. Two queries
    whatever the number of members."""
    persons = [
        member.person for member in registration.members.select_related("person").order_by("id")
    ]
    if registration.registrant_id is None:
        return [RegistrationMemberView(person=person, tie=None) for person in persons]
    ties = {
        tie.related_person_id: tie
        for tie in FamilyTie.objects.filter(
            person_id=registration.registrant_id, related_person__in=persons
        )
    }
    return [RegistrationMemberView(person=person, tie=ties.get(person.pk)) for person in persons]
