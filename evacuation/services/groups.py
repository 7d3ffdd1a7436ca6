"""Which groups a crisis evacuates. Enabling, disabling or re-prioritising a group is a
recorded decision (who decided, when, why); eligibility of every case is recomputed after."""

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import Crisis
from crisisportal.queue import task_enqueue_on_commit
from crisisportal.services.audit import audit_context
from evacuation.models import CrisisGroup, CrisisGroupDecision, EligibleGroup


@transaction.atomic
def crisis_group_set(
    *,
    actor: User | None,
    crisis: Crisis,
    group_code: str,
    enabled: bool = True,
    priority: int | None = None,
    rationale: str,
    decided_by: str,
    decided_at: datetime | None = None,
) -> CrisisGroup:
    """Enable or disable a catalogue group for the crisis, recording the decision."""
    errors = {}
    group = EligibleGroup.objects.filter(code=group_code).first()
    if group is None:
        errors["group_code"] = _("Unknown group.")
    if not rationale.strip():
        errors["rationale"] = _("State why this decision was taken.")
    if not decided_by.strip():
        errors["decided_by"] = _("State who took the decision.")
    if priority is not None and not 1 <= priority <= 9:
        errors["priority"] = _("Priority runs from 1 (highest) to 9.")
    if errors:
        raise ValidationError(errors)
    assert group is not None
    with audit_context(actor):
        crisis_group, _created = CrisisGroup.objects.select_for_update().get_or_create(
            crisis=crisis,
            group=group,
            defaults={"enabled": enabled, "priority": priority or group.default_priority},
        )
        crisis_group.enabled = enabled
        if priority is not None:
            crisis_group.priority = priority
        crisis_group.save()
        CrisisGroupDecision.objects.create(
            crisis=crisis,
            group=group,
            enabled=enabled,
            priority=crisis_group.priority,
            rationale=rationale,
            decided_by=decided_by,
            decided_at=decided_at or timezone.now(),
            recorded_by=actor,
        )
    _queue_recompute(crisis)
    return crisis_group


def _queue_recompute(crisis: Crisis) -> None:
    """Eligibility of the crisis's cases depends on the enabled groups: recompute after commit."""
    task_enqueue_on_commit("evacuation.tasks.crisis_eligibility_recompute", crisis.pk)


def enabled_group_codes(crisis: Crisis) -> dict[str, int]:
    """Codes of the groups enabled in the crisis with their priority."""
    return dict(
        CrisisGroup.objects.filter(crisis=crisis, enabled=True).values_list(
            "group__code", "priority"
        )
    )
