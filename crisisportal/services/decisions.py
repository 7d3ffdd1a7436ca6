"""Decisions of BOB meetings: recorded in the decision phase on cited facts and judgements,
followed up until done or dropped, answered by the minister where they are a decision point,
and reminded to their owner once past the deadline."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from crisisportal.models import (
    Decision,
    DecisionStatus,
    DecisionUpdate,
    Judgement,
    Meeting,
    MeetingPhase,
    PictureItem,
)
from crisisportal.services.audit import audit_context
from crisisportal.services.meetings import (
    meeting_for_work,
    meeting_lock,
    meeting_phase_require,
    meeting_work_require,
)
from crisisportal.services.minutes import meeting_minutes_outdated
from crisisportal.services.notifications import notification_send
from crisisportal.services.records import record_save


def _decision_log_path(decision: Decision) -> str:
    """The crisis's decision log filtered on the decision's owner (what a reminder links to)."""
    log = reverse("crisisportal:decision-log", kwargs={"crisis_id": decision.crisis_id})
    return f"{log}?{urlencode({'owner': decision.owner_id})}"


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
    meeting = meeting_for_work(
        actor,
        meeting,
        phase=MeetingPhase.DECISION,
        refusal=_("Decisions are recorded in the decision phase (Besluitvorming)."),
    )
    cited_items = list(picture_items)
    cited_judgements = list(judgements)
    if any(i.meeting.crisis_id != meeting.crisis_id for i in cited_items) or any(
        j.meeting.crisis_id != meeting.crisis_id for j in cited_judgements
    ):
        raise ValidationError(_("A decision cites facts and judgements of its own crisis only."))
    with audit_context(actor):
        decision = record_save(
            Decision(
                crisis=meeting.crisis,
                meeting=meeting,
                text=text.strip(),
                owner=owner,
                deadline=deadline,
                is_minister_decision_point=is_minister_decision_point,
                created_by=actor,
            )
        )
        decision.picture_items.set(cited_items)
        decision.judgements.set(cited_judgements)
        meeting_minutes_outdated(meeting)
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
    meeting_work_require(actor, decision.crisis)
    decision = Decision.objects.select_for_update().select_related("crisis").get(pk=decision.pk)
    if status not in DecisionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if not decision.is_open:
        raise ValidationError(_("This decision is already done or dropped."))
    if status == DecisionStatus.DROPPED and not dropped_reason.strip():
        raise ValidationError({"dropped_reason": _("State why the decision is dropped.")})
    if meeting is not None:
        meeting = meeting_lock(meeting)
        if meeting.crisis_id != decision.crisis_id:
            raise ValidationError(_("The meeting belongs to another crisis."))
        meeting_phase_require(
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
    meeting_work_require(actor, decision.crisis)
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    if not decision.is_minister_decision_point:
        raise ValidationError(_("Only a decision point for the minister gets an answer."))
    if not answer.strip():
        raise ValidationError({"answer": _("Record the minister's answer.")})
    with audit_context(actor):
        decision.minister_answer = answer.strip()
        decision.minister_answered_at = timezone.now()
        decision.save(update_fields=["minister_answer", "minister_answered_at", "updated_at"])
        meeting_minutes_outdated(decision.meeting)
        return decision


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
                    url=_decision_log_path(decision),
                    crisis=decision.crisis,
                    dedupe_key=f"decision-overdue:{decision.pk}:{today.isoformat()}",
                )
            )
    return sent
