"""PDF exports of a trigger document, rendered by a Celery task."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from crisisportal.queue import task_enqueue_on_commit
from triggers.models import DocumentExport, TriggerDocument
from triggers.pdf import document_pdf


@transaction.atomic
def document_export_request(*, actor: User, document: TriggerDocument) -> DocumentExport:
    """Queue a PDF export of the document; a Celery task renders it after commit."""
    export = DocumentExport.objects.create(document=document, requested_by=actor)
    task_enqueue_on_commit("triggers.tasks.trigger_document_export_render", export.pk)
    return export


def document_export_render(*, export_id: Any) -> DocumentExport | None:
    """Render a requested export (idempotent: a finished export is left alone)."""
    export = (
        DocumentExport.objects.select_related("document", "requested_by__staff_profile")
        .filter(pk=export_id)
        .first()
    )
    if export is None or export.finished_at is not None:
        return export
    profile = getattr(export.requested_by, "staff_profile", None)
    with translation.override(profile.language if profile else settings.LANGUAGE_CODE):
        content = document_pdf(export.document)
    export.file.save(f"trigger-document-{export.pk}.pdf", ContentFile(content), save=False)
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "finished_at"])
    return export
