"""Evacuation plans of posts: level, scenarios, assembly points, barriers, target sizes,
validations with Defence. A plan past its review date is flagged by a beat job."""

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import Post
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_save
from evacuation.models import (
    AssemblyPoint,
    EligibleGroup,
    EvacuationPlan,
    PlanBarrier,
    PlanTargetSize,
    PlanValidation,
)


@transaction.atomic
def evacuation_plan_save(
    *,
    actor: User | None,
    post: Post,
    level: str,
    scenarios: str = "",
    next_review_on: date | None = None,
) -> EvacuationPlan:
    """Create or update the post's plan; the post's plan level follows the plan."""
    with audit_context(actor):
        plan, _created = EvacuationPlan.objects.select_for_update().get_or_create(post=post)
        plan.level = level
        plan.scenarios = scenarios
        plan.next_review_on = next_review_on
        if next_review_on and next_review_on >= timezone.localdate():
            plan.review_overdue_since = None
        record_save(plan)
        if post.evacuation_plan_level != level:
            post.evacuation_plan_level = level
            post.save(update_fields=["evacuation_plan_level", "updated_at"])
        return plan


def assembly_point_add(
    *, actor: User | None, plan: EvacuationPlan, name: str, location: str, **fields: Any
) -> AssemblyPoint:
    with audit_context(actor):
        point = AssemblyPoint(plan=plan, name=name, location=location, **fields)
        record_save(point)
        return point


def plan_barrier_add(
    *, actor: User | None, plan: EvacuationPlan, kind: str, description: str, mitigation: str = ""
) -> PlanBarrier:
    with audit_context(actor):
        barrier = PlanBarrier(plan=plan, kind=kind, description=description, mitigation=mitigation)
        record_save(barrier)
        return barrier


def plan_target_size_set(
    *, actor: User | None, plan: EvacuationPlan, group_code: str, estimated_size: int
) -> PlanTargetSize:
    group = EligibleGroup.objects.filter(code=group_code).first()
    if group is None:
        raise ValidationError({"group_code": _("Unknown group.")})
    with audit_context(actor):
        target, _created = PlanTargetSize.objects.update_or_create(
            plan=plan, group=group, defaults={"estimated_size": estimated_size}
        )
        return target


@transaction.atomic
def plan_validation_record(
    *,
    actor: User | None,
    plan: EvacuationPlan,
    validated_on: date,
    findings: str,
    with_defence: bool = True,
    participants: str = "",
    next_review_on: date | None = None,
) -> PlanValidation:
    """A validation (e.g. a joint mission with Defence) updates the plan's validation dates."""
    if validated_on > timezone.localdate():
        raise ValidationError({"validated_on": _("A validation cannot be in the future.")})
    if not findings.strip():
        raise ValidationError({"findings": _("Record the findings of the validation.")})
    if next_review_on and next_review_on <= validated_on:
        raise ValidationError(
            {"next_review_on": _("The next review must be after the validation.")}
        )
    with audit_context(actor):
        plan = EvacuationPlan.objects.select_for_update().get(pk=plan.pk)
        validation = PlanValidation.objects.create(
            plan=plan,
            validated_on=validated_on,
            with_defence=with_defence,
            participants=participants,
            findings=findings,
            recorded_by=actor,
        )
        if plan.last_validated_on is None or validated_on > plan.last_validated_on:
            plan.last_validated_on = validated_on
        if next_review_on:
            plan.next_review_on = next_review_on
        if plan.next_review_on and plan.next_review_on >= timezone.localdate():
            plan.review_overdue_since = None
        plan.save()
        return validation


def plans_review_overdue_flag() -> int:
    """Flag plans whose review date has passed (idempotent: flagged plans keep their date)."""
    with audit_context("beat:plans_review_overdue_flag"):
        return EvacuationPlan.objects.filter(
            Q(next_review_on__lt=timezone.localdate()), review_overdue_since__isnull=True
        ).update(review_overdue_since=timezone.now())
