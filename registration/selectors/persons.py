"""Reads of persons: family ties, duplicate candidates, search, and what refers to a person."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from registration.models import (
    FamilyTie,
    IdentityDocument,
    LocalStaffEmployment,
    NationalRegistration,
    Person,
)
from registration.normalise import normalise_document_number, normalise_name, normalise_phone

# Names at least this similar (pg_trgm similarity of normalised names) are candidates.
NAME_SIMILARITY_CANDIDATE = 0.5


# Fetched through the trigram index (the `%` operator, its threshold raised to the above)
# and scored here; more than this many near-namesakes are not useful to a person deciding.
CANDIDATE_POOL = 50


def family_ties_of(person: Person) -> QuerySet[FamilyTie]:
    """The person's ties as seen from the person: tie.related_person is the person's
    tie.kind. Ties are stored once per direction, so this covers ties added from either
    side."""
    return (
        FamilyTie.objects.filter(person=person)
        .select_related("related_person")
        .order_by("kind", "related_person__family_name", "related_person__given_names")
    )


@dataclass
class DuplicateCandidate:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)


def _birth_compatible(
    person: Person, date_of_birth: date | None, birth_year: int | None
) -> bool | None:
    """True: same birth date/year; False: clearly different; None: cannot tell."""
    year = date_of_birth.year if date_of_birth else birth_year
    if date_of_birth and person.date_of_birth:
        return date_of_birth == person.date_of_birth
    if year and person.birth_year:
        return year == person.birth_year
    return None


def _with_similarity_threshold(queryset: QuerySet[Person]) -> list[Person]:
    """Evaluate a `%` (trigram_similar) query with pg_trgm's threshold raised from its
    default 0.3 to our candidate threshold, so the index returns only rows we would keep
    (on 1,000,000 persons this is what keeps a lookup well under a second). The setting is
    restored afterwards, also inside an outer transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
            [str(NAME_SIMILARITY_CANDIDATE)],
        )
        try:
            return list(queryset)
        finally:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.3', true)")


def person_duplicate_candidates(
    *,
    given_names: str = "",
    family_name: str = "",
    date_of_birth: date | None = None,
    birth_year: int | None = None,
    document_numbers: Iterable[str] = (),
    exclude: Iterable[Any] = (),
    limit: int = 10,
) -> list[DuplicateCandidate]:
    """Persons that are probably the same human being, best first.

    A candidate has a similar transliteration-normalised name (Mohammad / Muhammad,
    Abdul Rahman / Abdulrahman) and a birth date or year that does not contradict, or
    shares an identity document number. A similar name with a different date of birth is
    not a candidate: namesakes are common. Only proposes; staff decide and merge.
    """
    exclude = [str(pk) for pk in exclude]
    candidates: dict[Any, DuplicateCandidate] = {}

    numbers = {normalise_document_number(n) for n in document_numbers if n and n.strip()}
    numbers.discard("")
    if numbers:
        documents = (
            IdentityDocument.objects.filter(number_normalised__in=numbers)
            .exclude(person_id__in=exclude)
            .select_related("person")
        )
        for document in documents:
            candidate = candidates.setdefault(
                document.person_id, DuplicateCandidate(person=document.person, score=0.0)
            )
            candidate.score = max(candidate.score, 1.0)
            candidate.reasons.append("document")

    normalised = normalise_name(given_names, family_name)
    if normalised:
        similar = (
            Person.objects.filter(name_normalised__trigram_similar=normalised)
            .exclude(pk__in=exclude)
            .annotate(similarity=TrigramSimilarity("name_normalised", normalised))
            .order_by("-similarity")
        )
        year = date_of_birth.year if date_of_birth else birth_year
        if year:
            # A different year of birth rules a namesake out anyway; filtering on it in SQL
            # lets PostgreSQL combine the birth-year and trigram indexes (BitmapAnd) instead
            # of scoring every similar name among a million persons.
            similar = similar.filter(Q(birth_year=year) | Q(birth_year__isnull=True))
        for person in _with_similarity_threshold(similar[:CANDIDATE_POOL]):
            similarity = float(person.similarity)  # type: ignore[attr-defined]  # annotated
            if similarity < NAME_SIMILARITY_CANDIDATE:
                continue
            birth = _birth_compatible(person, date_of_birth, birth_year)
            if birth is False and person.pk not in candidates:
                continue
            candidate = candidates.setdefault(
                person.pk, DuplicateCandidate(person=person, score=0.0)
            )
            score = similarity * (1.0 if birth else 0.8)
            candidate.score = max(candidate.score, score) + (0.2 if birth else 0.0)
            candidate.reasons.append("name")
            if birth:
                candidate.reasons.append("date_of_birth")

    ranked = sorted(candidates.values(), key=lambda c: c.score, reverse=True)
    return ranked[:limit]


def person_duplicates_of(person: Person, *, limit: int = 10) -> list[DuplicateCandidate]:
    """Duplicate candidates of an existing person (excluding the person itself)."""
    return person_duplicate_candidates(
        given_names=person.given_names,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        birth_year=person.birth_year,
        document_numbers=person.identity_documents.values_list("number", flat=True),
        exclude=[person.pk],
        limit=limit,
    )


def persons_search(
    query: str, *, within: QuerySet[Person] | None = None, limit: int = 50
) -> QuerySet[Person]:
    """Persons by fuzzy name, exact document number or phone number, best match first;
    only among `within` (the persons a user may see) when given."""
    query = query.strip()
    if not query:
        return Person.objects.none()
    conditions = Q()
    normalised = normalise_name(query)
    if normalised:
        conditions |= Q(name_normalised__trigram_word_similar=normalised)
    number = normalise_document_number(query)
    if number:
        conditions |= Q(identity_documents__number_normalised=number)
    phone = normalise_phone(query)
    if len(phone) >= 6:
        conditions |= Q(phone_normalised=phone)
    matches = Person.objects.filter(pk__in=Person.objects.filter(conditions).values("pk"))
    if within is not None:
        matches = matches.filter(pk__in=within.values("pk"))
    return matches.annotate(
        similarity=TrigramSimilarity("name_normalised", normalised or query)
    ).order_by("-similarity", "family_name", "given_names")[:limit]


def person_registrations(
    person: Person, *, within: QuerySet[NationalRegistration]
) -> QuerySet[NationalRegistration]:
    """The registrations of nationals abroad the person made or travels with."""
    return (
        within.filter(Q(registrant=person) | Q(members__person=person))
        .distinct()
        .select_related("post")
        .order_by("-created_at")
    )


def person_employments(
    person: Person, *, within: QuerySet[LocalStaffEmployment]
) -> QuerySet[LocalStaffEmployment]:
    return within.filter(person=person).select_related("post").order_by("-start_date")
