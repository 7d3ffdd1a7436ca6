"""Reads of the catalogue of eligible groups as decided for a crisis."""

from typing import Any

from crisisportal.models import Crisis
from evacuation.models import CrisisGroup, CrisisGroupDecision, EligibleGroup

DECISIONS_SHOWN = 50


def group_catalogue(crisis: Crisis) -> list[tuple[EligibleGroup, CrisisGroup | None]]:
    """Every catalogue group with its decision for the crisis (None: never decided)."""
    in_crisis: dict[Any, CrisisGroup] = {
        g.group_id: g for g in CrisisGroup.objects.filter(crisis=crisis).select_related("group")
    }
    return [(group, in_crisis.get(group.pk)) for group in EligibleGroup.objects.all()]


def group_decisions_recent(crisis: Crisis) -> list[CrisisGroupDecision]:
    return list(crisis.group_decisions.select_related("group", "recorded_by")[:DECISIONS_SHOWN])
