"""Evacuation cases: creation with computed eligibility, the status workflow (enforced here,
under a row lock, every transition recorded), owners, contact log, overrides."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import Crisis, CrisisMembership, CrisisRole, Post
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_save
from evacuation import people
from evacuation.exceptions import IllegalTransition
from evacuation.models.cases import (
    CaseTransition,
    ContactLogEntry,
    EligibilityChange,
    EligibilityOverride,
    EvacuationCase,
    GroupDesignation,
)
from evacuation.models.choices import CaseStatus, GroupCode, OverrideEffect
from evacuation.services.eligibility import eligibility_for, groups_differ, priority_for

PersonGroupRecord = TypeVar("PersonGroupRecord", EligibilityOverride, GroupDesignation)

S = CaseStatus
# The workflow. Boarding is only reached through boarding_record (it needs a manifest).
TRANSITIONS: dict[str, set[str]] = {
    S.IDENTIFIED: {S.CONTACTED, S.WITHDRAWN, S.REJECTED, S.UNREACHABLE},
    S.CONTACTED: {S.DOCUMENTS_VERIFIED, S.WITHDRAWN, S.REJECTED, S.UNREACHABLE},
    S.UNREACHABLE: {S.CONTACTED, S.WITHDRAWN, S.REJECTED},
    S.DOCUMENTS_VERIFIED: {S.APPROVED, S.WITHDRAWN, S.REJECTED},
    S.APPROVED: {S.CALLED_TO_ASSEMBLY_POINT, S.BOARDED, S.WITHDRAWN, S.REJECTED},
    S.CALLED_TO_ASSEMBLY_POINT: {S.CHECKED_IN, S.BOARDED, S.NO_SHOW, S.WITHDRAWN},
    S.CHECKED_IN: {S.BOARDED, S.NO_SHOW, S.WITHDRAWN},
    S.NO_SHOW: {S.CALLED_TO_ASSEMBLY_POINT, S.WITHDRAWN},
    S.BOARDED: {S.ARRIVED},
    S.ARRIVED: {S.HANDED_OVER},
    S.HANDED_OVER: set(),
    S.WITHDRAWN: set(),
    S.REJECTED: set(),
}
# Statuses in which a case may be put on a manifest.
MANIFEST_STATUSES = {S.APPROVED, S.CALLED_TO_ASSEMBLY_POINT, S.CHECKED_IN}
OPEN_STATUSES = set(TRANSITIONS) - {S.HANDED_OVER, S.WITHDRAWN, S.REJECTED}


def allowed_transitions(case: EvacuationCase) -> list[str]:
    return [str(s) for s in S if s in TRANSITIONS[S(case.status)] and s != S.BOARDED]


def _actor_fields(actor: Any) -> dict[str, Any]:
    if isinstance(actor, User):
        return {"actor": actor, "actor_label": ""}
    return {"actor": None, "actor_label": str(actor or "")}


def _apply_eligibility(case: EvacuationCase, *, record_change: bool) -> bool:
    """Recompute and store the case's groups; record a change when they differ."""
    result = eligibility_for(case.person, case.crisis)
    new_groups = result.as_json()
    changed = groups_differ(case.groups, new_groups)
    if changed and record_change:
        EligibilityChange.objects.create(case=case, before=case.groups, after=new_groups)
    case.groups = new_groups
    case.group_codes = result.codes
    case.eligible = result.eligible
    case.nationalities = people.nationalities(case.person)
    if not case.priority_manual:
        case.priority = priority_for(case.crisis, result.codes)
    case.eligibility_computed_at = timezone.now()
    return changed


@transaction.atomic
def case_create(
    *,
    actor: Any,
    crisis: Crisis,
    person: Any,
    owner: User | None = None,
    post: Post | None = None,
    accompanying: str = "",
    team: Any = None,
) -> EvacuationCase:
    """Open a case for a person in the crisis (one per person and crisis)."""
    if EvacuationCase.objects.filter(crisis=crisis, person=person).exists():
        raise ValidationError({"person": _("This person already has a case in this crisis.")})
    if post is None:
        post = crisis.posts.first()
    with audit_context(actor):
        case = EvacuationCase(
            crisis=crisis,
            person=person,
            owner=owner,
            team=team,
            post=post,
            accompanying=accompanying,
        )
        _apply_eligibility(case, record_change=False)
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError as duplicate:
            raise ValidationError(
                {"person": _("This person already has a case in this crisis.")}
            ) from duplicate
        CaseTransition.objects.create(
            case=case, from_status="", to_status=case.status, **_actor_fields(actor)
        )
        return case


@transaction.atomic
def case_transition(
    *, actor: Any, case: EvacuationCase, to_status: str, note: str = "", reason: str = ""
) -> EvacuationCase:
    """Move the case to another status if the workflow allows it from its current status.

    The case row is locked, so two concurrent changes are serialised and the second is
    judged against the status the first left. Approval needs an eligible case; rejection a
    reason; boarding happens through boarding_record (it needs a place on a manifest)."""
    locked = (
        EvacuationCase.objects.select_for_update()
        .select_related("person", "crisis")
        .get(pk=case.pk)
    )
    if to_status not in S.values:
        raise ValidationError({"to_status": _("Unknown status.")})
    if to_status not in TRANSITIONS[S(locked.status)] or (
        to_status == S.BOARDED and not hasattr(locked, "manifest_entry")
    ):
        raise IllegalTransition(
            _("A case cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(locked.status).label, "to": S(to_status).label},
            code="illegal_transition",
        )
    if to_status == S.APPROVED and not locked.eligible:
        raise IllegalTransition(
            _("Only an eligible case can be approved; record an override first."),
            code="not_eligible",
        )
    if to_status == S.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("State the reason for the rejection.")})
    with audit_context(actor):
        CaseTransition.objects.create(
            case=locked,
            from_status=locked.status,
            to_status=to_status,
            note=note or reason,
            **_actor_fields(actor),
        )
        locked.status = to_status
        locked.status_changed_at = timezone.now()
        fields = ["status", "status_changed_at", "updated_at"]
        if to_status == S.REJECTED:
            locked.rejection_reason = reason
            fields.append("rejection_reason")
        locked.save(update_fields=fields)
        if to_status in (S.WITHDRAWN, S.REJECTED, S.NO_SHOW) and hasattr(locked, "manifest_entry"):
            locked.manifest_entry.delete()
        return locked


@transaction.atomic
def case_priority_set(
    *, actor: User, case: EvacuationCase, priority: int | None, reason: str
) -> EvacuationCase:
    """The DCC sets a case's priority by hand (1 is first), with a reason; None returns the
    case to the priority its groups give it. A manual priority survives recomputation."""
    if priority is not None and not 1 <= priority <= 9:
        raise ValidationError({"priority": _("A priority is 1 (first) to 9.")})
    if priority is not None and not reason.strip():
        raise ValidationError({"reason": _("State why the priority is set by hand.")})
    locked = EvacuationCase.objects.select_for_update().select_related("crisis").get(pk=case.pk)
    with audit_context(actor):
        if priority is None:
            locked.priority_manual = False
            locked.priority = priority_for(locked.crisis, locked.group_codes)
        else:
            locked.priority_manual = True
            locked.priority = priority
        locked.priority_reason = reason.strip()
        locked.priority_set_by = actor
        locked.priority_set_at = timezone.now()
        locked.save(
            update_fields=[
                "priority", "priority_manual", "priority_reason", "priority_set_by",
                "priority_set_at", "updated_at",
            ]
        )  # fmt: skip
        return locked


@transaction.atomic
def case_accompanying_update(
    *, actor: User, case: EvacuationCase, accompanying: str
) -> EvacuationCase:
    """The persons travelling with the case's person (name, date of birth, relation)."""
    with audit_context(actor):
        EvacuationCase.objects.filter(pk=case.pk).update(
            accompanying=accompanying.strip(), updated_at=timezone.now()
        )
    case.accompanying = accompanying.strip()
    return case


def case_owners_available(crisis: Crisis) -> list[User]:
    """Call-team members of the crisis, to whom cases can be assigned."""
    return [
        m.user
        for m in CrisisMembership.objects.filter(
            crisis=crisis, role=CrisisRole.CALL_TEAM, user__is_active=True
        ).select_related("user")
    ]


@transaction.atomic
def cases_assign(
    *,
    actor: User,
    crisis: Crisis,
    case_ids: Iterable[Any],
    owner: User | None,
    team: Any = None,
) -> int:
    """Assign cases of the crisis to a call-team member, to a call team, or to nobody.

    A member's cases go to their team as well, so colleagues see them; a case given to a
    team has no owner until a member takes it. One UPDATE."""
    from evacuation.models.teams import CallTeam
    from evacuation.services.teams import team_of

    if owner is not None and owner not in case_owners_available(crisis):
        raise ValidationError({"owner": _("Cases can be assigned to call-team members only.")})
    if team is not None and (not isinstance(team, CallTeam) or team.crisis_id != crisis.pk):
        raise ValidationError({"team": _("Choose a team of this crisis.")})
    if owner is not None:
        owner_team = team_of(owner, crisis)
        if team is not None and owner_team != team:
            raise ValidationError({"owner": _("This member is not in the chosen team.")})
        team = owner_team
    with audit_context(actor):
        return EvacuationCase.objects.filter(crisis=crisis, pk__in=list(case_ids)).update(
            owner=owner, team=team, updated_at=timezone.now()
        )


def contact_log_add(
    *,
    actor: User,
    case: EvacuationCase,
    kind: str,
    outcome: str,
    note: str = "",
    next_step: str = "",
) -> ContactLogEntry:
    with audit_context(actor):
        entry = record_save(
            ContactLogEntry(
                case=case, kind=kind, outcome=outcome, note=note, next_step=next_step, by=actor
            )
        )
        EvacuationCase.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        return entry


@transaction.atomic
def case_eligibility_refresh(*, case: EvacuationCase) -> bool:
    """Recompute one case; returns whether its groups changed (the change is recorded)."""
    locked = (
        EvacuationCase.objects.select_for_update()
        .select_related("person", "crisis")
        .get(pk=case.pk)
    )
    with audit_context("eligibility-recompute"):
        changed = _apply_eligibility(locked, record_change=True)
        locked.save()
        return changed


def cases_eligibility_refresh(*, cases: Iterable[EvacuationCase]) -> int:
    return sum(case_eligibility_refresh(case=case) for case in cases)


def crisis_cases_refresh(crisis_id: Any) -> int:
    """Recompute every open case of a crisis (after a group was enabled or disabled)."""
    cases = EvacuationCase.objects.filter(crisis_id=crisis_id, status__in=OPEN_STATUSES)
    return cases_eligibility_refresh(cases=cases.iterator(chunk_size=500))


def permit_holder_cases_refresh() -> int:
    """A permit expiring changes eligibility without any write, so the open cases of permit
    holders are recomputed daily."""
    cases = EvacuationCase.objects.filter(
        status__in=OPEN_STATUSES, group_codes__contains=[GroupCode.RESIDENCE_PERMIT_HOLDER]
    )
    return cases_eligibility_refresh(cases=cases.iterator(chunk_size=500))


def person_cases_refresh(person_ids: Iterable[Any]) -> int:
    """Recompute every open case of these persons and of the persons tied to them."""
    ids = people.persons_related_to(person_ids)
    cases = EvacuationCase.objects.filter(person_id__in=ids, status__in=OPEN_STATUSES)
    return cases_eligibility_refresh(cases=cases)


@transaction.atomic
def eligibility_override_set(
    *,
    actor: User,
    crisis: Crisis,
    person: Any,
    group_code: str,
    effect: str,
    justification: str,
) -> EligibilityOverride:
    """Include or exclude a person for a group against the rules; listed for review."""
    errors = {}
    if group_code not in GroupCode.values:
        errors["group_code"] = _("Unknown group.")
    if effect not in OverrideEffect.values:
        errors["effect"] = _("Choose include or exclude.")
    if not justification.strip():
        errors["justification"] = _("An override needs a justification.")
    if errors:
        raise ValidationError(errors)
    # A changed override is a new one to review.
    defaults = {"effect": effect, "justification": justification, "created_by": actor}
    return _person_group_record(
        EligibilityOverride,
        actor=actor,
        crisis=crisis,
        person=person,
        group_code=group_code,
        defaults={**defaults, "reviewed_by": None, "reviewed_at": None},
    )


def eligibility_override_review(*, actor: User, override: EligibilityOverride) -> None:
    """A second pair of eyes: someone other than the author marks the override reviewed."""
    if override.created_by_id == actor.pk:
        raise ValidationError(_("An override is reviewed by someone other than its author."))
    with audit_context(actor):
        EligibilityOverride.objects.filter(pk=override.pk).update(
            reviewed_by=actor, reviewed_at=timezone.now()
        )


@transaction.atomic
def group_designation_add(
    *, actor: User, crisis: Crisis, person: Any, group_code: str, justification: str
) -> GroupDesignation:
    """Designate a person for a designation-only group, recording the tie to the Netherlands."""
    designable = (GroupCode.PARLIAMENTARY_MOTION, GroupCode.AT_RISK_HRD_JOURNALIST)
    errors = {}
    if group_code not in designable:
        errors["group_code"] = _("Only motion persons and persons at risk are designated.")
    if not justification.strip():
        errors["justification"] = _("Record the tie to the Netherlands and the justification.")
    if errors:
        raise ValidationError(errors)
    return _person_group_record(
        GroupDesignation,
        actor=actor,
        crisis=crisis,
        person=person,
        group_code=group_code,
        defaults={"justification": justification, "created_by": actor},
    )


def _person_group_record(
    model: type[PersonGroupRecord],
    *,
    actor: User,
    crisis: Crisis,
    person: Any,
    group_code: str,
    defaults: dict[str, Any],
) -> PersonGroupRecord:
    """Store the one override or designation of a person for a group in the crisis (a new
    one replaces the old) and recompute the person's cases, which it changes."""
    with audit_context(actor):
        record, _created = model.objects.update_or_create(
            crisis=crisis, person=person, group_code=group_code, defaults=defaults
        )
    person_cases_refresh([person.pk])
    return record
