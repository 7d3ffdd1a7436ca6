"""Benchmark: Defence's `GET /api/v1/crises/{id}/cases` at 150,000 and at 1,000 cases.

Usage (a scratch database; the script migrates it, seeds, measures and cleans up):

    DATABASE_URL=postgres://postgres@localhost:5432/cp_bench REDIS_URL=redis://localhost:6379/9 \
        python bench/api_cases.py [--cases 150000 --cases 1000] [--repeat 30]

The seeding is the case-list benchmark's (bulk inserts, bench/evacuation_cases.py). The
requests go through Django's test client with a real OAuth2 bearer token, so the token
check, scopes, the object permission on the crisis, throttling, the audit row and the
keyset page are all in the figure.
"""

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evacuation_cases
from django.core.management import call_command
from django.test import Client

SCENARIOS = [
    ("no filter, first page (100)", {}),
    ("status=approved", {"status": "approved"}),
    ("group=interpreter", {"group": "interpreter"}),
    ("status=boarded&group=eu-citizen", {"status": "boarded", "group": "eu-citizen"}),
    ("updatedSince (recent)", {"updatedSince": "RECENT"}),
    ("pageSize=500", {"pageSize": "500"}),
]


def bearer_client(crisis: Any) -> Client:
    from crisisportal.api.clients import api_client_create

    application, secret = api_client_create(
        actor=None, name="Bench Defence", scopes=["read"], crises=[crisis]
    )
    response = Client().post(
        "/oauth/token",
        {
            "grant_type": "client_credentials",
            "client_id": application.client_id,
            "client_secret": secret,
        },
    )
    assert response.status_code == 200, response.content
    return Client(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")


def recent_timestamp(crisis: Any) -> str:
    """A timestamp that leaves the last ~1 % of the crisis's cases (by last change)."""
    from evacuation.models import EvacuationCase

    cases = EvacuationCase.objects.filter(crisis=crisis).order_by("-updated_at")
    count = cases.count()
    pivot = cases.values_list("updated_at", flat=True)[max(0, count // 100 - 1)]
    return pivot.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def run(size: int, repeat: int) -> None:
    crisis, _coordinator, _caller = evacuation_cases.seed(size)
    try:
        client = bearer_client(crisis)
        url = f"/api/v1/crises/{crisis.pk}/cases"
        since = recent_timestamp(crisis)
        print(f"\nGET /crises/{{id}}/cases at {size} cases ({repeat} requests each)")
        print(f"{'scenario':38} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name, params in SCENARIOS:
            params = {k: (since if v == "RECENT" else v) for k, v in params.items()}
            median, p95, queries = evacuation_cases.measure(client, url, params, repeat)
            print(f"{name:38} {median:10.1f} {p95:8.1f} {queries:8d}")
    finally:
        from evacuation.models import EvacuationCase
        from registration.models import Person

        person_ids = list(
            EvacuationCase.objects.filter(crisis=crisis).values_list("person_id", flat=True)
        )
        EvacuationCase.objects.filter(crisis=crisis).delete()
        Person.objects.filter(pk__in=person_ids).delete()
        crisis.delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, action="append")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    for size in args.cases or [150_000, 1_000]:
        run(size, args.repeat)


if __name__ == "__main__":
    main()
