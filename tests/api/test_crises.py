"""GET /crises and GET /crises/{crisisId}: only granted crises, stable pages, updatedSince."""

from datetime import UTC, timedelta
from typing import Any

from django.utils import timezone

from crisisportal.api.clients import api_client_grant_crisis
from crisisportal.models import Crisis
from tests.api.conftest import ApiClient, assert_problem
from tests.factories import make_crisis


def test_list_shows_only_granted_crises(defence: ApiClient, crisis: Any, other_crisis: Any) -> None:
    response = defence.get("/api/v1/crises")
    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    assert [item["id"] for item in body["results"]] == [str(crisis.pk)]
    item = body["results"][0]
    assert item == {
        "id": str(crisis.pk),
        "title": crisis.title,
        "kind": "political-violence",
        "phase": "pre-crisis",
        "escalationLevel": "departmental",
        "countries": ["SD"],
        "openedAt": crisis.opened_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "updatedAt": item["updatedAt"],
    }
    assert item["openedAt"].endswith("Z")


def test_detail(defence: ApiClient, crisis: Any) -> None:
    response = defence.get(f"/api/v1/crises/{crisis.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == str(crisis.pk)


def test_ungranted_and_missing_crises_look_the_same(defence: ApiClient, other_crisis: Any) -> None:
    ungranted = assert_problem(defence.get(f"/api/v1/crises/{other_crisis.pk}"), 404)
    missing = assert_problem(
        defence.get("/api/v1/crises/00000000-0000-0000-0000-000000000000"), 404
    )
    assert ungranted == missing


def test_pages_are_stable_and_complete(make_api_client: Any, coordinator: Any) -> None:
    crises = [make_crisis(coordinator=coordinator, title=f"Crisis {n}") for n in range(7)]
    api = make_api_client(crises=crises)
    seen: list[str] = []
    url: str | None = "/api/v1/crises?pageSize=3"
    pages = 0
    while url:
        response = api.get(url)
        assert response.status_code == 200
        body = response.json()
        assert len(body["results"]) <= 3
        seen += [item["id"] for item in body["results"]]
        url = body["next"]
        if url:
            assert url.startswith("http://testserver/api/v1/crises?")
        pages += 1
    assert pages == 3
    assert sorted(seen) == sorted(str(c.pk) for c in crises)
    assert len(set(seen)) == 7


def test_updated_since(defence: ApiClient, crisis: Any, coordinator: Any) -> None:
    later = make_crisis(coordinator=coordinator, title="Later")
    api_client_grant_crisis(actor=None, application=defence.application, crisis=later)
    Crisis.objects.filter(pk=crisis.pk).update(updated_at=timezone.now() - timedelta(days=2))
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = defence.get("/api/v1/crises", {"updatedSince": since}).json()
    assert [item["id"] for item in body["results"]] == [str(later.pk)]


def test_bad_query_parameters_are_all_reported(defence: ApiClient) -> None:
    response = defence.get(
        "/api/v1/crises", {"pageSize": "501", "updatedSince": "yesterday", "cursor": "x"}
    )
    assert_problem(response, 400, "pageSize", "updatedSince")
    assert_problem(defence.get("/api/v1/crises", {"pageSize": "0"}), 400, "pageSize")
    assert_problem(
        defence.get("/api/v1/crises", {"updatedSince": "2025-01-01T00:00:00"}), 400, "updatedSince"
    )
    assert_problem(defence.get("/api/v1/crises", {"cursor": "bm9wZQ"}), 400, "cursor")


def test_list_query_count_does_not_grow(
    make_api_client: Any, coordinator: Any, django_assert_max_num_queries: Any
) -> None:
    crises = [make_crisis(coordinator=coordinator, title=f"Crisis {n}") for n in range(20)]
    api = make_api_client(crises=crises)
    # token lookup, user, scope groups, guardian-filtered page, audit insert, + savepoints
    with django_assert_max_num_queries(10):
        assert len(api.get("/api/v1/crises").json()["results"]) == 20
