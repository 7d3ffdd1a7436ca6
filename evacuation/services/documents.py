"""Documents of cases and help requests. Uploads are checked by content and size with the
portal's one upload check (crisisportal.services.uploads.upload_checked)."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from crisisportal.services.audit import audit_context
from crisisportal.services.uploads import upload_checked
from evacuation.models.cases import EvacuationCase
from evacuation.models.documents import EvacuationDocument
from evacuation.models.requests import HelpRequestSubmission


def documents_check(uploads: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str, int]]:
    """Check every upload before anything is stored, so a bad file stores nothing."""
    if len(uploads) > settings.EVACUATION_DOCUMENTS_PER_UPLOAD:
        raise ValidationError(
            {
                "attachments": _("Send at most %(count)s files at once.")
                % {"count": settings.EVACUATION_DOCUMENTS_PER_UPLOAD}
            }
        )
    checked = []
    for upload in uploads:
        try:
            content_type, size = upload_checked(
                upload, max_bytes=settings.EVACUATION_DOCUMENT_MAX_BYTES
            )
        except ValidationError as refused:
            raise ValidationError(
                {"attachments": [f"{(upload.name or '')[-80:]}: {m}" for m in refused.messages]}
            ) from refused
        checked.append((upload, content_type, size))
    return checked


def _store(
    checked: list[tuple[UploadedFile, str, int]], *, actor: Any, **owner: Any
) -> list[EvacuationDocument]:
    documents = []
    for upload, content_type, size in checked:
        document = EvacuationDocument(
            original_name=(upload.name or "document")[-200:],
            content_type=content_type,
            size=size,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            **owner,
        )
        document.file.save(document.pk.hex, upload, save=False)
        document.save()
        documents.append(document)
    return documents


@transaction.atomic
def case_documents_add(
    *, actor: Any, case: EvacuationCase, uploads: Sequence[UploadedFile]
) -> list[EvacuationDocument]:
    """Attach documents to a case (call team or DCC)."""
    if not uploads:
        raise ValidationError({"attachments": _("Choose a file.")})
    checked = documents_check(uploads)
    with audit_context(actor):
        return _store(checked, actor=actor, crisis_id=case.crisis_id, case=case)


def submission_documents_add(
    *, submission: HelpRequestSubmission, checked: list[tuple[UploadedFile, str, int]]
) -> list[EvacuationDocument]:
    """Store the checked uploads of a public submission (inside its transaction)."""
    return _store(
        checked,
        actor=None,
        crisis_id=submission.request.crisis_id,
        submission=submission,
        case_id=submission.request.case_id,
    )
