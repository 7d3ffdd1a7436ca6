"""Reads: filtered case lists, counts group × status, the household of a case, queues."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from crisisportal.models import Crisis
from evacuation import people
from evacuation.models import Flight, GroupCode
from evacuation.models.cases import CaseStatus, EvacuationCase, ManifestEntry
from evacuation.models.requests import HelpRequest, HelpRequestStatus

CASE_FILTERS = (
    "group", "status", "priority", "manual", "owner", "team", "post", "nationality",
)  # fmt: skip


def case_filters_clean(data: Any) -> dict[str, str]:
    """Keep the known, non-empty filter values of a query dict (unknown values match nothing)."""
    return {name: str(data.get(name)).strip() for name in CASE_FILTERS if data.get(name)}


def cases_filter(
    cases: QuerySet[EvacuationCase], filters: dict[str, str]
) -> QuerySet[EvacuationCase]:
    """Apply list filters; each is backed by an index (see EvacuationCase.Meta.indexes)."""
    if group := filters.get("group"):
        cases = cases.filter(group_codes__contains=[group])
    if status := filters.get("status"):
        cases = cases.filter(status=status)
    if (priority := filters.get("priority")) and priority.isdigit():
        cases = cases.filter(priority=int(priority))
    if filters.get("manual") == "yes":
        cases = cases.filter(priority_manual=True)
    elif filters.get("manual") == "no":
        cases = cases.filter(priority_manual=False)
    if owner := filters.get("owner"):
        if owner == "none":
            cases = cases.filter(owner__isnull=True)
        elif owner.isdigit():
            cases = cases.filter(owner_id=int(owner))
        else:
            cases = cases.none()
    if team := filters.get("team"):
        if team == "none":
            cases = cases.filter(team__isnull=True)
        else:
            cases = cases.filter(team_id=_uuid_or_nil(team))
    if post := filters.get("post"):
        try:
            cases = cases.filter(post_id=post)
        except Exception:
            cases = cases.none()
    if nationality := filters.get("nationality"):
        cases = cases.filter(nationalities__contains=[nationality.upper()[:2]])
    return cases


def _uuid_or_nil(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        return uuid.UUID(int=0)


def case_list(cases: QuerySet[EvacuationCase]) -> QuerySet[EvacuationCase]:
    """The page query: person, owner and post joined, so a page costs one query."""
    return cases.select_related("person", "owner", "team", "post").order_by(
        "priority", "created_at", "id"
    )


def case_counts(cases: QuerySet[EvacuationCase]) -> dict[str, Any]:
    """Counts per group × status and per status, in one query.

    Postgres groups by the whole group_codes array (a few hundred distinct combinations at
    most), and the combinations are spread over their groups here: at 150,000 cases that is
    several times faster than unnesting every row. A case in two groups counts in both rows;
    the status totals count each case once."""
    matrix: dict[str, dict[str, int]] = {}
    by_status: dict[str, int] = {}
    for codes, status, count in (
        cases.order_by().values_list("group_codes", "status").annotate(n=Count("id"))
    ):
        by_status[status] = by_status.get(status, 0) + count
        for group in codes:
            row = matrix.setdefault(group, {})
            row[status] = row.get(status, 0) + count
    return {"matrix": matrix, "by_status": by_status, "total": sum(by_status.values())}


@dataclass
class HouseholdMember:
    person: Any
    case: EvacuationCase | None
    flight: Flight | None


def case_household(case: EvacuationCase) -> tuple[list[HouseholdMember], list[str]]:
    """The case's family members with their cases in this crisis, and warnings when the
    household is split across flights or statuses (families travel together)."""
    members = people.household(case.person)
    cases = {
        c.person_id: c
        for c in EvacuationCase.objects.filter(
            crisis=case.crisis_id, person__in=[m.pk for m in members] + [case.person_id]
        ).select_related("manifest_entry__flight")
    }
    result = []
    for member in members:
        member_case = cases.get(member.pk)
        entry = getattr(member_case, "manifest_entry", None) if member_case else None
        result.append(HouseholdMember(member, member_case, entry.flight if entry else None))
    own_entry = getattr(cases.get(case.person_id), "manifest_entry", None)
    warnings: list[str] = []
    statuses = {c.status for c in cases.values()}
    flights = {
        getattr(getattr(c, "manifest_entry", None), "flight_id", None) for c in cases.values()
    }
    if len(cases) > 1 and len(flights) > 1:
        warnings.append("flights")
    if len(cases) > 1 and len(statuses) > 1:
        warnings.append("statuses")
    if any(m.case is None for m in result) and own_entry is not None:
        warnings.append("no-case")
    return result, warnings


def triage_queue(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    """Open and claimed requests by priority then age, with their submission count."""
    return (
        requests.filter(status__in=[HelpRequestStatus.OPEN, HelpRequestStatus.CLAIMED])
        .select_related("claimed_by", "person", "team")
        .annotate(submission_count=Count("submissions"))
        .order_by("priority", "created_at")
    )


def flight_manifest(flight: Flight) -> list[ManifestEntry]:
    return list(
        flight.manifest.select_related("case__person").order_by("case__person__family_name")
    )


def flights_for_crisis(crisis: Crisis) -> QuerySet[Flight]:
    """Flights with their manifest size and the EU citizens boarded (for the co-financing
    claim under the EU Civil Protection Mechanism), counted in the one list query."""
    return crisis.flights.annotate(
        on_manifest=Count("manifest", distinct=True),
        eu_citizens=Count(
            "manifest",
            filter=Q(
                manifest__boarded_at__isnull=False,
                manifest__case__group_codes__contains=[GroupCode.EU_CITIZEN],
            ),
            distinct=True,
        ),
    ).order_by("departure_at", "call_sign")


STATUS_ORDER = [str(s) for s in CaseStatus]
