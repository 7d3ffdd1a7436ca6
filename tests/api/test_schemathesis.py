"""Property-based run of the published OpenAPI document against the API (schemathesis).

Every operation gets generated requests (valid and invalid); every answer must be
documented: no 5xx, status codes, content types, headers and bodies as published. Each
generated call is repeated with the identifiers of real, granted objects so that the
success paths are checked too, not just 404s.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from evacuation.services.flights import flight_create
from evacuation.services.groups import crisis_group_set
from registration.api.permissions import person_grant
from registration.services.persons import person_create
from tests.api.conftest import ApiClient


@pytest.fixture
def published_schema(db: Any, settings: Any) -> Any:
    settings.API_THROTTLE_RATE = "1000000/min"
    document = Client().get("/api/v1/openapi.json").json()
    return schemathesis.from_dict(document, app=WSGIHandler(), base_url="http://testserver/api/v1")


@contextmanager
def keep_test_connection() -> Iterator[None]:
    """Like Django's test client: the WSGI handler must not close the test's connection
    (and with it the transaction that holds the fixtures) when a request starts or finishes."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.from_pytest_fixture("published_schema")


@pytest.fixture
def known_ids(crisis: Any, defence: ApiClient) -> dict[str, str]:
    """Identifiers of real objects the Defence client may see, by path parameter name."""
    crisis_group_set(
        actor=None,
        crisis=crisis,
        group_code="dutch-national",
        rationale="Decided.",
        decided_by="Head of DCC",
    )
    flight = flight_create(
        actor=crisis.created_by,
        crisis=crisis,
        operator="defence",
        call_sign="NAF1",
        capacity=10,
        origin="KRT",
        destination="EIN",
    )
    person = person_create(actor=None, family_name="Haddad", source="defence")
    person_grant(defence.application.user, person)
    return {"crisisId": str(crisis.pk), "flightId": str(flight.pk), "personId": str(person.pk)}


@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_published_schema(
    case: Any, defence: ApiClient, known_ids: dict[str, str]
) -> None:
    headers = {"Authorization": f"Bearer {defence.token}"}
    with keep_test_connection():
        case.call_and_validate(headers=headers)
        if case.path_parameters:
            for name in case.path_parameters:
                if name in known_ids:
                    case.path_parameters[name] = known_ids[name]
            case.call_and_validate(headers=headers)
