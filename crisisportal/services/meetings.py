"""BOB meetings. The meeting runs Beeldvorming → Oordeelsvorming → Besluitvorming → closed,
strictly in order: facts are recorded only while the picture is formed, judgements only in
the judgement phase, decisions only in the decision phase. Going back is an explicit step
with a reason, kept in the phase log. Closing (and any later amendment) produces minutes.

Decisions: services.decisions; minutes: services.minutes; reads: selectors.meetings."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    MEETING_PHASE_ORDER,
    Crisis,
    Judgement,
    Meeting,
    MeetingAgendaItem,
    MeetingAmendment,
    MeetingPhase,
    MeetingPhaseChange,
    PictureItem,
    PictureSource,
    Post,
    Sitrep,
    SitrepStatus,
)
from crisisportal.permissions import crisis_permissions
from crisisportal.selectors.meetings import next_open_meeting, sitreps_to_import
from crisisportal.services.audit import audit_context
from crisisportal.services.minutes import meeting_minutes_outdated
from crisisportal.services.records import record_save


def meeting_work_require(actor: User | None, crisis: Crisis) -> None:
    """Writes need work_crisis; actor None is the system itself (a Celery job)."""
    if actor is not None and "work_crisis" not in crisis_permissions(actor, crisis):
        raise PermissionError("Only DCC staff of the crisis run its meetings.")


def meeting_lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("crisis").get(pk=meeting.pk)


def meeting_phase_require(meeting: Meeting, phase: str, message: str) -> None:
    if meeting.phase != phase:
        raise ValidationError(message)


def meeting_for_work(
    actor: User, meeting: Meeting, *, phase: str | None = None, refusal: str = ""
) -> Meeting:
    """The meeting, locked, for work by DCC staff of its crisis; with a phase, work that
    belongs to that phase only (else ValidationError(refusal))."""
    meeting_work_require(actor, meeting.crisis)
    meeting = meeting_lock(meeting)
    if phase is not None:
        meeting_phase_require(meeting, phase, refusal)
    return meeting


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    crisis: Crisis,
    kind: str,
    title: str,
    scheduled_at: datetime,
    location: str = "",
    participants: Iterable[User] = (),
    participant_posts: Iterable[Post] = (),
    other_participants: str = "",
) -> Meeting:
    meeting_work_require(actor, crisis)
    if crisis.is_closed:
        raise ValidationError(_("The crisis is closed."))
    posts = list(participant_posts)
    foreign = [p for p in posts if not crisis.posts.filter(pk=p.pk).exists()]
    if foreign:
        raise ValidationError({"participant_posts": _("Only affected posts can take part.")})
    with audit_context(actor):
        meeting = record_save(
            Meeting(
                crisis=crisis,
                kind=kind,
                title=title,
                scheduled_at=scheduled_at,
                location=location,
                other_participants=other_participants,
                created_by=actor,
            )
        )
        meeting.participants.set(participants)
        meeting.participant_posts.set(posts)
        return meeting


@transaction.atomic
def meeting_agenda_item_add(
    *,
    actor: User | None,
    crisis: Crisis,
    text: str,
    source_object: models.Model | None = None,
    meeting: Meeting | None = None,
) -> MeetingAgendaItem | None:
    """Put an item on the agenda of the crisis's next not-yet-closed meeting (or the given one).

    Returns None when the crisis has no such meeting: the caller decides whether to alert
    someone to schedule one. With a source_object the same item is added once per meeting,
    so a retried job does not duplicate it. actor None is a system job.
    """
    meeting_work_require(actor, crisis)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Describe the agenda item.")})
    target = meeting or next_open_meeting(crisis)
    if target is None:
        return None
    target = meeting_lock(target)
    if target.crisis_id != crisis.pk:
        raise ValidationError(_("The meeting belongs to another crisis."))
    if target.is_closed:
        raise ValidationError(_("The meeting is closed."))
    with audit_context(actor if actor is not None else "system"):
        if source_object is None:
            return MeetingAgendaItem.objects.create(meeting=target, text=text[:500], added_by=actor)
        item, _created = MeetingAgendaItem.objects.get_or_create(
            meeting=target,
            source_type=ContentType.objects.get_for_model(source_object),
            source_id=str(source_object.pk),
            text=text[:500],
            defaults={"added_by": actor},
        )
        return item


@transaction.atomic
def meeting_phase_advance(*, actor: User, meeting: Meeting) -> Meeting:
    """One step forward. Closing the meeting queues its minutes."""
    meeting = meeting_for_work(actor, meeting)
    index = MEETING_PHASE_ORDER.index(MeetingPhase(meeting.phase))
    if index == len(MEETING_PHASE_ORDER) - 1:
        raise ValidationError(_("The meeting is already closed."))
    to_phase = MEETING_PHASE_ORDER[index + 1]
    with audit_context(actor):
        MeetingPhaseChange.objects.create(
            meeting=meeting, from_phase=meeting.phase, to_phase=to_phase, changed_by=actor
        )
        meeting.phase = to_phase
        if to_phase == MeetingPhase.CLOSED:
            meeting.closed_at = timezone.now()
            meeting.save(update_fields=["phase", "closed_at"])
            meeting_minutes_outdated(meeting)
        else:
            meeting.save(update_fields=["phase"])
        return meeting


@transaction.atomic
def meeting_phase_step_back(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Go back one phase, e.g. new facts arrive during the judgement. Logged with reason."""
    meeting_work_require(actor, meeting.crisis)
    if not reason.strip():
        raise ValidationError({"reason": _("State why the meeting goes back a phase.")})
    meeting = meeting_lock(meeting)
    if meeting.is_closed:
        raise ValidationError(_("A closed meeting is amended, not reopened."))
    index = MEETING_PHASE_ORDER.index(MeetingPhase(meeting.phase))
    if index == 0:
        raise ValidationError(_("The meeting is in its first phase."))
    to_phase = MEETING_PHASE_ORDER[index - 1]
    with audit_context(actor):
        MeetingPhaseChange.objects.create(
            meeting=meeting,
            from_phase=meeting.phase,
            to_phase=to_phase,
            is_step_back=True,
            reason=reason.strip(),
            changed_by=actor,
        )
        meeting.phase = to_phase
        meeting.save(update_fields=["phase"])
        return meeting


@transaction.atomic
def picture_item_add(
    *,
    actor: User,
    meeting: Meeting,
    fact: str,
    source: str,
    source_detail: str = "",
    sitrep: Sitrep | None = None,
) -> PictureItem:
    meeting = meeting_for_work(
        actor,
        meeting,
        phase=MeetingPhase.PICTURE,
        refusal=_("Facts are added while the picture is formed (Beeldvorming)."),
    )
    if sitrep is not None and (
        sitrep.crisis_id != meeting.crisis_id or sitrep.status != SitrepStatus.SUBMITTED
    ):
        raise ValidationError({"sitrep": _("Only submitted reports of this crisis.")})
    with audit_context(actor):
        item = record_save(
            PictureItem(
                meeting=meeting,
                fact=fact.strip(),
                source=source,
                source_detail=source_detail.strip(),
                sitrep=sitrep,
                created_by=actor,
            )
        )
        meeting_minutes_outdated(meeting)
        return item


def sitrep_as_fact(sitrep: Sitrep) -> str:
    parts = [
        _("Urgency: %(urgency)s.") % {"urgency": sitrep.get_urgency_display()},
        _("Security: %(text)s") % {"text": sitrep.security_situation.strip()},
        _("Negative: %(text)s") % {"text": sitrep.negative_developments.strip()},
        _("Positive: %(text)s") % {"text": sitrep.positive_developments.strip()},
    ]
    return "\n".join(parts)


@transaction.atomic
def picture_sitreps_import(
    *, actor: User, meeting: Meeting, sitreps: Iterable[Sitrep]
) -> list[PictureItem]:
    """Pull submitted sitreps into the picture as facts from their post (each once)."""
    offered = {s.pk: s for s in sitreps_to_import(meeting)}
    items = []
    for sitrep in sitreps:
        if sitrep.pk not in offered:
            continue
        items.append(
            picture_item_add(
                actor=actor,
                meeting=meeting,
                fact=sitrep_as_fact(sitrep),
                source=PictureSource.POST,
                source_detail=sitrep.post.name,
                sitrep=sitrep,
            )
        )
    return items


@transaction.atomic
def judgement_add(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    is_assumption: bool = False,
    scenario: str = "",
    dissent: str = "",
) -> Judgement:
    meeting = meeting_for_work(
        actor,
        meeting,
        phase=MeetingPhase.JUDGEMENT,
        refusal=_("Judgements are recorded in the judgement phase (Oordeelsvorming)."),
    )
    with audit_context(actor):
        judgement = record_save(
            Judgement(
                meeting=meeting,
                text=text.strip(),
                is_assumption=is_assumption,
                scenario=scenario.strip(),
                dissent=dissent.strip(),
                created_by=actor,
            )
        )
        meeting_minutes_outdated(meeting)
        return judgement


@transaction.atomic
def meeting_amend(*, actor: User, meeting: Meeting, text: str) -> MeetingAmendment:
    """Correct the record of a closed meeting; its minutes are regenerated."""
    meeting_work_require(actor, meeting.crisis)
    if not text.strip():
        raise ValidationError({"text": _("Describe the amendment.")})
    meeting = meeting_lock(meeting)
    if not meeting.is_closed:
        raise ValidationError(_("Only a closed meeting is amended; change the record directly."))
    with audit_context(actor):
        amendment = MeetingAmendment.objects.create(
            meeting=meeting, text=text.strip(), amended_by=actor
        )
        meeting_minutes_outdated(meeting)
        return amendment
