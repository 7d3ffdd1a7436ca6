"""Benchmark: evacuation case list pages and counts at Kabul scale (150,000 cases).

Usage (a scratch database; the script migrates it, seeds, measures and cleans up):

    DATABASE_URL=postgres://postgres@localhost:5432/cp_bench REDIS_URL=redis://localhost:6379/9 \
        python bench/evacuation_cases.py [--cases 150000] [--repeat 30] [--keep]

Seeding bypasses the services (bulk inserts) because only the read path is measured. The
page is fetched through Django's test client as a DCC coordinator (all cases) and as a
call-team member (own cases), so middleware, permissions, the counts table and the page
query are all in the figure.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DEBUG", "false")

import django

django.setup()

from django.conf import settings  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

GROUPS = ["dutch-national", "family-member", "residence-permit-holder", "interpreter", "eu-citizen"]
STATUSES = ["identified", "contacted", "documents-verified", "approved", "boarded", "rejected"]
NATIONALITIES = ["AF", "NL", "SY", "DE", "IR", "PK"]


def seed(n: int) -> tuple[Any, Any, Any]:
    from crisisportal.models import CrisisRole
    from crisisportal.services.roles import crisis_member_set
    from evacuation.catalogue import catalogue_ensure
    from evacuation.models import EvacuationCase
    from registration.models import Person
    from tests.factories import PostFactory, make_crisis, make_staff

    catalogue_ensure()
    coordinator = make_staff(f"bench-{time.time()}@dcc.example", is_dcc=True, with_totp=False)
    caller = make_staff(f"bench-caller-{time.time()}@dcc.example", with_totp=False)
    post: Any = PostFactory(name=f"Bench embassy {time.time()}", country="AF", city="Kabul")
    crisis = make_crisis(coordinator=coordinator, posts=[post], title="Bench crisis")
    crisis_member_set(actor=coordinator, crisis=crisis, user=caller, role=CrisisRole.CALL_TEAM)
    rng = random.Random(6)
    batch = 10_000
    started = time.perf_counter()
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        people = Person.objects.bulk_create(
            Person(
                given_names=f"Given{offset + i}",
                family_name=f"Family{offset + i}",
                nationalities=[rng.choice(NATIONALITIES)],
                source="import",
            )
            for i in range(size)
        )
        EvacuationCase.objects.bulk_create(
            EvacuationCase(
                crisis=crisis,
                person=person,
                post=post,
                status=rng.choice(STATUSES),
                priority=rng.randint(1, 5),
                owner=caller if rng.random() < 0.02 else None,
                group_codes=rng.sample(GROUPS, rng.choice([1, 1, 2])),
                nationalities=person.nationalities,
                eligible=True,
            )
            for person in people
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {n} cases in {time.perf_counter() - started:.0f} s")
    return crisis, coordinator, caller


def reuse(n: int) -> tuple[Any, Any, Any]:
    """With --keep, a crisis seeded by an earlier run of the same size is measured again."""
    from django.db.models import Count

    from crisisportal.models import Crisis

    crisis = (
        Crisis.objects.filter(title="Bench crisis")
        .annotate(n=Count("evacuation_cases"))
        .filter(n=n)
        .first()
    )
    if crisis is None:
        return None, None, None
    coordinator = crisis.memberships.get(role="coordinator").user
    caller = crisis.memberships.get(role="call-team").user
    print(f"reusing {n} seeded cases")
    return crisis, coordinator, caller


def measure(client: Client, url: str, params: dict, repeat: int) -> tuple[float, float, int]:
    client.get(url, params)  # warm up
    timings = []
    queries = 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, queries


def measure_counts(crisis: Any, repeat: int) -> tuple[float, float]:
    from evacuation.models import EvacuationCase
    from evacuation.selectors.cases import case_counts

    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        case_counts(EvacuationCase.objects.filter(crisis=crisis))
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the seeded data")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seeded: tuple[Any, Any, Any] = reuse(args.cases) if args.keep else (None, None, None)
    crisis, coordinator, caller = seeded
    if crisis is None:
        crisis, coordinator, caller = seed(args.cases)
    try:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        from crisisportal.auth import has_second_factor

        for user in (coordinator, caller):
            if not has_second_factor(user):  # staff pages require a second factor
                TOTP.activate(user, generate_totp_secret())
        url = reverse("evacuation:case-list", args=[crisis.pk])
        coordinator_client = Client()
        coordinator_client.force_login(coordinator)
        caller_client = Client()
        caller_client.force_login(caller)
        scenarios = [
            ("DCC, no filter", coordinator_client, {}),
            ("DCC, status=approved", coordinator_client, {"status": "approved"}),
            ("DCC, group=interpreter", coordinator_client, {"group": "interpreter"}),
            (
                "DCC, nationality=SY priority=1",
                coordinator_client,
                {"nationality": "SY", "priority": "1"},
            ),
            ("DCC, owner=nobody, page 50", coordinator_client, {"owner": "none", "page": "50"}),
            ("call team, own cases", caller_client, {}),
        ]
        print(f"\ncase list page at {args.cases} cases ({args.repeat} requests each)")
        print(f"{'scenario':38} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name, client, params in scenarios:
            median, p95, queries = measure(client, url, params, args.repeat)
            print(f"{name:38} {median:10.1f} {p95:8.1f} {queries:8d}")
        median, p95 = measure_counts(crisis, args.repeat)
        print(f"{'counts group x status (selector only)':38} {median:10.1f} {p95:8.1f} {2:8d}")
    finally:
        if not args.keep:
            from evacuation.models import EvacuationCase
            from registration.models import Person

            person_ids = list(
                EvacuationCase.objects.filter(crisis=crisis).values_list("person_id", flat=True)
            )
            EvacuationCase.objects.filter(crisis=crisis).delete()
            Person.objects.filter(pk__in=person_ids).delete()
            crisis.delete()


if __name__ == "__main__":
    main()
