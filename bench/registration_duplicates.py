"""Benchmark: duplicate lookup for a new person among N persons (default 1,000,000).

Run against a scratch database (it inserts N persons with COPY-like bulk inserts):
    DATABASE_URL=postgres://postgres@localhost:5432/cp_bench DEBUG=true \
        .venv/bin/python bench/registration_duplicates.py --persons 1000000
Prints the median and p95 latency of person_duplicate_candidates over 200 lookups.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisportal.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from datetime import date  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from registration.models import Person  # noqa: E402
from registration.selectors.persons import person_duplicate_candidates  # noqa: E402

GIVEN = [
    "Mohammad",
    "Ahmad",
    "Abdul Rahman",
    "Fatima",
    "Zahra",
    "Gul",
    "Rahim",
    "Sami",
    "Anna",
    "Jan",
    "Pieter",
    "Maryam",
    "Yusuf",
    "Omar",
    "Hassan",
    "Layla",
    "Nadia",
]
FAMILY = [
    "Ahmadi",
    "Karimi",
    "Noori",
    "Zazai",
    "Safi",
    "Rahimi",
    "Haidari",
    "Jansen",
    "de Vries",
    "Bakker",
    "Popal",
    "Stanekzai",
    "Wardak",
    "Sultani",
    "Hashimi",
]


def populate(n: int) -> None:
    have = Person.objects.count()
    rng = random.Random(1)
    batch: list[Person] = []
    for i in range(have, n):
        person = Person(
            given_names=f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}",
            family_name=f"{rng.choice(FAMILY)}{i % 997 or ''}",
            date_of_birth=date(
                1940 + rng.randrange(80), 1 + rng.randrange(12), 1 + rng.randrange(28)
            ),
            source="import",
        )
        person.refresh_derived_fields()
        batch.append(person)
        if len(batch) == 10_000:
            Person.objects.bulk_create(batch)
            batch = []
            print(f"  {i + 1} persons", end="\r", flush=True)
    if batch:
        Person.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registration_person")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    populate(args.persons)
    print(f"populated {Person.objects.count()} persons in {time.perf_counter() - start:.0f}s")
    rng = random.Random(2)
    timings = []
    for _ in range(args.lookups):
        started = time.perf_counter()
        person_duplicate_candidates(
            given_names=f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}",
            family_name=rng.choice(FAMILY),
            date_of_birth=date(
                1940 + rng.randrange(80), 1 + rng.randrange(12), 1 + rng.randrange(28)
            ),
            document_numbers=["P1234567"],
        )
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"duplicate lookup among {args.persons} persons: median {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms over {args.lookups} lookups"
    )


if __name__ == "__main__":
    main()
