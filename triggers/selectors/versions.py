"""Versions of a trigger document: the saved versions, the snapshot a new version stores, and
the exact difference between two snapshots (plain data in, plain data out: no queries).

A snapshot is plain JSON keyed by the ids of scenarios, events, measures and positions, so a
renamed item shows as changed (not removed and added) and a diff is stable across versions.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from triggers.models import (
    DocumentVersion,
    EventStatus,
    MeasureOwner,
    MeasureStatus,
    NonLikeMindedPosition,
    PrecursorEvent,
    Scenario,
    ScenarioKind,
    TriggerDocument,
)


def document_versions(document: TriggerDocument) -> list[DocumentVersion]:
    return list(
        DocumentVersion.objects.filter(document=document)
        .defer("snapshot")
        .select_related("created_by")
        .order_by("-number")
    )


def version_pair(document: TriggerDocument, numbers: list[Any]) -> list[DocumentVersion]:
    return list(
        DocumentVersion.objects.filter(document=document, number__in=numbers).order_by("number")
    )


def document_versions_max(document: TriggerDocument) -> int:
    return DocumentVersion.objects.filter(document=document).aggregate(n=Max("number"))["n"] or 0


SCENARIO_FIELDS = ["kind", "title", "description", "assessment", "worsened"]
EVENT_FIELDS = ["title", "description", "status"]
MEASURE_FIELDS = ["title", "owner", "owner_detail", "status", "deadline"]
POSITION_FIELDS = ["country", "position", "why_not_us"]

FIELD_LABELS: dict[str, Any] = {
    "kind": _("kind"),
    "title": _("title"),
    "description": _("description"),
    "assessment": _("assessment"),
    "worsened": _("declared worsened"),
    "status": _("status"),
    "owner": _("owner"),
    "owner_detail": _("owner (name)"),
    "deadline": _("deadline"),
    "country": _("country"),
    "position": _("position"),
    "why_not_us": _("why would we not do what they do?"),
}

ENTITY_LABELS: dict[str, Any] = {
    "scenario": _("Scenario"),
    "event": _("Precursor event"),
    "measure": _("Measure"),
    "position": _("Country position"),
}


def _snapshot_value(item: Any, name: str) -> Any:
    # Values a snapshot cannot store as they are: a date, a moment, a country.
    if name == "worsened":
        return "yes" if item.worsened_at else ""
    if name == "deadline":
        return item.deadline.isoformat() if item.deadline else ""
    if name == "country":
        return str(item.country.code)
    return getattr(item, name)


def _snapshot_item(item: Any, names: list[str], **children: Any) -> dict[str, Any]:
    return {"id": item.pk, **{name: _snapshot_value(item, name) for name in names}, **children}


def _event_snapshot(event: PrecursorEvent) -> dict[str, Any]:
    measures = [_snapshot_item(measure, MEASURE_FIELDS) for measure in event.measures.all()]
    return _snapshot_item(event, EVENT_FIELDS, measures=measures)


def document_snapshot(document: TriggerDocument) -> dict[str, Any]:
    """The document's content as it is in the database now (four queries)."""
    scenarios = Scenario.objects.filter(document=document).prefetch_related("events__measures")
    positions = NonLikeMindedPosition.objects.filter(document=document)
    return {
        "title": document.title,
        "scenarios": [
            _snapshot_item(s, SCENARIO_FIELDS, events=[_event_snapshot(e) for e in s.events.all()])
            for s in scenarios
        ],
        "positions": [_snapshot_item(position, POSITION_FIELDS) for position in positions],
    }


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class ItemChange:
    """One scenario, event, measure or position that differs between two versions."""

    entity: str
    entity_label: str
    change: str  # "added", "removed" or "changed"
    title: str
    context: str  # the scenario (and event) it belongs to
    fields: list[FieldChange] = field(default_factory=list)
    old: dict[str, str] = field(default_factory=dict)
    new: dict[str, str] = field(default_factory=dict)


def _display(entity: str, name: str, value: Any) -> str:
    if value in ("", None):
        return ""
    choices: Any = None
    if name == "kind":
        choices = ScenarioKind
    elif name == "owner":
        choices = MeasureOwner
    elif name == "status":
        choices = EventStatus if entity == "event" else MeasureStatus
    elif name == "worsened":
        return str(_("yes"))
    elif name == "country":
        from django_countries import countries

        return str(countries.name(value)) or str(value)
    if choices is not None:
        try:
            return str(choices(value).label)
        except ValueError:
            return str(value)
    return str(value)


def _flatten(snapshot: dict[str, Any]) -> dict[tuple[str, Any], tuple[dict[str, Any], str]]:
    """(entity, id) -> (fields, context) for every item of a snapshot, in document order."""
    items: dict[tuple[str, Any], tuple[dict[str, Any], str]] = {}
    for scenario in snapshot.get("scenarios", []):
        items[("scenario", scenario["id"])] = (scenario, "")
        for event in scenario.get("events", []):
            items[("event", event["id"])] = (event, scenario["title"])
            for measure in event.get("measures", []):
                context = f"{scenario['title']} › {event['title']}"
                items[("measure", measure["id"])] = (measure, context)
    for position in snapshot.get("positions", []):
        items[("position", position["id"])] = (position, "")
    return items


ENTITY_FIELDS = {
    "scenario": SCENARIO_FIELDS,
    "event": EVENT_FIELDS,
    "measure": MEASURE_FIELDS,
    "position": POSITION_FIELDS,
}


def _title(entity: str, values: dict[str, Any]) -> str:
    if entity == "position":
        return _display(entity, "country", values.get("country"))
    return str(values.get("title", ""))


def snapshots_diff(old: dict[str, Any], new: dict[str, Any]) -> list[ItemChange]:
    """Every added, removed and changed item between two snapshots, in document order."""
    before, after = _flatten(old), _flatten(new)
    changes: list[ItemChange] = []
    keys = list(after) + [key for key in before if key not in after]
    for key in keys:
        entity = key[0]
        names = ENTITY_FIELDS[entity]
        old_values, old_context = before.get(key, ({}, ""))
        new_values, new_context = after.get(key, ({}, ""))
        old_shown = {n: _display(entity, n, old_values.get(n)) for n in names} if old_values else {}
        new_shown = {n: _display(entity, n, new_values.get(n)) for n in names} if new_values else {}
        if not old_values:
            kind = "added"
        elif not new_values:
            kind = "removed"
        else:
            kind = "changed"
        fields = [
            FieldChange(
                field=n,
                label=str(FIELD_LABELS[n]),
                old=old_shown.get(n, ""),
                new=new_shown.get(n, ""),
            )
            for n in names
            if old_shown.get(n, "") != new_shown.get(n, "")
        ]
        if kind == "changed" and not fields:
            continue
        changes.append(
            ItemChange(
                entity=entity,
                entity_label=str(ENTITY_LABELS[entity]),
                change=kind,
                title=_title(entity, new_values or old_values),
                context=new_context or old_context,
                fields=fields,
                old=old_shown,
                new=new_shown,
            )
        )
    return changes
