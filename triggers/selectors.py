"""Reads of the triggers app, shaped for the pages that show them (no per-row queries)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from crisisportal.access import AnyUser
from crisisportal.models import Crisis, PictureItem, Sitrep, SitrepStatus
from crisisportal.picture_access import meetings_visible, sitreps_visible
from triggers.models import (
    DocumentExport,
    DocumentVersion,
    EventObservation,
    Measure,
    PrecursorEvent,
    Review,
    Scenario,
    TriggerDocument,
)
from triggers.permissions import documents_for_user


def observation_sitreps(user: AnyUser, document: TriggerDocument) -> "QuerySet[Sitrep]":
    """Submitted sitreps of the document's crisis that user may read: what an observation
    may cite (the same rule as the sitrep page it links to)."""
    if document.crisis is None:
        return Sitrep.objects.none()
    return (
        sitreps_visible(user, document.crisis)
        .filter(status=SitrepStatus.SUBMITTED)
        .select_related("post")
        .order_by("-submitted_at")
    )


def observation_picture_items(user: AnyUser, document: TriggerDocument) -> "QuerySet[PictureItem]":
    """Facts in the picture of the crisis's BOB meetings that user may see."""
    if document.crisis is None:
        return PictureItem.objects.none()
    meetings = meetings_visible(user, document.crisis)
    return (
        PictureItem.objects.filter(meeting__in=meetings.values("pk"))
        .select_related("meeting")
        .order_by("-meeting__scheduled_at", "-created_at")
    )


def document_scenarios(document: TriggerDocument) -> list[Scenario]:
    """Scenarios with their events, measures and observations (four queries whatever their
    number)."""
    measures = Measure.objects.select_related("owner_contact")
    observations = EventObservation.objects.select_related(
        "sitrep__post", "picture_item__meeting"
    ).order_by("-observed_on", "-recorded_at")
    events = PrecursorEvent.objects.prefetch_related(
        Prefetch("measures", queryset=measures),
        Prefetch("observations", queryset=observations),
    )
    scenarios = list(
        Scenario.objects.filter(document=document).prefetch_related(
            Prefetch("events", queryset=events)
        )
    )
    for scenario in scenarios:
        additional = [
            m
            for event in scenario.events.all()
            for m in event.measures.all()
            if m.additional and scenario.worsened_at and m.created_at >= scenario.worsened_at
        ]
        scenario.needs_additional_measures = bool(scenario.worsened_at) and not additional  # type: ignore[attr-defined]
    return scenarios


def document_reviews(document: TriggerDocument) -> list[Review]:
    return list(
        Review.objects.filter(document=document)
        .select_related("approved_version", "held_recorded_by", "meeting")
        .order_by("held_on", "due_at")
    )


def document_versions(document: TriggerDocument) -> list[DocumentVersion]:
    return list(
        DocumentVersion.objects.filter(document=document)
        .defer("snapshot")
        .select_related("created_by")
        .order_by("-number")
    )


def document_latest_export(document: TriggerDocument) -> DocumentExport | None:
    return DocumentExport.objects.filter(document=document).order_by("-requested_at").first()


def overdue_reviews() -> QuerySet[Review]:
    return Review.objects.filter(held_on__isnull=True, overdue_since__isnull=False)


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


def version_pair(document: TriggerDocument, numbers: list[Any]) -> list[DocumentVersion]:
    return list(
        DocumentVersion.objects.filter(document=document, number__in=numbers).order_by("number")
    )


def meeting_reviews(meeting: Any) -> list[Review]:
    """Small-group reviews held for a BOB meeting."""
    return list(
        Review.objects.filter(meeting=meeting)
        .select_related("document", "approved_version")
        .order_by("held_on")
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


def judgement_links(meeting: Any) -> list[Any]:
    from triggers.models import JudgementScenarioLink

    return list(
        JudgementScenarioLink.objects.filter(judgement__meeting=meeting)
        .select_related("judgement", "scenario")
        .order_by("judgement__created_at")
    )
