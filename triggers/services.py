"""Writes of the triggers app. Every change of a document's content saves a new version."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crisisportal.models import (
    Crisis,
    CrisisMembership,
    CrisisPhase,
    CrisisRole,
    PictureItem,
    Post,
    PostMembership,
    Sitrep,
)
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send, notification_send_to_address
from triggers.models import (
    INVITED_ORGANISATIONS,
    OPEN_MEASURE_STATUSES,
    NonLikeMindedPosition,
    DocumentExport,
    DocumentParticipant,
    DocumentVersion,
    EventObservation,
    EventStatus,
    Measure,
    MeasureOwner,
    OwnerContact,
    ParticipantKind,
    PrecursorEvent,
    Review,
    ReviewKind,
    ReviewParticipant,
    Scenario,
    TriggerDocument,
)
from triggers.selectors import (
    DCC_ROLES,
    name_key,
    observation_picture_items,
    observation_sitreps,
    owner_contact_match,
    participant_candidates,
)
from triggers.versioning import document_snapshot

# Weekly reviews happen while a crisis is building up or running.
REVIEWED_PHASES = [CrisisPhase.PRE_CRISIS, CrisisPhase.CRISIS]
REMIND_BEFORE = timedelta(days=1)


def _overdue_after() -> timedelta:
    return timedelta(hours=getattr(settings, "TRIGGER_REVIEW_OVERDUE_AFTER_HOURS", 24))


def document_url(document: TriggerDocument) -> str:
    return reverse("triggers:document-detail", args=[document.pk])


def _digest(text: str) -> str:
    """A short stable digest for dedupe keys (addresses and names can be long)."""
    return hashlib.sha256(text.strip().casefold().encode()).hexdigest()[:16]


# ---------------------------------------------------------------- versions


def document_version_record(
    *, actor: User | None, document: TriggerDocument, summary: str
) -> DocumentVersion | None:
    """Save the document's current content as the next version, unless nothing changed.

    The document row is locked so that two concurrent edits get consecutive numbers.
    """
    TriggerDocument.objects.select_for_update().filter(pk=document.pk).first()
    snapshot = document_snapshot(document)
    latest = DocumentVersion.objects.filter(document=document).order_by("-number").first()
    if latest is not None and latest.snapshot == snapshot:
        return None
    return DocumentVersion.objects.create(
        document=document,
        number=(latest.number + 1) if latest else 1,
        snapshot=snapshot,
        summary=summary[:300],
        created_by=actor,
    )


def _check_posts(posts: Iterable[Post], crisis: Crisis | None) -> list[Post]:
    chosen = list(posts)
    if not chosen:
        raise ValidationError({"posts": _("Choose at least one post.")})
    return chosen


# ---------------------------------------------------------------- documents


@transaction.atomic
def trigger_document_create(
    *,
    actor: User,
    title: str,
    posts: Iterable[Post],
    crisis: Crisis | None = None,
    review_weekday: int = 0,
    review_time: time = time(10, 0),
    active: bool = True,
) -> TriggerDocument:
    """Start a document for a crisis and one or more posts (or a post in peace time). Its
    weekly review starts with the crisis's DCC staff and the document's posts as participants."""
    chosen = _check_posts(posts, crisis)
    with audit_context(actor):
        document = TriggerDocument.objects.create(
            title=title,
            crisis=crisis,
            review_weekday=review_weekday,
            review_time=review_time,
            active=active,
            created_by=actor,
        )
        document.posts.set(chosen)
        _standing_participants_follow(document, chosen, set(), add_dcc_staff=True)
        document_version_record(actor=actor, document=document, summary=_("Document created"))
        review_next_ensure(document=document, now=timezone.now())
    return document


@transaction.atomic
def trigger_document_update(
    *,
    actor: User,
    document: TriggerDocument,
    title: str,
    posts: Iterable[Post],
    crisis: Crisis | None,
    review_weekday: int,
    review_time: time,
    active: bool,
) -> TriggerDocument:
    """Change the document's settings; a changed review slot replaces the upcoming review.

    The document's posts are its post participants: added posts join the weekly review and
    removed ones leave it. Attaching a crisis invites the crisis's DCC staff."""
    chosen = _check_posts(posts, crisis)
    schedule_changed = (document.review_weekday, document.review_time) != (
        review_weekday,
        review_time,
    )
    crisis_attached = crisis is not None and document.crisis_id != crisis.pk
    with audit_context(actor):
        document.title = title
        document.crisis = crisis
        document.review_weekday = review_weekday
        document.review_time = review_time
        document.active = active
        document.save()
        previous_post_ids = set(document.posts.values_list("pk", flat=True))
        document.posts.set(chosen)
        _standing_participants_follow(
            document, chosen, previous_post_ids, add_dcc_staff=crisis_attached
        )
        now = timezone.now()
        if schedule_changed:
            Review.objects.filter(
                document=document, kind=ReviewKind.WEEKLY, held_on__isnull=True, due_at__gt=now
            ).delete()
        document_version_record(actor=actor, document=document, summary=_("Settings changed"))
        review_next_ensure(document=document, now=now)
        _open_reviews_participants_sync(document)
    return document


# ---------------------------------------------------------------- review participants


def _participant_rows_sync(model: Any, owner: dict[str, Any], wanted: list[Any]) -> None:
    """Make the participant rows of owner (a document or a review) exactly wanted, keeping the
    rows that stay (and so whether they were reminded)."""
    existing = {row.identity: row for row in model.objects.filter(**owner)}
    wanted_by_identity = {row.identity: row for row in wanted}
    model.objects.filter(
        pk__in=[row.pk for key, row in existing.items() if key not in wanted_by_identity]
    ).delete()
    for key, row in wanted_by_identity.items():
        current = existing.get(key)
        if current is None:
            model.objects.create(
                **owner,
                kind=row.kind,
                user_id=row.user_id,
                post_id=row.post_id,
                organisation=row.organisation,
                email=row.email,
            )
        elif current.email != row.email:
            current.email = row.email
            current.save(update_fields=["email"])


def _standing_participants_follow(
    document: TriggerDocument,
    posts: list[Post],
    previous_post_ids: set[Any],
    *,
    add_dcc_staff: bool,
) -> None:
    """Posts added to the document join its review and removed ones leave it; with
    add_dcc_staff the crisis's DCC staff are invited too (on creation, when a crisis is
    attached)."""
    post_ids = {post.pk for post in posts}
    wanted = [
        p
        for p in document.participants.all()
        if p.kind != ParticipantKind.POST or p.post_id in post_ids
    ]
    wanted += [
        DocumentParticipant(kind=ParticipantKind.POST, post_id=post.pk)
        for post in posts
        if post.pk not in previous_post_ids
    ]
    if add_dcc_staff and document.crisis_id is not None:
        wanted += [
            DocumentParticipant(kind=ParticipantKind.USER, user_id=user_id)
            for user_id in CrisisMembership.objects.filter(
                crisis_id=document.crisis_id,
                role__in=DCC_ROLES,
                user__is_active=True,
            ).values_list("user_id", flat=True)
        ]
    _participant_rows_sync(DocumentParticipant, {"document": document}, wanted)


def _review_participants_copy(review: Review) -> None:
    _participant_rows_sync(
        ReviewParticipant, {"review": review}, list(review.document.participants.all())
    )


def _open_reviews_participants_sync(document: TriggerDocument) -> None:
    """Weekly reviews not yet held invite the document's current participants; those already
    reminded keep their reminder, newcomers are reminded by the next beat run."""
    for review in Review.objects.filter(
        document=document, kind=ReviewKind.WEEKLY, held_on__isnull=True
    ):
        _review_participants_copy(review)


@transaction.atomic
def document_participants_set(
    *,
    actor: User,
    document: TriggerDocument,
    users: Iterable[User],
    posts: Iterable[Post],
    ministries: dict[str, str],
    guests: str = "",
) -> list[DocumentParticipant]:
    """Set the standing participants of the document's weekly review: DCC staff of the crisis
    (by notification), the document's posts (their mailbox and staff), other ministries (a
    contact address each) and guests in free text. Open weekly reviews get the new list."""
    chosen_users = list(users)
    chosen_posts = list(posts)
    errors: dict[str, Any] = {}
    allowed_users = set(participant_candidates(document).values_list("pk", flat=True))
    if any(user.pk not in allowed_users for user in chosen_users):
        errors["users"] = _("Choose staff members of the document's crisis.")
    document_posts = {post.pk for post in document.posts.all()}
    if any(post.pk not in document_posts for post in chosen_posts):
        errors["posts"] = _("Choose posts of the document.")
    invited = {str(o.value) for o in INVITED_ORGANISATIONS}
    wanted_ministries = {}
    for organisation, email in ministries.items():
        email = email.strip()
        if not email:
            continue
        if organisation not in invited:
            errors[f"ministry_{organisation}"] = _("Unknown ministry.")
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors[f"ministry_{organisation}"] = _("Enter a valid email address.")
            continue
        wanted_ministries[organisation] = email
    if errors:
        raise ValidationError(errors)
    wanted = [DocumentParticipant(kind=ParticipantKind.USER, user_id=u.pk) for u in chosen_users]
    wanted += [DocumentParticipant(kind=ParticipantKind.POST, post_id=p.pk) for p in chosen_posts]
    wanted += [
        DocumentParticipant(kind=ParticipantKind.MINISTRY, organisation=organisation, email=email)
        for organisation, email in wanted_ministries.items()
    ]
    with audit_context(actor):
        _participant_rows_sync(DocumentParticipant, {"document": document}, wanted)
        document.review_guests = guests.strip()
        document.save(update_fields=["review_guests", "updated_at"])
        _open_reviews_participants_sync(document)
    return list(document.participants.all())


# ---------------------------------------------------------------- measure owners


@transaction.atomic
def owner_contact_save(
    *,
    actor: User,
    document: TriggerDocument,
    contact: OwnerContact | None = None,
    kind: str,
    name: str,
    email: str,
) -> OwnerContact:
    """Record how a measure owner without an account is reached (a directorate, Defence or
    another ministry). A contact without a name reaches every owner of its kind that has no
    contact of its own."""
    name = " ".join(name.split())
    errors: dict[str, Any] = {}
    if kind == MeasureOwner.POST:
        errors["kind"] = _("The post is reached through its mailbox and staff.")
    elif kind not in MeasureOwner.values:
        errors["kind"] = _("Unknown owner.")
    duplicates = OwnerContact.objects.filter(document=document, kind=kind, name__iexact=name)
    if contact is not None:
        duplicates = duplicates.exclude(pk=contact.pk)
    if "kind" not in errors and duplicates.exists():
        errors["name"] = _("This owner already has a contact.")
    try:
        validate_email(email.strip())
    except ValidationError:
        errors["email"] = _("Enter a valid email address.")
    if errors:
        raise ValidationError(errors)
    with audit_context(actor):
        contact = contact or OwnerContact(document=document)
        contact.kind = kind
        contact.name = name
        contact.email = email.strip()
        contact.save()
    return contact


@dataclass
class MeasureOwnerGroup:
    """The due measures of one owner and how that owner is reached."""

    key: str
    kind: str
    name: str
    measures: list[Measure] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)

    @property
    def kind_display(self) -> Any:
        return MeasureOwner(self.kind).label

    @property
    def reachable(self) -> bool:
        return bool(self.users or self.addresses)


def measure_owner_groups(
    measures: list[Measure], document: TriggerDocument
) -> list[MeasureOwnerGroup]:
    """Group measures by owner (kind and name). The post is reached through its mailbox and its
    staff (one post when the owner names it, else every post of the document); a directorate,
    Defence or another ministry through the document's owner contacts; a measure's contact
    person by notification."""
    contacts = list(OwnerContact.objects.filter(document=document))
    posts = list(document.posts.all())
    staff: dict[Any, list[User]] = {}
    for membership in PostMembership.objects.filter(post__in=posts).select_related(
        "user__staff_profile"
    ):
        staff.setdefault(membership.post_id, []).append(membership.user)
    groups: dict[str, MeasureOwnerGroup] = {}
    for measure in measures:
        if measure.owner == MeasureOwner.POST:
            named = [p for p in posts if name_key(p.name) == name_key(measure.owner_detail)]
            owner_posts = named or posts
            key = "post:" + _digest(",".join(sorted(str(p.pk) for p in owner_posts)))
        else:
            owner_posts = []
            key = f"{measure.owner}:{_digest(name_key(measure.owner_detail))}"
        group = groups.get(key)
        if group is None:
            group = groups[key] = MeasureOwnerGroup(
                key=key, kind=measure.owner, name=" ".join(measure.owner_detail.split())
            )
            for post in owner_posts:
                group.users += staff.get(post.pk, [])
                if post.email:
                    group.addresses.append(post.email)
            contact = owner_contact_match(measure.owner, measure.owner_detail, contacts)
            if contact is not None:
                group.addresses.append(contact.email)
        group.measures.append(measure)
        if measure.owner_contact is not None and measure.owner_contact not in group.users:
            group.users.append(measure.owner_contact)
    return list(groups.values())


def _measures_due_notify(
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
        notification_send(
            recipients=group.users,
            kind="trigger_measures_due",
            context=context,
            url=document_url(document),
            crisis=document.crisis,
            dedupe_key=key,
        )
        for address in dict.fromkeys(a.strip().lower() for a in group.addresses):
            notification_send_to_address(
                email=address,
                kind="trigger_measures_due",
                context=context,
                url=document_url(document),
                crisis=document.crisis,
                dedupe_key=f"{key}:to:{_digest(address)}",
            )
    return unreached


# ---------------------------------------------------------------- scenarios, events, measures


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
        scenario = scenario or Scenario(document=document)
        scenario.kind = kind
        scenario.title = title
        scenario.description = description
        scenario.assessment = assessment
        scenario.full_clean(exclude=["document", "worsened_recorded_by"])
        scenario.save()
        summary = _("Scenario added: %s") if creating else _("Scenario changed: %s")
        document_version_record(actor=actor, document=document, summary=summary % title)
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
        event = event or PrecursorEvent(scenario=scenario, status_since=timezone.now())
        event.title = title
        event.description = description
        event.save()
        summary = _("Event added: %s") if creating else _("Event changed: %s")
        document_version_record(actor=actor, document=scenario.document, summary=summary % title)
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
        measure = measure or Measure(event=event)
        measure.title = title
        measure.owner = owner
        measure.owner_detail = owner_detail
        measure.owner_contact = owner_contact
        measure.status = status
        measure.deadline = deadline
        if creating and scenario.worsened_at is not None:
            measure.additional = True
        became_due = creating and event.status == EventStatus.OCCURRED
        if became_due:
            measure.due_since = timezone.now()
        measure.full_clean(exclude=["event", "owner_contact"])
        measure.save()
        if became_due and measure.status in OPEN_MEASURE_STATUSES:
            _measures_due_notify([measure], document, event, cause=f"measure{measure.pk}")
        summary = _("Measure added: %s") if creating else _("Measure changed: %s")
        document_version_record(actor=actor, document=document, summary=summary % title)
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
        position = position or NonLikeMindedPosition(document=document)
        position.country = country
        position.position = position_text
        position.why_not_us = why_not_us
        position.save()
        document_version_record(
            actor=actor,
            document=document,
            summary=_("Country position: %s") % position.country.name,  # type: ignore[attr-defined]
        )
    return position


# ---------------------------------------------------------------- observations and their effects


def crisis_coordinators(crisis: Crisis | None) -> list[User]:
    if crisis is None:
        return []
    return [
        m.user
        for m in CrisisMembership.objects.filter(
            crisis=crisis, role=CrisisRole.COORDINATOR
        ).select_related("user")
    ]


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
    from crisisportal.services.meetings import meeting_agenda_item_add

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
            unreached = _measures_due_notify(
                due, document, event, cause=f"observation{observation.pk}"
            )
            notification_send(
                recipients=crisis_coordinators(document.crisis)
                or ([document.created_by] if document.created_by else []),
                kind="trigger_event_occurred",
                context={
                    "event": event,
                    "scenario": scenario,
                    "document": document,
                    "observation": observation,
                    "measures": due,
                    "unreached": unreached,
                },
                url=document_url(document),
                crisis=document.crisis,
                dedupe_key=f"trigger-event-occurred:{observation.pk}",
            )
            event_agenda_question_put(actor=actor, event=event)
        document_version_record(
            actor=actor,
            document=document,
            summary=_("%(event)s: %(status)s")
            % {"event": event.title, "status": EventStatus(status).label},
        )
    return observation


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


# ---------------------------------------------------------------- weekly reviews


def review_slot_next(document: TriggerDocument, now: datetime) -> datetime:
    """The first review slot (weekday and time in the portal's time zone) at or after now."""
    local_now = timezone.localtime(now)
    days_ahead = (document.review_weekday - local_now.weekday()) % 7
    day = local_now.date() + timedelta(days=days_ahead)
    slot = timezone.make_aware(datetime.combine(day, document.review_time))
    if slot < now:
        slot = timezone.make_aware(datetime.combine(day + timedelta(days=7), document.review_time))
    return slot


def _reviewed(documents: Any) -> Any:
    return documents.filter(active=True, crisis__phase__in=REVIEWED_PHASES)


def review_next_ensure(*, document: TriggerDocument, now: datetime) -> Review | None:
    """Create the upcoming weekly review of an active crisis document (idempotent)."""
    if not _reviewed(TriggerDocument.objects.filter(pk=document.pk)).exists():
        return None
    review, created = Review.objects.get_or_create(
        document=document, kind=ReviewKind.WEEKLY, due_at=review_slot_next(document, now)
    )
    if created:
        _review_participants_copy(review)
    return review


def _participant_recipients(row: ReviewParticipant) -> tuple[list[User], list[str]]:
    """Whom a participant's reminder reaches: (users to notify, addresses to email)."""
    if row.kind == ParticipantKind.USER:
        return ([row.user] if row.user is not None else []), []
    if row.kind == ParticipantKind.POST and row.post is not None:
        staff = [
            m.user
            for m in PostMembership.objects.filter(post=row.post).select_related(
                "user__staff_profile"
            )
        ]
        return staff, ([row.post.email] if row.post.email else [])
    return [], ([row.email] if row.email else [])


def _review_remind(review: Review, now: datetime) -> bool:
    """Remind every participant of the review not reminded yet, each once: users by
    notification, posts in their mailbox and staff's inbox, ministries at their address.

    A participant row is claimed before sending; the dedupe keys (per review and user, per
    review and address) also keep someone who is reached twice (a DCC member who is also post
    staff) from getting two reminders."""
    rows = list(
        ReviewParticipant.objects.filter(review=review, reminded_at__isnull=True).select_related(
            "user__staff_profile", "post"
        )
    )
    context = {"review": review, "document": review.document}
    base = f"trigger-review-reminder:{review.pk}"
    reminded = False
    for row in rows:
        claimed = ReviewParticipant.objects.filter(pk=row.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        reminded = True
        users, addresses = _participant_recipients(row)
        notification_send(
            recipients=users,
            kind="trigger_review_reminder",
            context=context,
            url=document_url(review.document),
            crisis=review.document.crisis,
            dedupe_key=base,
        )
        for address in addresses:
            notification_send_to_address(
                email=address,
                kind="trigger_review_reminder",
                context=context,
                url=document_url(review.document),
                crisis=review.document.crisis,
                dedupe_key=f"{base}:to:{_digest(address)}",
            )
    if reminded:
        Review.objects.filter(pk=review.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
    return reminded


def reviews_tick(*, now: datetime | None = None) -> dict[str, int]:
    """Beat: create upcoming reviews, remind participants a day ahead (each once), flag overdue
    ones. "reminded" counts the reviews whose participants were reminded in this run.

    Each step claims its rows with a conditional update, so overlapping runs act once.
    """
    now = now or timezone.now()
    created = reminded = flagged = 0
    for document in _reviewed(TriggerDocument.objects.all()):
        with transaction.atomic():
            before = Review.objects.filter(document=document).count()
            review_next_ensure(document=document, now=now)
            created += Review.objects.filter(document=document).count() - before
    open_weekly = Review.objects.filter(kind=ReviewKind.WEEKLY, held_on__isnull=True)
    to_remind = ReviewParticipant.objects.filter(review=OuterRef("pk"), reminded_at__isnull=True)
    for review in (
        open_weekly.filter(due_at__gt=now, due_at__lte=now + REMIND_BEFORE)
        .filter(Exists(to_remind))
        .select_related("document__crisis")
    ):
        with transaction.atomic(), audit_context("beat: trigger reviews"):
            if _review_remind(review, now):
                reminded += 1
    for review in open_weekly.filter(
        overdue_since__isnull=True, due_at__lte=now - _overdue_after()
    ).select_related("document__crisis"):
        with transaction.atomic():
            claimed = Review.objects.filter(pk=review.pk, overdue_since__isnull=True).update(
                overdue_since=now
            )
            if not claimed:
                continue
            notification_send(
                recipients=crisis_coordinators(review.document.crisis),
                kind="trigger_review_overdue",
                context={"review": review, "document": review.document},
                url=document_url(review.document),
                crisis=review.document.crisis,
                dedupe_key=f"trigger-review-overdue:{review.pk}",
            )
            flagged += 1
    agenda_questions_place_pending()
    return {"created": created, "reminded": reminded, "flagged": flagged}


def _latest_version(document: TriggerDocument) -> DocumentVersion:
    version = DocumentVersion.objects.filter(document=document).order_by("-number").first()
    if version is None:  # documents always have a first version; guard against old data
        version = document_version_record(
            actor=None, document=document, summary=_("Document created")
        )
    assert version is not None
    return version


def _validate_held(held_on: date, took_part: set[Any], allowed: set[Any], guests: str) -> None:
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("The date cannot be in the future.")
    if took_part - allowed:
        errors["took_part"] = _("Choose from the invited participants.")
    elif not took_part and not guests.strip():
        errors["took_part"] = _("Record who took part: tick the participants or name the guests.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_hold(
    *,
    actor: User,
    review: Review,
    held_on: date,
    took_part: Iterable[ReviewParticipant],
    guests: str = "",
    notes: str = "",
) -> Review:
    """Record a held review: who of the invited participants took part (and guests), the
    notes; it approves the document's current version and clears the overdue flag."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    took_part_ids = {p.pk for p in took_part}
    invited = set(ReviewParticipant.objects.filter(review=review).values_list("pk", flat=True))
    _validate_held(held_on, took_part_ids, invited, guests)
    if review.is_held:
        raise ValidationError(_("This review has already been recorded."))
    with audit_context(actor):
        review.held_on = held_on
        review.guests = guests.strip()
        review.notes = notes
        review.approved_version = _latest_version(review.document)
        review.held_recorded_by = actor
        review.held_recorded_at = timezone.now()
        review.save()
        ReviewParticipant.objects.filter(review=review, pk__in=took_part_ids).update(took_part=True)
    return review


@transaction.atomic
def review_small_group_hold(
    *,
    actor: User,
    document: TriggerDocument,
    held_on: date,
    took_part: Iterable[DocumentParticipant],
    guests: str = "",
    notes: str = "",
    meeting: Any = None,
) -> Review:
    """A review in a smaller group, e.g. before a BOB meeting (optionally linked to it): who of
    the document's participants took part, and guests."""
    chosen = list(took_part)
    standing = set(
        DocumentParticipant.objects.filter(document=document).values_list("pk", flat=True)
    )
    _validate_held(held_on, {p.pk for p in chosen}, standing, guests)
    if meeting is not None and meeting.crisis_id != document.crisis_id:
        raise ValidationError({"meeting": _("Choose a meeting of the document's crisis.")})
    with audit_context(actor):
        review = Review.objects.create(
            document=document,
            kind=ReviewKind.SMALL_GROUP,
            held_on=held_on,
            guests=guests.strip(),
            notes=notes,
            approved_version=_latest_version(document),
            held_recorded_by=actor,
            held_recorded_at=timezone.now(),
            meeting=meeting,
        )
        ReviewParticipant.objects.bulk_create(
            [
                ReviewParticipant(
                    review=review,
                    kind=p.kind,
                    user_id=p.user_id,
                    post_id=p.post_id,
                    organisation=p.organisation,
                    email=p.email,
                    took_part=True,
                )
                for p in chosen
            ]
        )
    return review


def review_previous_approved(review: Review) -> DocumentVersion | None:
    """The version approved by the review held before this one (for its diff)."""
    if review.approved_version is None:
        return None
    earlier = (
        Review.objects.filter(
            document_id=review.document_id,
            approved_version__isnull=False,
            held_recorded_at__lt=review.held_recorded_at,
        )
        .order_by("-held_recorded_at")
        .select_related("approved_version")
        .first()
    )
    return earlier.approved_version if earlier else None


# ---------------------------------------------------------------- PDF export


@transaction.atomic
def document_export_request(*, actor: User, document: TriggerDocument) -> DocumentExport:
    """Queue a PDF export of the document; a Celery task renders it after commit."""
    from triggers.tasks import trigger_document_export_render

    export = DocumentExport.objects.create(document=document, requested_by=actor)
    export_id = str(export.pk)
    transaction.on_commit(lambda: trigger_document_export_render.delay(export_id))
    return export


def document_export_render(*, export_id: Any) -> DocumentExport | None:
    """Render a requested export (idempotent: a finished export is left alone)."""
    from django.core.files.base import ContentFile

    from triggers.pdf import document_pdf

    export = (
        DocumentExport.objects.select_related("document", "requested_by__staff_profile")
        .filter(pk=export_id)
        .first()
    )
    if export is None or export.finished_at is not None:
        return export
    profile = getattr(export.requested_by, "staff_profile", None)
    with translation.override(profile.language if profile else settings.LANGUAGE_CODE):
        content = document_pdf(export.document)
    export.file.save(f"trigger-document-{export.pk}.pdf", ContentFile(content), save=False)
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "finished_at"])
    return export


def document_versions_max(document: TriggerDocument) -> int:
    return DocumentVersion.objects.filter(document=document).aggregate(n=Max("number"))["n"] or 0


@transaction.atomic
def judgement_scenario_link(*, actor: User, judgement: Any, scenario: Scenario) -> Any:
    """Link a judgement of a BOB meeting to a scenario of the same crisis's trigger documents."""
    from triggers.models import JudgementScenarioLink

    if scenario.document.crisis_id != judgement.meeting.crisis_id:
        raise ValidationError({"scenario": _("Choose a scenario of this crisis.")})
    with audit_context(actor):
        link, _created = JudgementScenarioLink.objects.update_or_create(
            judgement=judgement, defaults={"scenario": scenario, "linked_by": actor}
        )
    return link
