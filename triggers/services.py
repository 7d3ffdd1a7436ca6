"""Writes of the triggers app. Every change of a document's content saves a new version."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
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
from crisisportal.services.notifications import notification_send
from triggers.models import (
    OPEN_MEASURE_STATUSES,
    CountryPosition,
    DocumentExport,
    DocumentVersion,
    EventObservation,
    EventStatus,
    Measure,
    MeasureOwner,
    PrecursorEvent,
    Review,
    ReviewKind,
    Scenario,
    TriggerDocument,
)
from triggers.selectors import observation_picture_items, observation_sitreps
from triggers.versioning import document_snapshot

# Weekly reviews happen while a crisis is building up or running.
REVIEWED_PHASES = [CrisisPhase.PRE_CRISIS, CrisisPhase.CRISIS]
REMIND_BEFORE = timedelta(days=1)


def _overdue_after() -> timedelta:
    return timedelta(hours=getattr(settings, "TRIGGER_REVIEW_OVERDUE_AFTER_HOURS", 24))


def document_url(document: TriggerDocument) -> str:
    return reverse("triggers:document-detail", args=[document.pk])


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
    include_other_ministries: bool = False,
    active: bool = True,
) -> TriggerDocument:
    """Start a document for a crisis and one or more posts (or a post in peace time)."""
    chosen = _check_posts(posts, crisis)
    with audit_context(actor):
        document = TriggerDocument.objects.create(
            title=title,
            crisis=crisis,
            review_weekday=review_weekday,
            review_time=review_time,
            include_other_ministries=include_other_ministries,
            active=active,
            created_by=actor,
        )
        document.posts.set(chosen)
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
    include_other_ministries: bool,
    active: bool,
) -> TriggerDocument:
    """Change the document's settings; a changed review slot replaces the upcoming review."""
    chosen = _check_posts(posts, crisis)
    schedule_changed = (document.review_weekday, document.review_time) != (
        review_weekday,
        review_time,
    )
    with audit_context(actor):
        document.title = title
        document.crisis = crisis
        document.review_weekday = review_weekday
        document.review_time = review_time
        document.include_other_ministries = include_other_ministries
        document.active = active
        document.save()
        document.posts.set(chosen)
        now = timezone.now()
        if schedule_changed:
            Review.objects.filter(
                document=document, kind=ReviewKind.WEEKLY, held_on__isnull=True, due_at__gt=now
            ).delete()
        document_version_record(actor=actor, document=document, summary=_("Settings changed"))
        review_next_ensure(document=document, now=now)
    return document


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


def _measure_owner_recipients(measure: Measure, document: TriggerDocument) -> list[User]:
    recipients: list[User] = []
    if measure.owner_contact is not None:
        recipients.append(measure.owner_contact)
    if measure.owner == MeasureOwner.POST:
        recipients.extend(
            membership.user
            for membership in PostMembership.objects.filter(
                post__in=document.posts.all()
            ).select_related("user")
        )
    return recipients


def _measures_due_notify(
    measures: list[Measure], document: TriggerDocument, event: PrecursorEvent
) -> None:
    for measure in measures:
        notification_send(
            recipients=_measure_owner_recipients(measure, document),
            kind="trigger_measure_due",
            context={"measure": measure, "event": event, "document": document},
            url=document_url(document),
            crisis=document.crisis,
            dedupe_key=f"trigger-measure-due:{measure.pk}",
        )


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
            _measures_due_notify([measure], document, event)
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
def country_position_save(
    *,
    actor: User,
    document: TriggerDocument,
    position: CountryPosition | None = None,
    country: str,
    position_text: str,
    why_not_us: str,
) -> CountryPosition:
    """Record what a non-like-minded country does; the "why not us?" answer is required."""
    if not why_not_us.strip():
        raise ValidationError({"why_not_us": _("Answer why we would not do what they do.")})
    with audit_context(actor):
        position = position or CountryPosition(document=document)
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
            _measures_due_notify(due, document, event)
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
    review, _created = Review.objects.get_or_create(
        document=document, kind=ReviewKind.WEEKLY, due_at=review_slot_next(document, now)
    )
    return review


def review_participants(document: TriggerDocument) -> list[User]:
    """DCC staff of the crisis, staff of the document's posts, and partners when invited."""
    roles = [CrisisRole.COORDINATOR, CrisisRole.DCC_MEMBER, CrisisRole.FLEXIBLE_SHELL]
    if document.include_other_ministries:
        roles.append(CrisisRole.PARTNER)
    users = [
        m.user
        for m in CrisisMembership.objects.filter(
            crisis_id=document.crisis_id,  # type: ignore[misc]
            role__in=roles,
        ).select_related("user")
    ]
    users += [
        m.user
        for m in PostMembership.objects.filter(post__in=document.posts.all()).select_related("user")
    ]
    return users


def reviews_tick(*, now: datetime | None = None) -> dict[str, int]:
    """Beat: create upcoming reviews, remind participants a day ahead (once), flag overdue ones.

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
    for review in open_weekly.filter(
        reminder_sent_at__isnull=True, due_at__gt=now, due_at__lte=now + REMIND_BEFORE
    ).select_related("document__crisis"):
        with transaction.atomic():
            claimed = Review.objects.filter(pk=review.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue
            with audit_context("beat: trigger reviews"):
                notification_send(
                    recipients=review_participants(review.document),
                    kind="trigger_review_reminder",
                    context={"review": review, "document": review.document},
                    url=document_url(review.document),
                    crisis=review.document.crisis,
                    dedupe_key=f"trigger-review-reminder:{review.pk}",
                )
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


def _validate_held(held_on: date, participants: str) -> None:
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("The date cannot be in the future.")
    if not participants.strip():
        errors["participants"] = _("Name who took part.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_hold(
    *, actor: User, review: Review, held_on: date, participants: str, notes: str = ""
) -> Review:
    """Record a held review: it approves the document's current version and clears the
    overdue flag."""
    _validate_held(held_on, participants)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.is_held:
        raise ValidationError(_("This review has already been recorded."))
    with audit_context(actor):
        review.held_on = held_on
        review.participants = participants
        review.notes = notes
        review.approved_version = _latest_version(review.document)
        review.held_recorded_by = actor
        review.held_recorded_at = timezone.now()
        review.save()
    return review


@transaction.atomic
def review_small_group_hold(
    *,
    actor: User,
    document: TriggerDocument,
    held_on: date,
    participants: str,
    notes: str = "",
    meeting: Any = None,
) -> Review:
    """A review in a smaller group, e.g. before a BOB meeting (optionally linked to it)."""
    _validate_held(held_on, participants)
    if meeting is not None and meeting.crisis_id != document.crisis_id:
        raise ValidationError({"meeting": _("Choose a meeting of the document's crisis.")})
    with audit_context(actor):
        return Review.objects.create(
            document=document,
            kind=ReviewKind.SMALL_GROUP,
            held_on=held_on,
            participants=participants,
            notes=notes,
            approved_version=_latest_version(document),
            held_recorded_by=actor,
            held_recorded_at=timezone.now(),
            meeting=meeting,
        )


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
