"""Management commands for scripted set-up print one JSON object each."""

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crisisportal.models import Crisis
from evacuation.models import CrisisGroup
from tests.api.conftest import ApiClient, fetch_token


def run(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command(*args, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.mark.django_db
def test_crisis_create_then_api_client_create_give_a_working_client() -> None:
    crisis_out = run(
        "crisis_create",
        "--title",
        "Exercise Sandstorm",
        "--kind",
        "armed-conflict",
        "--country",
        "sd",
        "--group",
        "dutch-national",
        "--group",
        "interpreter",
    )
    crisis = Crisis.objects.get(pk=crisis_out["id"])
    assert crisis.countries == ["SD"] and crisis.kind == "armed-conflict"
    assert set(
        CrisisGroup.objects.filter(crisis=crisis, enabled=True).values_list(
            "group__code", flat=True
        )
    ) == {"dutch-national", "interpreter"}

    client_out = run(
        "api_client_create",
        "--name",
        "Defence exercise",
        "--scope",
        "read",
        "--scope",
        "write",
        "--crisis",
        str(crisis.pk),
    )
    assert set(client_out) == {"clientId", "clientSecret"}
    token = fetch_token(client_out["clientId"], client_out["clientSecret"])
    assert set(token["scope"].split()) == {"read", "write"}
    api = ApiClient(token["access_token"])
    groups = api.get(f"/api/v1/crises/{crisis.pk}/eligible-groups").json()["results"]
    assert {group["code"] for group in groups} == {"dutch-national", "interpreter"}


@pytest.mark.django_db
def test_api_client_create_defaults_to_read_only() -> None:
    out = run("api_client_create", "--name", "Reader")
    assert fetch_token(out["clientId"], out["clientSecret"])["scope"] == "read"


@pytest.mark.django_db
def test_commands_refuse_unknown_input() -> None:
    with pytest.raises(CommandError):
        call_command("api_client_create", "--name", "X", "--crisis", "nope", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command(
            "crisis_create", "--title", "T", "--kind", "war", "--country", "SD", stdout=StringIO()
        )
    with pytest.raises(CommandError):
        call_command(
            "crisis_create",
            "--title",
            "T",
            "--kind",
            "attack",
            "--country",
            "SD",
            "--group",
            "unknown-group",
            stdout=StringIO(),
        )
    assert not Crisis.objects.exists()
