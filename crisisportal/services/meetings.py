"""BOB meetings. The meeting runs Beeldvorming → Oordeelsvorming → Besluitvorming → closed,
strictly in order: facts are recorded only while the picture is formed, judgements only in
the judgement phase, decisions only in the decision phase. Going back is an explicit step
with a reason, kept in the phase log. Closing (and any later amendment) produces minutes."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    MEETING_PHASE_ORDER,
    Crisis,
    Decision,
    DecisionStatus,
    DecisionUpdate,
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
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send


def _require_work(actor: User | None, crisis: Crisis) -> None:
    """Writes need work_crisis; actor None is the system itself (a Celery job)."""
    from crisisportal.permissions import crisis_permissions

    if actor is not None and "work_crisis" not in crisis_permissions(actor, crisis):
        raise PermissionError("Only DCC staff of the crisis run its meetings.")


def meeting_url(meeting: Meeting) -> str:
    return f"/crises/{meeting.crisis_id}/meetings/{meeting.pk}"


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("crisis").get(pk=meeting.pk)


def _require_phase(meeting: Meeting, phase: str, message: str) -> None:
    if meeting.phase != phase:
        raise ValidationError(message)


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
    _require_work(actor, crisis)
    if crisis.is_closed:
        raise ValidationError(_("The crisis is closed."))
    posts = list(participant_posts)
    foreign = [p for p in posts if not crisis.posts.filter(pk=p.pk).exists()]
    if foreign:
        raise ValidationError({"participant_posts": _("Only affected posts can take part.")})
    with audit_context(actor):
        meeting = Meeting(
            crisis=crisis,
            kind=kind,
            title=title,
            scheduled_at=scheduled_at,
            location=location,
            other_participants=other_participants,
            created_by=actor,
        )
        meeting.full_clean()
        meeting.save()
        meeting.participants.set(participants)
        meeting.participant_posts.set(posts)
        return meeting


def next_open_meeting(crisis: Crisis) -> Meeting | None:
    """The crisis's earliest meeting that is not closed yet (running or upcoming)."""
    return (
        crisis.meetings.exclude(phase=MeetingPhase.CLOSED)
        .order_by("scheduled_at", "created_at")
        .first()
    )


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
    _require_work(actor, crisis)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Describe the agenda item.")})
    target = meeting or next_open_meeting(crisis)
    if target is None:
        return None
    target = _lock(target)
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
    _require_work(actor, meeting.crisis)
    meeting = _lock(meeting)
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
            _minutes_outdated(meeting)
        else:
            meeting.save(update_fields=["phase"])
        return meeting


@transaction.atomic
def meeting_phase_step_back(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Go back one phase, e.g. new facts arrive during the judgement. Logged with reason."""
    _require_work(actor, meeting.crisis)
    if not reason.strip():
        raise ValidationError({"reason": _("State why the meeting goes back a phase.")})
    meeting = _lock(meeting)
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


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(crisis_id=meeting.crisis_id, scheduled_at__lt=meeting.scheduled_at)
        .exclude(pk=meeting.pk)
        .order_by("-scheduled_at")
        .first()
    )


def sitreps_to_import(meeting: Meeting) -> list[Sitrep]:
    """Sitreps submitted since the previous meeting and not yet in this meeting's picture."""
    previous = previous_meeting(meeting)
    sitreps = Sitrep.objects.filter(
        crisis_id=meeting.crisis_id, status=SitrepStatus.SUBMITTED
    ).exclude(picture_items__meeting=meeting)
    if previous is not None:
        sitreps = sitreps.filter(submitted_at__gt=previous.scheduled_at)
    return list(sitreps.select_related("post").order_by("post__name", "submitted_at"))


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
    _require_work(actor, meeting.crisis)
    meeting = _lock(meeting)
    _require_phase(
        meeting,
        MeetingPhase.PICTURE,
        _("Facts are added while the picture is formed (Beeldvorming)."),
    )
    if sitrep is not None and (
        sitrep.crisis_id != meeting.crisis_id or sitrep.status != SitrepStatus.SUBMITTED
    ):
        raise ValidationError({"sitrep": _("Only submitted reports of this crisis.")})
    with audit_context(actor):
        item = PictureItem(
            meeting=meeting,
            fact=fact.strip(),
            source=source,
            source_detail=source_detail.strip(),
            sitrep=sitrep,
            created_by=actor,
        )
        item.full_clean()
        item.save()
        _minutes_outdated(meeting)
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


def _fact_key(item: PictureItem) -> tuple[str, str, str]:
    return (item.source, item.source_detail.strip().lower(), " ".join(item.fact.lower().split()))


def picture_changes(meeting: Meeting) -> dict[str, Any] | None:
    """What changed since the previous meeting's picture: new facts and facts no longer
    in the picture. None for the first meeting of a crisis."""
    previous = previous_meeting(meeting)
    if previous is None:
        return None
    before = list(previous.picture_items.select_related("sitrep__post"))
    now = list(meeting.picture_items.select_related("sitrep__post"))
    before_keys = {_fact_key(i) for i in before}
    now_keys = {_fact_key(i) for i in now}
    return {
        "previous": previous,
        "added": [i for i in now if _fact_key(i) not in before_keys],
        "dropped": [i for i in before if _fact_key(i) not in now_keys],
        "unchanged": len(now_keys & before_keys),
    }


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
    _require_work(actor, meeting.crisis)
    meeting = _lock(meeting)
    _require_phase(
        meeting,
        MeetingPhase.JUDGEMENT,
        _("Judgements are recorded in the judgement phase (Oordeelsvorming)."),
    )
    with audit_context(actor):
        judgement = Judgement(
            meeting=meeting,
            text=text.strip(),
            is_assumption=is_assumption,
            scenario=scenario.strip(),
            dissent=dissent.strip(),
            created_by=actor,
        )
        judgement.full_clean()
        judgement.save()
        _minutes_outdated(meeting)
        return judgement


@transaction.atomic
def decision_record(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    owner: User,
    deadline: date,
    is_minister_decision_point: bool = False,
    picture_items: Iterable[PictureItem] = (),
    judgements: Iterable[Judgement] = (),
) -> Decision:
    """A decision rests on facts and judgements of the crisis and is taken in the decision phase."""
    _require_work(actor, meeting.crisis)
    meeting = _lock(meeting)
    _require_phase(
        meeting,
        MeetingPhase.DECISION,
        _("Decisions are recorded in the decision phase (Besluitvorming)."),
    )
    cited_items = list(picture_items)
    cited_judgements = list(judgements)
    if any(i.meeting.crisis_id != meeting.crisis_id for i in cited_items) or any(
        j.meeting.crisis_id != meeting.crisis_id for j in cited_judgements
    ):
        raise ValidationError(_("A decision cites facts and judgements of its own crisis only."))
    with audit_context(actor):
        decision = Decision(
            crisis=meeting.crisis,
            meeting=meeting,
            text=text.strip(),
            owner=owner,
            deadline=deadline,
            is_minister_decision_point=is_minister_decision_point,
            created_by=actor,
        )
        decision.full_clean()
        decision.save()
        decision.picture_items.set(cited_items)
        decision.judgements.set(cited_judgements)
        _minutes_outdated(meeting)
        return decision


@transaction.atomic
def decision_status_update(
    *,
    actor: User,
    decision: Decision,
    status: str,
    note: str = "",
    dropped_reason: str = "",
    meeting: Meeting | None = None,
) -> Decision:
    """Follow-up of a decision (in a later meeting's judgement phase, or between meetings).

    Dropping needs a reason. A done or dropped decision is final.
    """
    _require_work(actor, decision.crisis)
    decision = Decision.objects.select_for_update().select_related("crisis").get(pk=decision.pk)
    if status not in DecisionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if not decision.is_open:
        raise ValidationError(_("This decision is already done or dropped."))
    if status == DecisionStatus.DROPPED and not dropped_reason.strip():
        raise ValidationError({"dropped_reason": _("State why the decision is dropped.")})
    if meeting is not None:
        meeting = _lock(meeting)
        if meeting.crisis_id != decision.crisis_id:
            raise ValidationError(_("The meeting belongs to another crisis."))
        _require_phase(
            meeting,
            MeetingPhase.JUDGEMENT,
            _("Earlier decisions are followed up in the judgement phase (Oordeelsvorming)."),
        )
    with audit_context(actor):
        DecisionUpdate.objects.create(
            decision=decision,
            meeting=meeting,
            from_status=decision.status,
            to_status=status,
            note=note.strip(),
            updated_by=actor,
        )
        decision.status = status
        decision.dropped_reason = dropped_reason.strip() if status == DecisionStatus.DROPPED else ""
        decision.save(update_fields=["status", "dropped_reason", "updated_at"])
        return decision


@transaction.atomic
def decision_minister_answer(*, actor: User, decision: Decision, answer: str) -> Decision:
    """Record the minister's answer to a decision point; the meeting's minutes follow."""
    _require_work(actor, decision.crisis)
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    if not decision.is_minister_decision_point:
        raise ValidationError(_("Only a decision point for the minister gets an answer."))
    if not answer.strip():
        raise ValidationError({"answer": _("Record the minister's answer.")})
    with audit_context(actor):
        decision.minister_answer = answer.strip()
        decision.minister_answered_at = timezone.now()
        decision.save(update_fields=["minister_answer", "minister_answered_at", "updated_at"])
        _minutes_outdated(decision.meeting)
        return decision


@transaction.atomic
def meeting_amend(*, actor: User, meeting: Meeting, text: str) -> MeetingAmendment:
    """Correct the record of a closed meeting; its minutes are regenerated."""
    _require_work(actor, meeting.crisis)
    if not text.strip():
        raise ValidationError({"text": _("Describe the amendment.")})
    meeting = _lock(meeting)
    if not meeting.is_closed:
        raise ValidationError(_("Only a closed meeting is amended; change the record directly."))
    with audit_context(actor):
        amendment = MeetingAmendment.objects.create(
            meeting=meeting, text=text.strip(), amended_by=actor
        )
        _minutes_outdated(meeting)
        return amendment


def _minutes_outdated(meeting: Meeting) -> None:
    """A closed meeting's minutes must follow every change: bump the revision, queue a task."""
    if meeting.phase != MeetingPhase.CLOSED:
        return
    Meeting.objects.filter(pk=meeting.pk).update(minutes_revision=F("minutes_revision") + 1)
    from crisisportal.tasks import meeting_minutes_generate

    meeting_id = str(meeting.pk)
    transaction.on_commit(lambda: meeting_minutes_generate.delay(meeting_id))


def meeting_minutes_store(*, meeting_id: Any) -> bool:
    """Render and store the minutes if they are behind the meeting's revision. Idempotent."""
    from crisisportal.pdf import minutes_pdf

    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update().select_related("crisis").filter(pk=meeting_id)
        ).first()
        if meeting is None or not meeting.is_closed:
            return False
        if meeting.minutes_pdf and meeting.minutes_generated_revision >= meeting.minutes_revision:
            return False
        revision = meeting.minutes_revision
        content = minutes_pdf(meeting)
        with audit_context("celery:meeting_minutes_generate"):
            meeting.minutes_pdf.save(f"{meeting.pk}.pdf", ContentFile(content), save=False)
            meeting.minutes_generated_revision = revision
            meeting.minutes_generated_at = timezone.now()
            meeting.save(
                update_fields=["minutes_pdf", "minutes_generated_revision", "minutes_generated_at"]
            )
    return True


def decisions_overdue_remind(*, today: date | None = None) -> int:
    """Beat: remind the owner of every open decision past its deadline, once a day."""
    today = today or timezone.localdate()
    overdue = Decision.objects.filter(
        status__in=[DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS], deadline__lt=today
    ).select_related("crisis", "owner", "owner__staff_profile")
    sent = 0
    for decision in overdue:
        with transaction.atomic():
            sent += len(
                notification_send(
                    recipients=[decision.owner],
                    kind="decision_overdue",
                    context={"crisis": decision.crisis, "decision": decision},
                    url=f"/crises/{decision.crisis_id}/decisions?owner={decision.owner_id}",
                    crisis=decision.crisis,
                    dedupe_key=f"decision-overdue:{decision.pk}:{today.isoformat()}",
                )
            )
    return sent
