"""Crises: opening, editing, phases and escalation. Every phase or level change is a
recorded decision with rationale, who decided and who was informed."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Required, TypedDict, Unpack

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    ESCALATION_ORDER,
    PHASE_ORDER,
    Crisis,
    CrisisChange,
    CrisisChangeKind,
    CrisisPhase,
    CrisisRole,
    EscalationLevel,
    Post,
)
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send, notification_send_to_address
from crisisportal.services.records import record_fill, record_save
from crisisportal.services.roles import crisis_member_set, crisis_post_permissions_sync


def crisis_people(crisis: Crisis) -> list[User]:
    """Everyone with a role in the crisis and the staff of its affected posts."""
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(crisis_memberships__crisis=crisis) | Q(post_memberships__post__crises=crisis))
        .select_related("staff_profile")
        .distinct()
    )


def _notify_change(crisis: Crisis, change: CrisisChange) -> None:
    url = reverse("crisisportal:crisis-detail", args=[crisis.pk])
    context = {"crisis": crisis, "change": change}
    notification_send(
        recipients=crisis_people(crisis),
        kind="crisis_changed",
        context=context,
        url=url,
        crisis=crisis,
    )
    for post in crisis.posts.exclude(email=""):
        notification_send_to_address(
            email=post.email, kind="crisis_changed", context=context, url=url, crisis=crisis
        )


def decision_errors(rationale: str, decided_by: str) -> dict[str, str]:
    """A recorded decision (a crisis's phase or level, an evacuation) states why it was taken
    and who took it; the field errors where it does not."""
    errors = {}
    if not rationale.strip():
        errors["rationale"] = _("State why this decision was taken.")
    if not decided_by.strip():
        errors["decided_by"] = _("State who took the decision.")
    return errors


class DecisionRecord(TypedDict, total=False):
    """What every decision on a crisis (opening, phase, level) records besides its new value:
    why, who decided, who was informed (by list and free text) and when (default now)."""

    rationale: Required[str]
    decided_by: Required[str]
    informed: list[str] | None
    informed_other: str
    decided_at: datetime | None


def _validate_decision(decision: DecisionRecord) -> None:
    # The fields arrive as **decision: a misspelt keyword must fail loudly, not be dropped.
    unknown = set(decision) - set(DecisionRecord.__annotations__)
    if unknown:
        raise TypeError(f"Unknown decision fields: {', '.join(sorted(unknown))}")
    errors = decision_errors(decision["rationale"], decision["decided_by"])
    if errors:
        raise ValidationError(errors)


def _record_change(
    *,
    crisis: Crisis,
    actor: User,
    kind: str,
    from_value: str,
    to_value: str,
    decision: DecisionRecord,
) -> CrisisChange:
    return CrisisChange.objects.create(
        crisis=crisis,
        kind=kind,
        from_value=from_value,
        to_value=to_value,
        rationale=decision["rationale"],
        decided_by=decision["decided_by"],
        informed=decision.get("informed") or [],
        informed_other=decision.get("informed_other", ""),
        decided_at=decision.get("decided_at") or timezone.now(),
        recorded_by=actor,
    )


def _change_apply(
    *,
    actor: User,
    crisis: Crisis,
    kind: str,
    field: str,
    to_value: str,
    decision: DecisionRecord,
    **also: Any,
) -> CrisisChange:
    """Record the decision to move the crisis's field (phase or level) to to_value, apply it
    (with the fields that follow from it) and tell everyone concerned."""
    with audit_context(actor):
        change = _record_change(
            crisis=crisis,
            actor=actor,
            kind=kind,
            from_value=getattr(crisis, field),
            to_value=to_value,
            decision=decision,
        )
        record_fill(crisis, **{field: to_value}, **also)
        crisis.save(update_fields=[field, *also, "updated_at"])
        _notify_change(crisis, change)
        return change


@transaction.atomic
def crisis_open(
    *,
    actor: User,
    title: str,
    kind: str,
    countries: list[str],
    posts: Iterable[Post] = (),
    reporting_cadence_hours: int = 24,
    summary: str = "",
    phase: str = CrisisPhase.PRE_CRISIS,
    **decision: Unpack[DecisionRecord],
) -> Crisis:
    """Open a crisis; the opener becomes its coordinator and the opening is the first decision."""
    _validate_decision(decision)
    if phase not in (CrisisPhase.PRE_CRISIS, CrisisPhase.CRISIS):
        raise ValidationError({"phase": _("A crisis opens in the pre-crisis or crisis phase.")})
    with audit_context(actor):
        crisis = record_save(
            Crisis(
                title=title,
                kind=kind,
                countries=sorted(set(countries)),
                phase=phase,
                reporting_cadence_hours=reporting_cadence_hours,
                summary=summary,
                created_by=actor,
            )
        )
        crisis.posts.set(posts)
        crisis_post_permissions_sync(crisis)
        crisis_member_set(actor=actor, crisis=crisis, user=actor, role=CrisisRole.COORDINATOR)
        change = _record_change(
            crisis=crisis,
            actor=actor,
            kind=CrisisChangeKind.OPENED,
            from_value="",
            to_value=phase,
            decision=decision,
        )
        _notify_change(crisis, change)
        return crisis


@transaction.atomic
def crisis_update(
    *,
    actor: User,
    crisis: Crisis,
    title: str,
    kind: str,
    countries: list[str],
    posts: Iterable[Post],
    reporting_cadence_hours: int,
    summary: str,
) -> Crisis:
    with audit_context(actor):
        crisis = record_save(
            Crisis.objects.select_for_update().get(pk=crisis.pk),
            title=title,
            kind=kind,
            countries=sorted(set(countries)),
            reporting_cadence_hours=reporting_cadence_hours,
            summary=summary,
        )
        crisis.posts.set(posts)
        crisis_post_permissions_sync(crisis)
        return crisis


def allowed_phases(crisis: Crisis) -> list[str]:
    """Forward to any later phase; back one step (a crisis flaring up again); closed is final."""
    if crisis.phase == CrisisPhase.CLOSED:
        return []
    index = PHASE_ORDER.index(CrisisPhase(crisis.phase))
    later = PHASE_ORDER[index + 1 :]
    earlier = [PHASE_ORDER[index - 1]] if index > 0 else []
    return [str(p) for p in earlier + later]


@transaction.atomic
def crisis_phase_change(
    *,
    actor: User,
    crisis: Crisis,
    to_phase: str,
    **decision: Unpack[DecisionRecord],
) -> CrisisChange:
    _validate_decision(decision)
    crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
    if to_phase not in allowed_phases(crisis):
        raise ValidationError({"to_phase": _("This crisis cannot move to that phase.")})
    return _change_apply(
        actor=actor,
        crisis=crisis,
        kind=CrisisChangeKind.PHASE,
        field="phase",
        to_value=to_phase,
        decision=decision,
        closed_at=timezone.now() if to_phase == CrisisPhase.CLOSED else None,
    )


@transaction.atomic
def crisis_escalation_change(
    *,
    actor: User,
    crisis: Crisis,
    to_level: str,
    special_council: str = "",
    **decision: Unpack[DecisionRecord],
) -> CrisisChange:
    """Escalate or de-escalate. The direction follows from the level order; same level is refused."""
    _validate_decision(decision)
    crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
    if crisis.phase == CrisisPhase.CLOSED:
        raise ValidationError(_("A closed crisis cannot be escalated or de-escalated."))
    if to_level not in EscalationLevel.values:
        raise ValidationError({"to_level": _("Unknown escalation level.")})
    if to_level == EscalationLevel.SPECIAL_COUNCIL and not special_council.strip():
        raise ValidationError({"special_council": _("Name the special council, e.g. RVI.")})
    if to_level == crisis.escalation_level and special_council.strip() == crisis.special_council:
        raise ValidationError({"to_level": _("The crisis is already at this level.")})
    current_rank = ESCALATION_ORDER.index(EscalationLevel(crisis.escalation_level))
    new_rank = ESCALATION_ORDER.index(EscalationLevel(to_level))
    kind = (
        CrisisChangeKind.DE_ESCALATION if new_rank < current_rank else CrisisChangeKind.ESCALATION
    )
    return _change_apply(
        actor=actor,
        crisis=crisis,
        kind=kind,
        field="escalation_level",
        to_value=to_level,
        decision=decision,
        special_council=(
            special_council.strip() if to_level == EscalationLevel.SPECIAL_COUNCIL else ""
        ),
    )
