"""The link with the crisis's BOB meetings: the question "has the scenario worsened?" on the
agenda, its answer, and judgements about scenarios."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crisisportal.services.audit import audit_context
from crisisportal.services.meetings import meeting_agenda_item_add
from triggers.models import (
    JudgementScenarioLink,
    PrecursorEvent,
    Scenario,
)
from triggers.services.versions import document_version_record


def _agenda_question_text(event: PrecursorEvent) -> str:
    # One language for the stored agenda text, so that re-placing it finds the same item.
    with translation.override(settings.LANGUAGE_CODE):
        return _("Has the scenario “%(scenario)s” worsened? (“%(event)s” occurred)") % {
            "scenario": event.scenario.title,
            "event": event.title,
        }


def event_agenda_question_put(*, actor: User | None, event: PrecursorEvent) -> Any:
    """Put "has the scenario worsened?" on the crisis's next BOB meeting (Oordeelsvorming),
    linked to the event. The question stays open on the event (and the crisis page) until the
    scenario is declared worsened or not; without an open meeting, beat places it later.
    Returns the agenda item, or None when the crisis has no open meeting yet."""
    if event.agenda_question_since is None:
        event.agenda_question_since = timezone.now()
        event.save(update_fields=["agenda_question_since"])
    crisis = event.scenario.document.crisis
    if crisis is None:
        return None
    # The rule puts it there, not the person who recorded the observation (actor None).
    return meeting_agenda_item_add(
        actor=None, crisis=crisis, text=_agenda_question_text(event), source_object=event
    )


def agenda_questions_place_pending() -> int:
    """Beat: open questions go on the next meeting (again, if the last one closed unanswered)."""
    placed = 0
    pending = PrecursorEvent.objects.filter(
        agenda_question_since__isnull=False, scenario__document__crisis__isnull=False
    ).select_related("scenario__document__crisis")
    for event in pending:
        with transaction.atomic(), audit_context("beat: trigger agenda questions"):
            if event_agenda_question_put(actor=None, event=event) is not None:
                placed += 1
    return placed


@transaction.atomic
def scenario_worsened_declare(
    *, actor: User, scenario: Scenario, worsened: bool, decided_by: str, note: str = ""
) -> Scenario:
    """Answer "has the scenario worsened?". A worsened scenario asks for additional measures
    (shown until one is added) and records who decided; either answer closes the question."""
    if not decided_by.strip():
        raise ValidationError({"decided_by": _("Record who decided.")})
    with audit_context(actor):
        if worsened:
            scenario.worsened_at = timezone.now()
            scenario.worsened_decided_by = decided_by
            scenario.worsened_recorded_by = actor
            scenario.worsened_note = note
            scenario.save(
                update_fields=[
                    "worsened_at",
                    "worsened_decided_by",
                    "worsened_recorded_by",
                    "worsened_note",
                ]
            )
        PrecursorEvent.objects.filter(
            scenario=scenario, agenda_question_since__isnull=False
        ).update(agenda_question_since=None)
        summary = (
            _("Scenario declared worsened by %s") if worsened else _("Scenario not worsened: %s")
        )
        document_version_record(
            actor=actor, document=scenario.document, summary=summary % decided_by
        )
    return scenario


@transaction.atomic
def judgement_scenario_link(*, actor: User, judgement: Any, scenario: Scenario) -> Any:
    """Link a judgement of a BOB meeting to a scenario of the same crisis's trigger documents."""
    if scenario.document.crisis_id != judgement.meeting.crisis_id:
        raise ValidationError({"scenario": _("Choose a scenario of this crisis.")})
    with audit_context(actor):
        link, _created = JudgementScenarioLink.objects.update_or_create(
            judgement=judgement, defaults={"scenario": scenario, "linked_by": actor}
        )
    return link
