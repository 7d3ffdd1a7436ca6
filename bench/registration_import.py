"""Benchmark: preview and import of N local-staff rows from CSV (default 100,000).

    DATABASE_URL=postgres://postgres@localhost:5432/cp_bench DEBUG=true \
        .venv/bin/python bench/registration_import.py --rows 100000
Prints the time of the preview (validation, without duplicate lookup and with it for a
sample), the first import and the idempotent re-import.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisportal.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from registration.services.local_staff_import import (  # noqa: E402
    local_staff_import_apply,
    local_staff_import_preview,
)

HEADER = "employer,employer_reference,contract_type,role,mission,start_date,end_date,given_names,family_name,date_of_birth,sex,nationalities\n"


def make_csv(rows: int) -> bytes:
    lines = [HEADER]
    for i in range(rows):
        lines.append(
            f"defence,BENCH-{i},freelance,interpreter,Mission {i % 7},2006-08-01,2010-08-01,"
            f"Ahmad{i % 101},Noori{i},{1950 + i % 50}-01-01,male,AF\n"
        )
    return "".join(lines).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    content = make_csv(args.rows)
    started = time.perf_counter()
    preview = local_staff_import_preview(
        filename="bench.csv", content=content, find_duplicates=False
    )
    print(f"preview of {args.rows} rows (validation only): {time.perf_counter() - started:.1f}s")
    sample = make_csv(1000)
    started = time.perf_counter()
    local_staff_import_preview(filename="bench.csv", content=sample, find_duplicates=True)
    print(f"preview of 1000 rows with duplicate lookup: {time.perf_counter() - started:.1f}s")
    started = time.perf_counter()
    result = local_staff_import_apply(actor=None, preview=preview)
    print(f"import: {result} in {time.perf_counter() - started:.1f}s")
    started = time.perf_counter()
    result = local_staff_import_apply(actor=None, preview=preview)
    print(f"re-import: {result} in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
