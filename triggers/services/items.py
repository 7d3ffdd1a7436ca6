"""The content of a trigger document: scenarios, precursor events, measures and positions of
non-like-minded countries. Every change saves a new version of the document."""

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_fill, record_save
from triggers.models import (
    OPEN_MEASURE_STATUSES,
    EventStatus,
    Measure,
    NonLikeMindedPosition,
    PrecursorEvent,
    Scenario,
    TriggerDocument,
)
from triggers.selectors.owner_contacts import MeasureOwnerGroup, measure_owner_groups
from triggers.services.notifications import document_notify
from triggers.services.versions import document_version_record


def measures_due_notify(
    measures: list[Measure], document: TriggerDocument, event: PrecursorEvent, *, cause: str
) -> list[MeasureOwnerGroup]:
    """One message per owner for this cause (an occurrence, or a measure added after it),
    listing the owner's due measures. Returns the owners that could not be reached."""
    unreached = []
    for group in measure_owner_groups(measures, document):
        if not group.reachable:
            unreached.append(group)
            continue
        context = {"owner": group, "event": event, "document": document}
        key = f"trigger-measures-due:{cause}:{group.key}"
        document_notify(
            document,
            kind="trigger_measures_due",
            context=context,
            dedupe_key=key,
            users=group.users,
            addresses=dict.fromkeys(a.strip().lower() for a in group.addresses),
        )
    return unreached


# The summary of the document version an added or changed item saves, by kind of item.
ITEM_VERSION_SUMMARIES = {
    Scenario: (gettext_lazy("Scenario added: %s"), gettext_lazy("Scenario changed: %s")),
    PrecursorEvent: (gettext_lazy("Event added: %s"), gettext_lazy("Event changed: %s")),
    Measure: (gettext_lazy("Measure added: %s"), gettext_lazy("Measure changed: %s")),
}


def _item_version_record(
    actor: User,
    document: TriggerDocument,
    item: Scenario | PrecursorEvent | Measure,
    creating: bool,
) -> None:
    """Every added or changed item saves a new version of its document, named after the item."""
    added, changed = ITEM_VERSION_SUMMARIES[type(item)]
    summary = str(added if creating else changed) % item.title
    document_version_record(actor=actor, document=document, summary=summary)


@transaction.atomic
def scenario_save(
    *,
    actor: User,
    document: TriggerDocument,
    scenario: Scenario | None = None,
    kind: str,
    title: str,
    description: str = "",
    assessment: str = "",
) -> Scenario:
    with audit_context(actor):
        creating = scenario is None
        scenario = record_save(
            scenario or Scenario(document=document),
            exclude=["document", "worsened_recorded_by"],
            kind=kind,
            title=title,
            description=description,
            assessment=assessment,
        )
        _item_version_record(actor, document, scenario, creating)
    return scenario


@transaction.atomic
def precursor_event_save(
    *,
    actor: User,
    scenario: Scenario,
    event: PrecursorEvent | None = None,
    title: str,
    description: str = "",
) -> PrecursorEvent:
    with audit_context(actor):
        creating = event is None
        event = record_fill(
            event or PrecursorEvent(scenario=scenario, status_since=timezone.now()),
            title=title,
            description=description,
        )
        event.save()
        _item_version_record(actor, scenario.document, event, creating)
    return event


@transaction.atomic
def measure_save(
    *,
    actor: User,
    event: PrecursorEvent,
    measure: Measure | None = None,
    title: str,
    owner: str,
    owner_detail: str = "",
    owner_contact: User | None = None,
    status: str,
    deadline: date | None = None,
) -> Measure:
    """Add or change a measure. A measure added to an event that has occurred is due at once;
    one added after its scenario was declared worsened counts as an additional measure."""
    # Fresh from the database: the event may have occurred since the caller loaded it.
    event = PrecursorEvent.objects.select_related("scenario__document").get(pk=event.pk)
    scenario = event.scenario
    document = scenario.document
    with audit_context(actor):
        creating = measure is None
        measure = record_fill(
            measure or Measure(event=event),
            title=title,
            owner=owner,
            owner_detail=owner_detail,
            owner_contact=owner_contact,
            status=status,
            deadline=deadline,
        )
        if creating and scenario.worsened_at is not None:
            measure.additional = True
        became_due = creating and event.status == EventStatus.OCCURRED
        if became_due:
            measure.due_since = timezone.now()
        record_save(measure, exclude=["event", "owner_contact"])
        if became_due and measure.status in OPEN_MEASURE_STATUSES:
            measures_due_notify([measure], document, event, cause=f"measure{measure.pk}")
        _item_version_record(actor, document, measure, creating)
    return measure


@transaction.atomic
def document_item_delete(*, actor: User, document: TriggerDocument, item: Any) -> None:
    """Remove a scenario, event, measure or position; earlier versions keep it."""
    title = str(item)
    with audit_context(actor):
        item.delete()
        document_version_record(actor=actor, document=document, summary=_("Removed: %s") % title)


@transaction.atomic
def non_like_minded_position_save(
    *,
    actor: User,
    document: TriggerDocument,
    position: NonLikeMindedPosition | None = None,
    country: str,
    position_text: str,
    why_not_us: str,
) -> NonLikeMindedPosition:
    """Record what a non-like-minded country does; the "why not us?" answer is required."""
    if not why_not_us.strip():
        raise ValidationError({"why_not_us": _("Answer why we would not do what they do.")})
    with audit_context(actor):
        position = record_fill(
            position or NonLikeMindedPosition(document=document),
            country=country,
            position=position_text,
            why_not_us=why_not_us,
        )
        position.save()
        document_version_record(
            actor=actor,
            document=document,
            summary=_("Country position: %s") % position.country.name,  # type: ignore[attr-defined]
        )
    return position
