"""PDF of a trigger document: scenarios → events → measures with statuses, and review history."""

from django.template.loader import render_to_string
from django.utils import timezone

from triggers.models import TriggerDocument
from triggers.selectors.documents import document_scenarios
from triggers.selectors.reviews import document_reviews
from triggers.selectors.versions import document_versions


def document_pdf(document: TriggerDocument) -> bytes:
    from weasyprint import HTML  # heavy; loaded only by the worker that renders

    html = render_to_string(
        "triggers/document_pdf.html",
        {
            "document": document,
            "scenarios": document_scenarios(document),
            "positions": list(document.positions.all()),
            "reviews": [r for r in document_reviews(document) if r.is_held],
            "version": document_versions(document)[:1],
            "generated_at": timezone.now(),
        },
    )
    return bytes(HTML(string=html).write_pdf())
