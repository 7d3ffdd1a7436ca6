"""Contract test: GET /crises/{crisisId}/trigger-documents (read-only, nested)."""

from typing import Any

from tests.api.conftest import ApiClient, assert_problem
from triggers.services.documents import trigger_document_create
from triggers.services.items import measure_save, precursor_event_save, scenario_save


def make_document(crisis: Any, coordinator: Any, post: Any) -> Any:
    document = trigger_document_create(
        actor=coordinator, title="Khartoum triggers", posts=[post], crisis=crisis
    )
    scenario = scenario_save(
        actor=coordinator, document=document, kind="worst-case", title="Airport closes"
    )
    event = precursor_event_save(actor=coordinator, scenario=scenario, title="Fighting near KRT")
    measure_save(
        actor=coordinator, event=event, title="Stage aircraft", owner="defence", status="planned"
    )
    return document


def test_trigger_documents(
    defence: ApiClient,
    crisis: Any,
    coordinator: Any,
    post_a: Any,
    django_assert_max_num_queries: Any,
) -> None:
    document = make_document(crisis, coordinator, post_a)
    # Nested scenarios, events and measures are prefetched: a fixed number of queries.
    with django_assert_max_num_queries(14):
        response = defence.get(f"/api/v1/crises/{crisis.pk}/trigger-documents")
    assert response.status_code == 200, response.content
    [item] = response.json()["results"]
    assert item["id"] == str(document.pk)
    [scenario] = item["scenarios"]
    assert scenario["kind"] == "worst-case"
    [event] = scenario["precursorEvents"]
    assert event["title"] == "Fighting near KRT"
    assert event["measures"][0]["owner"] == "defence"


def test_trigger_documents_of_ungranted_crisis_are_404(
    defence: ApiClient, other_crisis: Any
) -> None:
    assert_problem(defence.get(f"/api/v1/crises/{other_crisis.pk}/trigger-documents"), 404)
    assert_problem(
        defence.get(f"/api/v1/crises/{other_crisis.pk}/trigger-documents", {"pageSize": "x"}), 400
    )
