"""Evacuation conditions and the decision to evacuate. The evaluations of Kabul asked that
the three conditions be assessed and recorded before the decision, and the decision cite them."""

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import Crisis
from crisisportal.services.audit import audit_context
from crisisportal.services.crises import decision_errors
from crisisportal.services.records import record_save
from evacuation.models import EvacuationConditions, EvacuationDecision, ThreatAssessment


def evacuation_conditions_record(
    *,
    actor: User | None,
    crisis: Crisis,
    life_threatening: str,
    no_commercial_options: bool,
    no_partner_country: bool,
    responsible: bool,
    practically_feasible: bool,
    life_threatening_notes: str = "",
    no_other_way_out_notes: str = "",
    feasibility_notes: str = "",
    assessed_at: datetime | None = None,
) -> EvacuationConditions:
    if life_threatening not in ThreatAssessment.values:
        raise ValidationError({"life_threatening": _("Choose an assessment.")})
    with audit_context(actor):
        return record_save(
            EvacuationConditions(
                crisis=crisis,
                life_threatening=life_threatening,
                life_threatening_notes=life_threatening_notes,
                no_commercial_options=no_commercial_options,
                no_partner_country=no_partner_country,
                no_other_way_out_notes=no_other_way_out_notes,
                responsible=responsible,
                practically_feasible=practically_feasible,
                feasibility_notes=feasibility_notes,
                assessed_at=assessed_at or timezone.now(),
                recorded_by=actor,
            )
        )


@transaction.atomic
def evacuation_decide(
    *,
    actor: User | None,
    crisis: Crisis,
    conditions: EvacuationConditions | None,
    rationale: str,
    decided_by: str,
    decided_at: datetime | None = None,
) -> EvacuationDecision:
    """Record the decision to evacuate. It must cite a conditions assessment of this crisis in
    which all three conditions are met, made before the decision; otherwise it is refused."""
    if conditions is None:
        raise ValidationError(_("Record the conditions before deciding."))
    errors = {}
    decided_at = decided_at or timezone.now()
    if conditions.crisis_id != crisis.pk:
        errors["conditions"] = _("The conditions belong to another crisis.")
    elif decided_at < conditions.assessed_at:
        errors["decided_at"] = _("The conditions must be assessed before the decision is taken.")
    elif not conditions.all_met:
        errors["conditions"] = _(
            "Not all conditions for an evacuation are met in this assessment: "
            "life-threatening, no other way out, responsible and feasible."
        )
    errors.update(decision_errors(rationale, decided_by))
    if errors:
        raise ValidationError(errors)
    with audit_context(actor):
        return EvacuationDecision.objects.create(
            crisis=crisis,
            conditions=conditions,
            rationale=rationale,
            decided_by=decided_by,
            decided_at=decided_at,
            recorded_by=actor,
        )
