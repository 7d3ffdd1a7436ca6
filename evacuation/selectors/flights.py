"""Reads of flights: the crisis's flights with their counts, a manifest, the cases that can
still be put on one."""

from django.db.models import Count, Q, QuerySet

from crisisportal.models import Crisis
from evacuation.models import Flight, GroupCode
from evacuation.models.cases import EvacuationCase, ManifestEntry
from evacuation.models.choices import CaseStatus

# Cases offered for a manifest on the flight page: the first by priority, not all of them.
CANDIDATES_SHOWN = 200


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


def flight_candidates(flight: Flight) -> list[EvacuationCase]:
    """Approved cases of the flight's crisis on no manifest yet, by priority then age."""
    return list(
        EvacuationCase.objects.filter(
            crisis_id=flight.crisis_id,
            status__in=[
                CaseStatus.APPROVED,
                CaseStatus.CALLED_TO_ASSEMBLY_POINT,
                CaseStatus.CHECKED_IN,
            ],
            manifest_entry__isnull=True,
        )
        .select_related("person")
        .order_by("priority", "created_at")[:CANDIDATES_SHOWN]
    )
