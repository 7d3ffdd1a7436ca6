"""Contract tests: eligible groups and flights of a crisis."""

from typing import Any

import pytest

from evacuation.models import Flight
from evacuation.services.groups import crisis_group_set
from tests.api.conftest import ApiClient, assert_problem


def enable(crisis: Any, code: str, priority: int) -> None:
    crisis_group_set(
        actor=None,
        crisis=crisis,
        group_code=code,
        priority=priority,
        rationale="Decided in the BOB meeting.",
        decided_by="Head of DCC",
    )


def test_eligible_groups_in_priority_order(defence: ApiClient, crisis: Any) -> None:
    enable(crisis, "family-member", 2)
    enable(crisis, "dutch-national", 1)
    crisis_group_set(
        actor=None,
        crisis=crisis,
        group_code="interpreter",
        enabled=False,
        rationale="Not now.",
        decided_by="Head of DCC",
    )
    response = defence.get(f"/api/v1/crises/{crisis.pk}/eligible-groups")
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {"code": "dutch-national", "name": "Dutch national", "priority": 1},
            {
                "code": "family-member",
                "name": "Family member of a Dutch national",
                "priority": 2,
            },
        ],
        "next": None,
    }


def test_eligible_groups_of_an_ungranted_crisis_are_404(
    defence: ApiClient, other_crisis: Any
) -> None:
    enable(other_crisis, "dutch-national", 1)
    assert_problem(defence.get(f"/api/v1/crises/{other_crisis.pk}/eligible-groups"), 404)


FLIGHT = {
    "callSign": "NAF123",
    "operator": "defence",
    "capacity": 120,
    "departureAt": "2025-03-01T10:00:00Z",
    "origin": "Khartoum (KRT)",
    "destination": "Eindhoven (EIN)",
}


def test_create_and_list_flights(defence: ApiClient, crisis: Any) -> None:
    response = defence.post(f"/api/v1/crises/{crisis.pk}/flights", FLIGHT)
    assert response.status_code == 201, response.content
    flight = response.json()
    assert flight["callSign"] == "NAF123"
    assert flight["departureAt"] == "2025-03-01T10:00:00Z"
    assert flight["crisisId"] == str(crisis.pk)
    stored = Flight.objects.get(pk=flight["id"])
    assert stored.capacity == 120 and stored.crisis == crisis
    # The write is audited with the client and the endpoint.
    event = stored.events.first()  # type: ignore[attr-defined]
    assert defence.application.client_id in event.pgh_context.metadata["api_client"]
    assert event.pgh_context.metadata["endpoint"] == "api:flight-list"

    listed = defence.get(f"/api/v1/crises/{crisis.pk}/flights").json()
    assert [item["id"] for item in listed["results"]] == [flight["id"]]


def test_flight_input_errors_are_all_reported(defence: ApiClient, crisis: Any) -> None:
    response = defence.post(
        f"/api/v1/crises/{crisis.pk}/flights",
        {"operator": "airline", "capacity": "many", "departureAt": "tomorrow"},
    )
    assert_problem(
        response, 400, "callSign", "operator", "capacity", "departureAt", "origin", "destination"
    )
    assert Flight.objects.count() == 0


def test_flight_service_rules_come_back_as_invalid_params(defence: ApiClient, crisis: Any) -> None:
    response = defence.post(
        f"/api/v1/crises/{crisis.pk}/flights",
        {**FLIGHT, "arrivalAt": "2025-03-01T08:00:00Z"},
    )
    assert_problem(response, 400, "arrivalAt")


@pytest.mark.parametrize(
    "body",
    ['{"callSign": "NAF1",', "[1, 2]", '"text"', ""],
    ids=["truncated", "array", "string", "empty"],
)
def test_bad_json_is_400(defence: ApiClient, crisis: Any, body: str) -> None:
    response = defence.post(f"/api/v1/crises/{crisis.pk}/flights", body, raw=True)
    assert_problem(response, 400)


def test_flight_in_an_ungranted_crisis_is_404(defence: ApiClient, other_crisis: Any) -> None:
    assert_problem(defence.post(f"/api/v1/crises/{other_crisis.pk}/flights", FLIGHT), 404)
    assert_problem(defence.get(f"/api/v1/crises/{other_crisis.pk}/flights"), 404)
    assert Flight.objects.count() == 0


def test_read_scope_cannot_create_flights(defence_read_only: ApiClient, crisis: Any) -> None:
    assert_problem(defence_read_only.post(f"/api/v1/crises/{crisis.pk}/flights", FLIGHT), 403)
    assert Flight.objects.count() == 0


def test_flights_trailing_slash_is_404(defence: ApiClient, crisis: Any) -> None:
    assert_problem(defence.post(f"/api/v1/crises/{crisis.pk}/flights/", FLIGHT), 404)


def test_flights_need_json(defence: ApiClient, crisis: Any) -> None:
    response = defence.client.post(
        f"/api/v1/crises/{crisis.pk}/flights",
        "callSign=NAF1",
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Bearer {defence.token}",
    )
    assert_problem(response, 415)
