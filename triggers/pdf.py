"""PDF of a trigger document: scenarios → events → measures with statuses, and review history."""

from django.template.loader import render_to_string
from django.utils import timezone

from triggers import selectors
from triggers.models import TriggerDocument


def document_pdf(document: TriggerDocument) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "triggers/document_pdf.html",
        {
            "document": document,
            "scenarios": selectors.document_scenarios(document),
            "positions": list(document.positions.all()),
            "reviews": [r for r in selectors.document_reviews(document) if r.is_held],
            "version": selectors.document_versions(document)[:1],
            "generated_at": timezone.now(),
        },
    )
    return bytes(HTML(string=html).write_pdf())
