"""Groups per crisis, evacuation plans, conditions and decision, flights, reception."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evacuation.models import (
    CrisisGroup,
    CrisisGroupDecision,
    EligibleGroup,
    EvacuationPlan,
    GroupCode,
)
from evacuation.services.conditions import evacuation_conditions_record, evacuation_decide
from evacuation.services.flights import flight_create
from evacuation.services.groups import crisis_group_set, enabled_group_codes
from evacuation.services.plans import (
    assembly_point_add,
    evacuation_plan_save,
    plan_barrier_add,
    plan_target_size_set,
    plan_validation_record,
    plans_review_overdue_flag,
)
from evacuation.services.reception import evacuee_information_publish, reception_organisation_save
from evacuation.tasks import evacuation_plans_review_overdue_flag

pytestmark = pytest.mark.django_db


def test_catalogue_holds_the_ten_groups() -> None:
    codes = set(EligibleGroup.objects.values_list("code", flat=True))
    assert codes == set(GroupCode.values)
    assert len(codes) == 10
    eu = EligibleGroup.objects.get(code="eu-citizen")
    assert eu.responsible_ministry and eu.default_priority


def test_enabling_a_group_records_the_decision(crisis: Any, coordinator: Any) -> None:
    crisis_group_set(
        actor=coordinator,
        crisis=crisis,
        group_code="interpreter",
        priority=2,
        rationale="Cabinet decided to evacuate interpreters.",
        decided_by="Minister",
    )
    assert enabled_group_codes(crisis) == {"interpreter": 2}
    crisis_group_set(
        actor=coordinator,
        crisis=crisis,
        group_code="interpreter",
        enabled=False,
        rationale="Withdrawn.",
        decided_by="Minister",
    )
    assert enabled_group_codes(crisis) == {}
    assert CrisisGroup.objects.filter(crisis=crisis).count() == 1
    decisions = list(CrisisGroupDecision.objects.filter(crisis=crisis))
    assert sorted(d.enabled for d in decisions) == [False, True]
    assert all(d.recorded_by == coordinator and d.decided_by == "Minister" for d in decisions)


def test_group_decision_needs_rationale_and_known_group(crisis: Any, coordinator: Any) -> None:
    with pytest.raises(ValidationError) as error:
        crisis_group_set(
            actor=coordinator, crisis=crisis, group_code="nope", rationale="", decided_by=""
        )
    assert set(error.value.message_dict) == {"group_code", "rationale", "decided_by"}
    assert not CrisisGroupDecision.objects.exists()


def test_plan_with_points_barriers_targets_and_validation(post_a: Any, coordinator: Any) -> None:
    today = timezone.localdate()
    plan = evacuation_plan_save(
        actor=coordinator, post=post_a, level="extended", scenarios="Airport closes."
    )
    assembly_point_add(actor=coordinator, plan=plan, name="Residence", location="Street 1")
    plan_barrier_add(actor=coordinator, plan=plan, kind="landing-rights", description="None yet")
    plan_target_size_set(
        actor=coordinator, plan=plan, group_code="dutch-national", estimated_size=250
    )
    plan_target_size_set(
        actor=coordinator, plan=plan, group_code="dutch-national", estimated_size=300
    )
    plan_validation_record(
        actor=coordinator,
        plan=plan,
        validated_on=today - timedelta(days=3),
        findings="Runway usable.",
        next_review_on=today + timedelta(days=180),
    )
    plan.refresh_from_db()
    post_a.refresh_from_db()
    assert post_a.evacuation_plan_level == "extended"
    assert plan.last_validated_on == today - timedelta(days=3)
    assert plan.target_sizes.get().estimated_size == 300
    assert plan.assembly_points.count() == 1 and plan.barriers.count() == 1
    with pytest.raises(ValidationError):
        plan_validation_record(
            actor=coordinator, plan=plan, validated_on=today + timedelta(days=1), findings="x"
        )


def test_beat_flags_plans_past_review_date(post_a: Any, post_b: Any) -> None:
    today = timezone.localdate()
    overdue = evacuation_plan_save(
        actor=None, post=post_a, level="basic", next_review_on=today - timedelta(days=1)
    )
    current = evacuation_plan_save(
        actor=None, post=post_b, level="basic", next_review_on=today + timedelta(days=1)
    )
    assert evacuation_plans_review_overdue_flag.apply().get() == 1
    assert plans_review_overdue_flag() == 0  # idempotent
    overdue.refresh_from_db()
    current.refresh_from_db()
    assert overdue.review_overdue_since is not None
    assert current.review_overdue_since is None
    # Setting a new review date clears the flag.
    evacuation_plan_save(
        actor=None, post=post_a, level="basic", next_review_on=today + timedelta(days=30)
    )
    assert EvacuationPlan.objects.get(pk=overdue.pk).review_overdue_since is None


def test_decision_to_evacuate_cites_conditions_that_are_met(crisis: Any, coordinator: Any) -> None:
    unmet = evacuation_conditions_record(
        actor=coordinator,
        crisis=crisis,
        life_threatening="expected",
        no_commercial_options=True,
        no_partner_country=False,
        responsible=True,
        practically_feasible=True,
    )
    with pytest.raises(ValidationError) as error:
        evacuation_decide(
            actor=coordinator, crisis=crisis, conditions=unmet, rationale="Go", decided_by="MinBZ"
        )
    assert "conditions" in error.value.message_dict
    met = evacuation_conditions_record(
        actor=coordinator,
        crisis=crisis,
        life_threatening="now",
        no_commercial_options=True,
        no_partner_country=True,
        responsible=True,
        practically_feasible=True,
        feasibility_notes="Landing rights granted.",
    )
    decision = evacuation_decide(
        actor=coordinator, crisis=crisis, conditions=met, rationale="Go", decided_by="MinBZ"
    )
    assert decision.conditions == met and decision.recorded_by == coordinator


def test_flight_capacity_and_operator_are_checked(crisis: Any, coordinator: Any) -> None:
    flight = flight_create(
        actor=coordinator,
        crisis=crisis,
        operator="defence",
        call_sign="NLD01",
        capacity=120,
        origin="KBL",
        destination="EIN",
    )
    assert flight.capacity == 120
    with pytest.raises(ValidationError) as error:
        flight_create(
            actor=coordinator,
            crisis=crisis,
            operator="airline",
            call_sign="X",
            capacity=0,
            origin="A",
            destination="B",
        )
    assert set(error.value.message_dict) == {"operator", "capacity"}


def test_reception_organisations_and_versioned_information(crisis: Any, coordinator: Any) -> None:
    reception_organisation_save(
        actor=coordinator, crisis=crisis, kind="coa", informed_on=timezone.localdate()
    )
    first = evacuee_information_publish(actor=coordinator, crisis=crisis, text="Bring passports.")
    second = evacuee_information_publish(actor=coordinator, crisis=crisis, text="Bring water too.")
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert first.text == "Bring passports."
