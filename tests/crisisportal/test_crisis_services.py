import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from crisisportal.models import CrisisChangeKind, CrisisPhase, EscalationLevel, Notification
from crisisportal.services.crises import crisis_escalation_change, crisis_phase_change

pytestmark = pytest.mark.django_db


def test_escalation_is_a_recorded_decision_and_notifies_the_crisis(
    crisis, coordinator, dcc_member, post_a_staff
):
    change = crisis_escalation_change(
        actor=coordinator,
        crisis=crisis,
        to_level=EscalationLevel.NATIONAL,
        rationale="Evacuation needs the national crisis structure.",
        decided_by="Prime Minister",
        informed=["minister", "nctv"],
    )
    crisis.refresh_from_db()
    assert crisis.escalation_level == EscalationLevel.NATIONAL
    assert change.kind == CrisisChangeKind.ESCALATION
    assert change.from_value == EscalationLevel.DEPARTMENTAL
    assert change.recorded_by == coordinator
    recipients = set(
        Notification.objects.filter(kind="crisis_changed", recipient__isnull=False).values_list(
            "recipient__email", flat=True
        )
    )
    assert {dcc_member.email, post_a_staff.email} <= recipients


def test_lower_level_is_recorded_as_de_escalation(crisis, coordinator):
    crisis_escalation_change(
        actor=coordinator,
        crisis=crisis,
        to_level="interdepartmental",
        rationale="r",
        decided_by="SG",
    )
    change = crisis_escalation_change(
        actor=coordinator,
        crisis=crisis,
        to_level="departmental",
        rationale="calmer",
        decided_by="SG",
    )
    assert change.kind == CrisisChangeKind.DE_ESCALATION


def test_escalation_refuses_same_level_missing_rationale_and_unnamed_council(crisis, coordinator):
    with pytest.raises(ValidationError) as same:
        crisis_escalation_change(
            actor=coordinator,
            crisis=crisis,
            to_level="departmental",
            rationale="r",
            decided_by="SG",
        )
    assert "to_level" in same.value.message_dict
    with pytest.raises(ValidationError) as empty:
        crisis_escalation_change(
            actor=coordinator, crisis=crisis, to_level="national", rationale=" ", decided_by=""
        )
    assert {"rationale", "decided_by"} <= set(empty.value.message_dict)
    with pytest.raises(ValidationError) as council:
        crisis_escalation_change(
            actor=coordinator,
            crisis=crisis,
            to_level="special-council",
            rationale="r",
            decided_by="SG",
        )
    assert "special_council" in council.value.message_dict
    crisis.refresh_from_db()
    assert crisis.escalation_level == "departmental"
    assert crisis.changes.count() == 1  # only the opening


def test_phases_move_forward_back_one_step_and_closed_is_final(crisis, coordinator):
    crisis_phase_change(
        actor=coordinator,
        crisis=crisis,
        to_phase=CrisisPhase.CRISIS,
        rationale="r",
        decided_by="SG",
    )
    crisis_phase_change(
        actor=coordinator,
        crisis=crisis,
        to_phase=CrisisPhase.AFTER_CARE,
        rationale="r",
        decided_by="SG",
    )
    with pytest.raises(ValidationError):  # two steps back
        crisis_phase_change(
            actor=coordinator,
            crisis=crisis,
            to_phase=CrisisPhase.PRE_CRISIS,
            rationale="r",
            decided_by="SG",
        )
    crisis_phase_change(
        actor=coordinator,
        crisis=crisis,
        to_phase=CrisisPhase.CRISIS,
        rationale="flares up",
        decided_by="SG",
    )
    crisis_phase_change(
        actor=coordinator,
        crisis=crisis,
        to_phase=CrisisPhase.CLOSED,
        rationale="over",
        decided_by="SG",
    )
    crisis.refresh_from_db()
    assert crisis.closed_at is not None
    with pytest.raises(ValidationError):
        crisis_phase_change(
            actor=coordinator,
            crisis=crisis,
            to_phase=CrisisPhase.AFTER_CARE,
            rationale="r",
            decided_by="SG",
        )
    with pytest.raises(ValidationError):
        crisis_escalation_change(
            actor=coordinator, crisis=crisis, to_level="national", rationale="r", decided_by="SG"
        )


def test_no_email_is_sent_inside_the_transaction(crisis, coordinator):
    crisis_escalation_change(
        actor=coordinator, crisis=crisis, to_level="national", rationale="r", decided_by="SG"
    )
    assert mail.outbox == []  # delivery happens in Celery after commit
    assert Notification.objects.filter(email_status="pending").exists()


def test_a_misspelt_decision_field_is_refused_and_nothing_changes(crisis, coordinator):
    # The decision fields arrive as keyword arguments; one that is not a decision field must
    # not be dropped silently (who was informed would go unrecorded).
    with pytest.raises(TypeError, match="informd"):
        crisis_escalation_change(
            actor=coordinator,
            crisis=crisis,
            to_level=EscalationLevel.INTERDEPARTMENTAL,
            rationale="r",
            decided_by="SG",
            informd=["minister"],  # type: ignore[call-arg]
        )
    crisis.refresh_from_db()
    assert crisis.escalation_level == EscalationLevel.DEPARTMENTAL
    assert not crisis.changes.filter(kind=CrisisChangeKind.ESCALATION).exists()
