"""Benchmark: the background PDF export of an evacuation case list at thousands of cases.

Usage (a scratch database; each size is seeded, measured in its own process so its peak
memory is its own, and cleaned up):

    DATABASE_URL=postgres://postgres@localhost:5432/cp_bench REDIS_URL=redis://localhost:6379/9 \
        python bench/evacuation_pdf_export.py [--sizes 1000 5000 20000]

What the Celery task runs is measured directly (evacuation.pdf.case_list_pdf_build): the
filtered query, the progress updates and the WeasyPrint rendering; the worker around it adds
nothing that grows with the list.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DEBUG", "false")


def measure_one(size: int) -> None:
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from evacuation_cases import seed
    from pypdf import PdfReader

    from evacuation.models import EvacuationCase
    from evacuation.models.requests import CaseListExport
    from evacuation.pdf import case_list_pdf_build
    from registration.models import Person

    call_command("migrate", verbosity=0)
    crisis, coordinator, _caller = seed(size)
    try:
        export = CaseListExport.objects.create(crisis=crisis, requested_by=coordinator)
        started = time.perf_counter()
        case_list_pdf_build(str(export.pk))
        seconds = time.perf_counter() - started
        export.refresh_from_db()
        with export.file.open("rb") as handle:
            content = handle.read()
        pages = len(PdfReader(io.BytesIO(content)).pages)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"RESULT {size} {seconds:.1f} {peak_mb:.0f} {pages} {len(content) / 1e6:.1f} "
            f"{export.done}"
        )
        export.file.delete(save=False)
    finally:
        person_ids = list(
            EvacuationCase.objects.filter(crisis=crisis).values_list("person_id", flat=True)
        )
        EvacuationCase.objects.filter(crisis=crisis).delete()
        Person.objects.filter(pk__in=person_ids).delete()
        crisis.delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure_one(args.one)
        return
    print(f"{'cases':>7} {'seconds':>8} {'peak MB':>8} {'pages':>6} {'PDF MB':>7}")
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        line = next(row for row in output.splitlines() if row.startswith("RESULT"))
        _tag, cases, seconds, peak, pages, megabytes, done = line.split()
        assert int(done) == int(cases), line
        print(f"{cases:>7} {seconds:>8} {peak:>8} {pages:>6} {megabytes:>7}")


if __name__ == "__main__":
    main()
