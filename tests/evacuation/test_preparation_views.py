"""Pages for conditions, decision, reception, evacuee information and post plans."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from evacuation.models import EvacuationDecision, EvacuationPlan, EvacueeInformation

pytestmark = pytest.mark.django_db


def test_conditions_then_decision(
    crisis: Any, coordinator_client: Any, partner_client: Any
) -> None:
    url = reverse("evacuation:crisis-preparation", args=[crisis.pk])
    response = coordinator_client.post(
        url,
        {
            "action": "conditions",
            "conditions-life_threatening": "now",
            "conditions-no_commercial_options": "on",
            "conditions-no_partner_country": "on",
            "conditions-responsible": "on",
            "conditions-practically_feasible": "on",
        },
    )
    assert response.status_code == 302
    response = coordinator_client.post(
        url, {"action": "decision", "decision-rationale": "Go.", "decision-decided_by": "MinBZ"}
    )
    assert response.status_code == 302
    assert EvacuationDecision.objects.get().conditions.all_met
    coordinator_client.post(
        url,
        {
            "action": "information",
            "information-language": "en",
            "information-text": "Bring passports.",
        },
    )
    assert EvacueeInformation.objects.get().version == 1
    # Partners read, never write.
    assert partner_client.get(url).status_code == 200
    assert partner_client.post(url, {"action": "conditions"}).status_code == 404


def test_decision_refused_when_conditions_not_met(crisis: Any, coordinator_client: Any) -> None:
    url = reverse("evacuation:crisis-preparation", args=[crisis.pk])
    coordinator_client.post(url, {"action": "conditions", "conditions-life_threatening": "not"})
    response = coordinator_client.post(
        url,
        {"action": "decision", "decision-rationale": "Go.", "decision-decided_by": "MinBZ"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Not all conditions" in response.content.decode()
    assert not EvacuationDecision.objects.exists()


def test_post_plan_page(post_a: Any, coordinator_client: Any, post_b_client: Any) -> None:
    url = reverse("evacuation:post-plan", args=[post_a.pk])
    past = timezone.localdate() - timedelta(days=1)
    response = coordinator_client.post(
        url, {"action": "plan", "plan-level": "extended", "plan-next_review_on": past.isoformat()}
    )
    assert response.status_code == 302
    coordinator_client.post(
        url, {"action": "point", "point-name": "Residence", "point-location": "Street 1"}
    )
    coordinator_client.post(
        url,
        {
            "action": "validation",
            "validation-validated_on": past.isoformat(),
            "validation-with_defence": "on",
            "validation-findings": "Runway fine.",
        },
    )
    plan = EvacuationPlan.objects.get()
    assert plan.assembly_points.count() == 1 and plan.last_validated_on == past
    from evacuation.services.plans import plans_review_overdue_flag

    plans_review_overdue_flag()
    page = coordinator_client.get(url).content.decode()
    assert 'data-testid="plan-overdue"' in page
    assert post_b_client.get(url).status_code == 404
