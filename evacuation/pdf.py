"""PDFs: the manifest of a flight, and case lists (generated in the background)."""

import io
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from evacuation.models import Flight
from evacuation.models.choices import ExportStatus
from evacuation.models.requests import CaseListExport
from evacuation.permissions import CaseScope, case_scope, cases_visible
from evacuation.selectors.cases import case_list, cases_filter

CHUNK = 500


def manifest_pdf(flight: Flight, entries: list[Any]) -> bytes:
    html = render_to_string(
        "evacuation/pdf/manifest.html",
        {"flight": flight, "entries": entries, "generated_at": timezone.now()},
    )
    return HTML(string=html).write_pdf()


def case_list_pdf_build(export_id: str) -> None:
    """Render the export's case list, reporting progress per chunk of rows.

    A list of thousands is laid out in chunks of CHUNK rows, each its own small document,
    and the chunks are joined: WeasyPrint lays out one long table far more slowly than many
    short ones, and a chunk's layout is freed before the next. Progress counts rendered rows.
    Idempotent: a finished export is left alone; a retried one starts over."""
    export = CaseListExport.objects.select_related("crisis", "requested_by").get(pk=export_id)
    if export.status == ExportStatus.DONE:
        return
    filters = {k: v for k, v in export.filters.items() if not k.startswith("_")}
    # What the requester may see now, judged when the list is built (as on the list page).
    try:
        scope = case_scope(export.requested_by, export.crisis)
    except Http404:
        scope = CaseScope.COUNTS
    cases = cases_visible(export.requested_by, export.crisis, scope)
    cases = case_list(cases_filter(cases, filters))
    total = cases.count()
    CaseListExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, total=total, done=0
    )
    context = {"crisis": export.crisis, "filters": filters, "generated_at": timezone.now()}
    # The worker renders in the requester's language, as the page they asked it from.
    profile = getattr(export.requested_by, "staff_profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    writer = PdfWriter()
    done = 0
    chunk: list[Any] = []

    def render(rows: list[Any], *, first: bool, last: bool) -> None:
        with translation.override(language):
            html = render_to_string(
                "evacuation/pdf/case_list.html",
                {**context, "cases": rows, "first": first, "last": last},
            )
        writer.append(PdfReader(io.BytesIO(HTML(string=html).write_pdf())))

    for case in cases.iterator(chunk_size=CHUNK):
        chunk.append(case)
        if len(chunk) == CHUNK:
            render(chunk, first=done == 0, last=done + len(chunk) == total)
            done += len(chunk)
            chunk = []
            CaseListExport.objects.filter(pk=export.pk).update(done=done)
    if chunk or done == 0:
        render(chunk, first=done == 0, last=True)
        done += len(chunk)
    output = io.BytesIO()
    writer.write(output)
    export.file.save(f"cases-{export.pk}.pdf", ContentFile(output.getvalue()), save=False)
    export.status = ExportStatus.DONE
    export.done = done
    export.total = total
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "done", "total", "finished_at"])
