"""A trigger document's content as its page shows it (no per-row queries)."""

from collections.abc import Sequence

from django.db.models import Prefetch, Q, QuerySet

from crisisportal.models import Crisis, Post
from crisisportal.permissions import AnyUser, crises_for_user, posts_for_user
from triggers.models import (
    DocumentExport,
    EventObservation,
    Measure,
    OwnerContact,
    PrecursorEvent,
    Scenario,
    TriggerDocument,
)
from triggers.selectors.owner_contacts import document_owner_contacts, owner_contact_match


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


def document_latest_export(document: TriggerDocument) -> DocumentExport | None:
    return DocumentExport.objects.filter(document=document).order_by("-requested_at").first()


def posts_choosable(user: AnyUser, document: TriggerDocument | None = None) -> "QuerySet[Post]":
    """Posts a user may put a document on: every post for DCC staff, else their own
    (and, when editing, the posts the document already has)."""
    allowed = Q(pk__in=posts_for_user(user).values("pk")) | Q(memberships__user=user)
    if document is not None:
        allowed |= Q(trigger_documents=document)
    return Post.objects.filter(pk__in=Post.objects.filter(allowed).values("pk")).order_by("name")


def crises_choosable(user: AnyUser, document: TriggerDocument | None = None) -> "QuerySet[Crisis]":
    """Crises a user may attach a document to: those they work (and the document's own)."""
    crises = crises_for_user(user, "work_crisis")
    if document is not None and document.crisis_id:
        crises = Crisis.objects.filter(Q(pk__in=crises.values("pk")) | Q(pk=document.crisis_id))
    return crises


def crisis_documents_nested(crisis: Crisis) -> "QuerySet[TriggerDocument]":
    """The crisis's trigger documents with their scenarios, events and measures (four queries),
    each level in a stable order (by id) for API clients that sync."""
    measures = Measure.objects.order_by("id")
    events = PrecursorEvent.objects.order_by("id").prefetch_related(
        Prefetch("measures", queryset=measures)
    )
    scenarios = Scenario.objects.order_by("id").prefetch_related(
        Prefetch("events", queryset=events)
    )
    return TriggerDocument.objects.filter(crisis=crisis).prefetch_related(
        Prefetch("scenarios", queryset=scenarios)
    )
