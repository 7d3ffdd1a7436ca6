"""Trigger documents as the crisis page and the BOB meeting page show them."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet

from crisisportal.models import (
    Crisis,
    MeetingAgendaItem,
)
from crisisportal.permissions import AnyUser
from triggers.models import (
    JudgementScenarioLink,
    PrecursorEvent,
    Scenario,
    TriggerDocument,
)
from triggers.permissions import documents_for_user
from triggers.selectors.reviews import overdue_reviews


@dataclass
class CrisisTriggerSection:
    documents: Sequence[TriggerDocument]
    pending_questions: list[PrecursorEvent]
    event_table: list[PrecursorEvent]
    peace_time_documents: Sequence[TriggerDocument]


def crisis_trigger_section(user: AnyUser, crisis: Crisis) -> CrisisTriggerSection:
    """The trigger documents of a crisis that user may see, flagged when a review is overdue,
    and the "has the scenario worsened?" questions waiting for the next BOB meeting."""
    documents = list(
        documents_for_user(user)
        .filter(crisis=crisis)
        .annotate(
            review_overdue=Exists(overdue_reviews().filter(document=OuterRef("pk"))),
        )
        .order_by("title")
    )
    events = precursor_event_table(crisis, documents=documents)
    # Peace-time documents of the affected posts, waiting to be attached to this crisis.
    peace_time = list(
        documents_for_user(user)
        .filter(crisis__isnull=True, posts__in=crisis.posts.all())
        .distinct()
        .order_by("title")
    )
    return CrisisTriggerSection(
        documents=documents,
        pending_questions=[e for e in events if e.agenda_question_since],
        event_table=events,
        peace_time_documents=peace_time,
    )


def precursor_event_table(
    crisis: Crisis, *, documents: Sequence[TriggerDocument] | None = None
) -> list[PrecursorEvent]:
    """Every precursor event of the crisis's trigger documents with scenario and status."""
    events = PrecursorEvent.objects.filter(scenario__document__crisis=crisis)
    if documents is not None:
        events = events.filter(scenario__document__in=documents)
    return list(
        events.select_related("scenario__document").order_by(
            "scenario__document__title", "scenario__created_at", "created_at"
        )
    )


def crisis_scenarios(user: AnyUser, crisis: Crisis) -> "QuerySet[Scenario]":
    """Scenarios of the crisis's trigger documents that user may see."""
    return (
        Scenario.objects.filter(
            document__crisis=crisis, document__in=documents_for_user(user).values("pk")
        )
        .select_related("document")
        .order_by("document__title", "created_at")
    )


def meeting_agenda_questions(user: AnyUser, meeting: Any) -> list[tuple[Any, PrecursorEvent]]:
    """The meeting's agenda items raised by precursor events ("has the scenario worsened?")
    with their event, for the events of documents user may see."""
    items = list(
        MeetingAgendaItem.objects.filter(
            meeting=meeting, source_type=ContentType.objects.get_for_model(PrecursorEvent)
        )
    )
    ids = [int(item.source_id) for item in items if item.source_id.isdigit()]
    events = {
        event.pk: event
        for event in PrecursorEvent.objects.filter(
            pk__in=ids, scenario__document__in=documents_for_user(user).values("pk")
        ).select_related("scenario__document")
    }
    return [
        (item, events[int(item.source_id)])
        for item in items
        if item.source_id.isdigit() and int(item.source_id) in events
    ]


def judgement_links(meeting: Any) -> list[Any]:
    return list(
        JudgementScenarioLink.objects.filter(judgement__meeting=meeting)
        .select_related("judgement", "scenario")
        .order_by("judgement__created_at")
    )
