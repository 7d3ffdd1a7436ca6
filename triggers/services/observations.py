"""Observations of precursor events and what an occurrence sets in motion."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    PictureItem,
    Sitrep,
)
from crisisportal.services.audit import audit_context
from triggers.models import (
    OPEN_MEASURE_STATUSES,
    EventObservation,
    EventStatus,
    Measure,
    PrecursorEvent,
)
from triggers.selectors.observations import observation_picture_items, observation_sitreps
from triggers.selectors.participants import crisis_coordinators
from triggers.services.agenda import event_agenda_question_put
from triggers.services.items import measures_due_notify
from triggers.services.notifications import document_notify
from triggers.services.versions import document_version_record


@transaction.atomic
def precursor_event_observe(
    *,
    actor: User,
    event: PrecursorEvent,
    status: str,
    observed_on: date,
    source: str,
    sitrep: Sitrep | None = None,
    picture_item: PictureItem | None = None,
    note: str = "",
) -> EventObservation:
    """Record an observation. When an event first occurs: its open measures become due and
    their owners are notified, the crisis coordinator is alerted, and the question "has the
    scenario worsened?" goes on the next BOB meeting's agenda.

    The optional sitrep or picture item it came from must belong to the document's crisis and
    be visible to the actor (a submitted sitrep; a fact of a meeting the actor may see)."""
    event = (
        PrecursorEvent.objects.select_for_update(of=("self",))
        .select_related("scenario__document__crisis")
        .get(pk=event.pk)
    )
    scenario = event.scenario
    document = scenario.document
    errors: dict[str, str] = {}
    if status not in EventStatus.values:
        errors["status"] = _("Unknown status.")
    if not source.strip():
        errors["source"] = _("Name the source of the observation.")
    if observed_on > timezone.localdate():
        errors["observed_on"] = _("The date cannot be in the future.")
    if sitrep is not None and not (
        observation_sitreps(actor, document).filter(pk=sitrep.pk).exists()
    ):
        errors["sitrep"] = _("Choose a submitted situation report of the document's crisis.")
    if picture_item is not None and not (
        observation_picture_items(actor, document).filter(pk=picture_item.pk).exists()
    ):
        errors["picture_item"] = _("Choose a fact from a BOB meeting of the document's crisis.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with audit_context(actor):
        observation = EventObservation.objects.create(
            event=event,
            status=status,
            observed_on=observed_on,
            source=source,
            sitrep=sitrep,
            picture_item=picture_item,
            note=note,
            recorded_by=actor,
        )
        newly_occurred = status == EventStatus.OCCURRED and event.status != EventStatus.OCCURRED
        if event.status != status:
            event.status = status
            event.status_since = now
            event.save(update_fields=["status", "status_since"])
        if newly_occurred:
            due = list(
                Measure.objects.filter(
                    event=event, status__in=OPEN_MEASURE_STATUSES, due_since__isnull=True
                ).select_related("owner_contact")
            )
            Measure.objects.filter(pk__in=[m.pk for m in due]).update(due_since=now)
            unreached = measures_due_notify(
                due, document, event, cause=f"observation{observation.pk}"
            )
            document_notify(
                document,
                kind="trigger_event_occurred",
                context={
                    "event": event,
                    "scenario": scenario,
                    "document": document,
                    "observation": observation,
                    "measures": due,
                    "unreached": unreached,
                },
                dedupe_key=f"trigger-event-occurred:{observation.pk}",
                users=crisis_coordinators(document.crisis)
                or ([document.created_by] if document.created_by else []),
            )
            event_agenda_question_put(actor=actor, event=event)
        document_version_record(
            actor=actor,
            document=document,
            summary=_("%(event)s: %(status)s")
            % {"event": event.title, "status": EventStatus(status).label},
        )
    return observation
