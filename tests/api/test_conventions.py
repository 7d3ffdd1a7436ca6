"""Contract tests of what every endpoint shares: OAuth2, scopes, errors, headers, throttling."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from crisisportal.models import PersonalDataView
from tests.api.conftest import ApiClient, assert_problem, basic_auth


def test_token_by_http_basic_is_short_lived_bearer_without_refresh(make_api_client: Any) -> None:
    api = make_api_client()
    response = Client().post(
        "/oauth/token",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic_auth(api.application.client_id, api.secret),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert 0 < body["expires_in"] <= 6 * 3600
    assert "refresh_token" not in body
    assert set(body["scope"].split()) == {"read", "write"}
    assert response["Cache-Control"] == "no-store"


def test_token_by_form_fields_with_a_narrower_scope(make_api_client: Any) -> None:
    api = make_api_client()
    response = Client().post(
        "/oauth/token",
        {
            "grant_type": "client_credentials",
            "client_id": api.application.client_id,
            "client_secret": api.secret,
            "scope": "read",
        },
    )
    assert response.status_code == 200
    assert response.json()["scope"] == "read"


def test_token_refused_for_a_scope_the_client_lacks(make_api_client: Any) -> None:
    api = make_api_client(scopes=("read",))
    response = Client().post(
        "/oauth/token",
        {"grant_type": "client_credentials", "scope": "write"},
        HTTP_AUTHORIZATION=basic_auth(api.application.client_id, api.secret),
    )
    body = assert_problem(response, 400)
    assert body["error"] == "invalid_scope"


def test_token_refused_for_a_wrong_secret(make_api_client: Any) -> None:
    api = make_api_client()
    response = Client().post(
        "/oauth/token",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic_auth(api.application.client_id, "wrong"),
    )
    body = assert_problem(response, 401)
    assert body["error"] == "invalid_client"


def test_token_endpoint_only_takes_post() -> None:
    assert_problem(Client().get("/oauth/token"), 405)


@pytest.mark.django_db
def test_no_token_is_401_with_a_bearer_challenge() -> None:
    response = Client().get("/api/v1/crises")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["API-Version"] == "1.0.0"


@pytest.mark.django_db
def test_unknown_token_is_401() -> None:
    assert_problem(ApiClient("not-a-token").get("/api/v1/crises"), 401)


def test_expired_token_is_401(defence: ApiClient, crisis: Any) -> None:
    AccessToken.objects.filter(application=defence.application).update(
        expires=timezone.now() - timedelta(seconds=1)
    )
    assert_problem(defence.get(f"/api/v1/crises/{crisis.pk}"), 401)


def test_token_in_query_string_is_not_accepted(defence: ApiClient) -> None:
    response = Client().get("/api/v1/crises", {"access_token": defence.token})
    assert_problem(response, 401)


def test_read_scope_cannot_write(defence_read_only: ApiClient, crisis: Any) -> None:
    # Any write endpoint; the crises collection takes no POST, so the scope check comes first.
    response = defence_read_only.post("/api/v1/crises", {})
    assert_problem(response, 403)


def test_write_scope_alone_cannot_read(make_api_client: Any, crisis: Any) -> None:
    api = make_api_client(scopes=("write",), crises=(crisis,))
    assert_problem(api.get("/api/v1/crises"), 403)


def test_trailing_slash_is_404_never_a_redirect(defence: ApiClient, crisis: Any) -> None:
    for path in ("/api/v1/crises/", f"/api/v1/crises/{crisis.pk}/", "/api/v1/"):
        response = defence.get(path)
        assert_problem(response, 404)
        assert response["API-Version"] == "1.0.0"
    assert_problem(defence.post("/api/v1/crises/", {}), 404)


def test_unknown_route_is_problem_404(defence: ApiClient) -> None:
    assert_problem(defence.get("/api/v1/nothing-here"), 404)
    assert_problem(defence.get("/api/v1/crises/not-a-uuid"), 404)


def test_method_not_allowed_is_problem_405(defence: ApiClient, crisis: Any) -> None:
    response = defence.delete(f"/api/v1/crises/{crisis.pk}")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


def test_method_is_checked_before_the_body(defence: ApiClient) -> None:
    response = defence.client.post(
        "/api/v1/crises",
        "a=b",
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Bearer {defence.token}",
    )
    # POST is not allowed on the collection, which DRF checks before parsing.
    assert_problem(response, 405)


def test_every_response_has_api_version_and_no_store(defence: ApiClient, crisis: Any) -> None:
    response = defence.get(f"/api/v1/crises/{crisis.pk}")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


def test_answers_in_english_whatever_the_language(defence: ApiClient) -> None:
    response = defence.client.get(
        "/api/v1/crises",
        {"pageSize": "many"},
        HTTP_AUTHORIZATION=f"Bearer {defence.token}",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    body = assert_problem(response, 400, "pageSize")
    assert body["invalidParams"][0]["reason"] == "A valid integer is required."


def test_throttled_per_client(defence: ApiClient, make_api_client: Any, settings: Any) -> None:
    settings.API_THROTTLE_RATE = "3/min"
    for _ in range(3):
        assert defence.get("/api/v1/crises").status_code == 200
    response = defence.get("/api/v1/crises")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0
    # Another client has its own bucket.
    assert make_api_client().get("/api/v1/crises").status_code == 200


def test_every_call_is_audited_with_client_and_endpoint(defence: ApiClient, crisis: Any) -> None:
    defence.get(f"/api/v1/crises/{crisis.pk}")
    row = PersonalDataView.objects.get(view_name="api:crisis-detail")
    assert defence.application.client_id in row.api_client
    assert row.user == defence.application.user
    assert row.object_ids == [str(crisis.pk)]


@pytest.mark.django_db
def test_openapi_document_is_public() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["version"] == "1.0.0"
    assert {"url": "/api/v1", "description": "This portal"} in document["servers"]
    assert response["API-Version"] == "1.0.0"


@pytest.mark.django_db
def test_docs_page_is_linked_from_the_portal_and_lists_operations() -> None:
    page = Client().get("/accounts/login/")
    assert b'href="/api-docs"' in page.content
    docs = Client().get("/api-docs")
    assert docs.status_code == 200
    assert b"GET /api/v1/crises" in docs.content
    assert b"/api/v1/openapi.json" in docs.content
