"""API clients for the contract tests: a Defence client granted `crisis` with read and write."""

import base64
import json
from typing import Any

import pytest
from django.test import Client

from crisisportal.api.clients import api_client_create


def basic_auth(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def fetch_token(client_id: str, secret: str, **extra: str) -> dict[str, Any]:
    response = Client().post(
        "/oauth/token",
        {"grant_type": "client_credentials", **extra},
        HTTP_AUTHORIZATION=basic_auth(client_id, secret),
    )
    assert response.status_code == 200, response.content
    return response.json()


class ApiClient:
    """A Django test client that speaks JSON with a bearer token."""

    def __init__(self, token: str, application: Any = None) -> None:
        self.token = token
        self.application = application
        self.client = Client()

    def _headers(self) -> dict[str, Any]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, params: dict | None = None) -> Any:
        return self.client.get(path, params or {}, **self._headers())

    def _send(self, method: str, path: str, body: Any, raw: bool = False) -> Any:
        data = body if raw else json.dumps(body)
        return getattr(self.client, method)(
            path, data=data, content_type="application/json", **self._headers()
        )

    def post(self, path: str, body: Any = None, raw: bool = False) -> Any:
        return self._send("post", path, body, raw)

    def put(self, path: str, body: Any = None, raw: bool = False) -> Any:
        return self._send("put", path, body, raw)

    def patch(self, path: str, body: Any = None, raw: bool = False) -> Any:
        return self._send("patch", path, body, raw)

    def delete(self, path: str) -> Any:
        return self.client.delete(path, **self._headers())


@pytest.fixture
def make_api_client(db: Any) -> Any:
    def make(scopes: tuple[str, ...] = ("read", "write"), crises: tuple = ()) -> ApiClient:
        application, secret = api_client_create(
            actor=None, name="Defence test", scopes=scopes, crises=crises
        )
        token = fetch_token(application.client_id, secret)["access_token"]
        api = ApiClient(token, application)
        api.secret = secret  # type: ignore[attr-defined]
        return api

    return make


@pytest.fixture
def defence(make_api_client: Any, crisis: Any) -> ApiClient:
    """Granted `crisis` (not `other_crisis`), scopes read and write."""
    return make_api_client(crises=(crisis,))


@pytest.fixture
def defence_read_only(make_api_client: Any, crisis: Any) -> ApiClient:
    return make_api_client(scopes=("read",), crises=(crisis,))


def assert_problem(response: Any, status: int, *names: str) -> dict[str, Any]:
    """The response is problem+json with status; names are all in invalidParams."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    reported = {param["name"] for param in body.get("invalidParams", [])}
    assert set(names) <= reported, reported
    return body
