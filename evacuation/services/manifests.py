"""Manifests of flights: which cases fly, capacity enforced; boarding and arrival per case."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.services.audit import audit_context
from evacuation.exceptions import IllegalTransition, ManifestConflict
from evacuation.models import Flight, GroupCode
from evacuation.models.cases import EvacuationCase, ManifestEntry
from evacuation.models.choices import CaseStatus
from evacuation.services.cases import MANIFEST_STATUSES, case_transition


@transaction.atomic
def manifest_replace(
    *, actor: Any, flight: Flight, cases: Iterable[EvacuationCase]
) -> list[ManifestEntry]:
    """Replace the flight's manifest with these cases.

    Refused (ManifestConflict) when there are more cases than seats, when a case is not
    approved (or further, up to checked in), belongs to another crisis, or is already on
    another flight. Cases already boarded on this flight stay. The flight row is locked so
    two concurrent replacements cannot together exceed the capacity."""
    flight = Flight.objects.select_for_update().get(pk=flight.pk)
    wanted_ids = list(dict.fromkeys(case.pk for case in cases))
    locked = {
        case.pk: case
        for case in EvacuationCase.objects.select_for_update(of=("self",))
        .filter(pk__in=wanted_ids)
        .select_related("manifest_entry")
    }
    problems = []
    if len(wanted_ids) > flight.capacity:
        problems.append(
            _("The manifest has %(count)s cases but the flight has %(capacity)s seats.")
            % {"count": len(wanted_ids), "capacity": flight.capacity}
        )
    current = {entry.case_id: entry for entry in flight.manifest.all()}
    for case_id in wanted_ids:
        case = locked.get(case_id)
        if case is None or case.crisis_id != flight.crisis_id:
            problems.append(_("Case %(id)s is not a case of this crisis.") % {"id": case_id})
            continue
        entry = getattr(case, "manifest_entry", None)
        if entry is not None and entry.flight_id != flight.pk:
            problems.append(_("Case %(id)s is on another flight.") % {"id": case_id})
        elif case.status not in MANIFEST_STATUSES and case_id not in current:
            problems.append(
                _("Case %(id)s is not approved (status: %(status)s).")
                % {"id": case_id, "status": CaseStatus(case.status).label}
            )
    boarded_removed = [
        entry
        for case_id, entry in current.items()
        if case_id not in wanted_ids and entry.boarded_at is not None
    ]
    if boarded_removed:
        problems.append(_("Boarded cases cannot be taken off the manifest."))
    if problems:
        raise ManifestConflict(problems, code="manifest_conflict")
    with audit_context(actor):
        ManifestEntry.objects.filter(flight=flight).exclude(case_id__in=wanted_ids).delete()
        ManifestEntry.objects.bulk_create(
            [
                ManifestEntry(flight=flight, case_id=case_id)
                for case_id in wanted_ids
                if case_id not in current
            ]
        )
    return list(flight.manifest.select_related("case__person"))


@transaction.atomic
def boarding_record(*, actor: Any, flight: Flight, case: EvacuationCase) -> EvacuationCase:
    """Mark the case boarded on this flight; the case must be on the flight's manifest."""
    entry = ManifestEntry.objects.select_for_update().filter(flight=flight, case_id=case.pk).first()
    if entry is None:
        raise IllegalTransition(
            _("The case is not on the manifest of this flight."), code="not_on_manifest"
        )
    if entry.boarded_at is not None:
        return EvacuationCase.objects.get(pk=case.pk)
    case = case_transition(actor=actor, case=case, to_status=CaseStatus.BOARDED)
    with audit_context(actor):
        entry.boarded_at = timezone.now()
        entry.save(update_fields=["boarded_at"])
    return case


@transaction.atomic
def arrival_record(*, actor: Any, flight: Flight, case: EvacuationCase | None = None) -> int:
    """Record arrival in the Netherlands of the boarded cases on the flight: of one case
    (arrival is marked per case, e.g. when a movement lands in stages), or of every boarded
    case not yet arrived when case is None. Returns how many arrived."""
    entries = ManifestEntry.objects.select_for_update().filter(
        flight=flight, boarded_at__isnull=False, arrived_at__isnull=True
    )
    if case is not None:
        if not ManifestEntry.objects.filter(
            flight=flight, case_id=case.pk, boarded_at__isnull=False
        ).exists():
            raise IllegalTransition(
                _("Only a case that boarded this flight can arrive with it."), code="not_boarded"
            )
        entries = entries.filter(case_id=case.pk)
    count = 0
    for entry in entries:
        case_transition(actor=actor, case=entry.case, to_status=CaseStatus.ARRIVED)
        with audit_context(actor):
            entry.arrived_at = timezone.now()
            entry.save(update_fields=["arrived_at"])
        count += 1
    return count


def flight_eu_citizens_count(flight: Flight) -> int:
    """EU citizens on board, for the co-financing claim under the EU Civil Protection Mechanism."""
    return flight.manifest.filter(
        case__group_codes__contains=[GroupCode.EU_CITIZEN], boarded_at__isnull=False
    ).count()
