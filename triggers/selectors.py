"""Reads of the triggers app, shaped for the pages that show them (no per-row queries)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from crisisportal.models import (
    Crisis,
    CrisisRole,
    MeetingAgendaItem,
    PictureItem,
    Sitrep,
    SitrepStatus,
)
from crisisportal.permissions import AnyUser, meetings_visible, sitreps_visible
from triggers.models import (
    DocumentExport,
    DocumentVersion,
    EventObservation,
    Measure,
    MeasureOwner,
    OwnerContact,
    ParticipantKind,
    PrecursorEvent,
    Review,
    ReviewParticipant,
    Scenario,
    TriggerDocument,
)
from triggers.permissions import documents_for_user

# Crisis roles invited to weekly reviews by default; read-only partners may be chosen too.
DCC_ROLES = [CrisisRole.COORDINATOR, CrisisRole.DCC_MEMBER, CrisisRole.FLEXIBLE_SHELL]
PARTICIPANT_ROLES = [*DCC_ROLES, CrisisRole.PARTNER]


def name_key(name: str) -> str:
    """Owner names compare without case and extra spaces ("dcv " is DCV)."""
    return " ".join(name.split()).casefold()


def owner_contact_match(
    owner: str, owner_detail: str, contacts: Sequence[OwnerContact]
) -> OwnerContact | None:
    """The contact of a measure owner: the one of the same kind and name, else the one of
    the same kind without a name (e.g. Defence's general address)."""
    if owner == MeasureOwner.POST:
        return None
    same_kind = [c for c in contacts if c.kind == owner]
    key = name_key(owner_detail)
    named = next((c for c in same_kind if name_key(c.name) == key), None)
    return named or next((c for c in same_kind if not c.name), None)


def participant_candidates(document: TriggerDocument) -> "QuerySet[User]":
    """Staff who can be invited to the document's reviews: DCC staff and read-only partners of
    its crisis, and whoever is invited already."""
    people = Q(pk__in=document.participants.filter(kind=ParticipantKind.USER).values("user_id"))
    if document.crisis_id is not None:
        people |= Q(
            crisis_memberships__crisis_id=document.crisis_id,
            crisis_memberships__role__in=PARTICIPANT_ROLES,
        )
    users = get_user_model().objects.filter(people, is_active=True)
    return (
        get_user_model()
        .objects.filter(pk__in=users.values("pk"))
        .select_related("staff_profile")
        .order_by("last_name", "first_name", "email")
    )


def document_participants(document: TriggerDocument) -> list[Any]:
    return list(document.participants.select_related("user", "post").order_by("kind", "id"))


def document_owner_contacts(document: TriggerDocument) -> list[OwnerContact]:
    return list(OwnerContact.objects.filter(document=document))


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


def document_scenarios(
    document: TriggerDocument, owner_contacts: Sequence[OwnerContact] | None = None
) -> list[Scenario]:
    """Scenarios with their events, measures and observations (four queries whatever their
    number); each measure of a directorate, Defence or ministry carries the owner contact
    that reaches it (owner_reached_at), or None."""
    contacts = owner_contacts if owner_contacts is not None else document_owner_contacts(document)
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
        for event in scenario.events.all():
            for measure in event.measures.all():
                measure.owner_reached_at = owner_contact_match(  # type: ignore[attr-defined]
                    measure.owner, measure.owner_detail, contacts
                )
        additional = [
            m
            for event in scenario.events.all()
            for m in event.measures.all()
            if m.additional and scenario.worsened_at and m.created_at >= scenario.worsened_at
        ]
        scenario.needs_additional_measures = bool(scenario.worsened_at) and not additional  # type: ignore[attr-defined]
    return scenarios


def review_participants_prefetch() -> Prefetch:
    return Prefetch(
        "participants",
        queryset=ReviewParticipant.objects.select_related("user", "post").order_by("kind", "id"),
    )


def document_reviews(document: TriggerDocument) -> list[Review]:
    return list(
        Review.objects.filter(document=document)
        .select_related("approved_version", "held_recorded_by", "meeting")
        .prefetch_related(review_participants_prefetch())
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
    from triggers.models import JudgementScenarioLink

    return list(
        JudgementScenarioLink.objects.filter(judgement__meeting=meeting)
        .select_related("judgement", "scenario")
        .order_by("judgement__created_at")
    )
