"""Uploaded local staff files: kept server-side between the preview and the import.

The preview (every row checked, every error stored by row and column, duplicate candidates
reported) and the import both run in Celery, so a 100,000-row file neither times out a
request nor travels in a cookie. The import is one transaction: all rows, or only the valid
rows when the user explicitly chose so. The stored file is blanked once imported and every
upload is purged a day after it was made.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.queue import task_enqueue_on_commit
from registration.models import (
    LocalStaffImportDuplicate,
    LocalStaffImportError,
    LocalStaffImportStatus,
    LocalStaffImportUpload,
)
from registration.services.local_staff_import import (
    local_staff_import_apply,
    local_staff_import_preview,
)

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
# Rows of errors and duplicates are written this many at a time.
WRITE_BATCH = 5000


@transaction.atomic
def local_staff_import_upload_create(
    *, actor: Any, filename: str, content: bytes
) -> LocalStaffImportUpload:
    """Keep an uploaded file and queue its check (after commit, so the worker finds it)."""
    errors: list[str] = []
    if not filename.lower().endswith(ALLOWED_EXTENSIONS):
        errors.append(_("Upload a .csv or .xlsx file."))
    if len(content) > settings.LOCAL_STAFF_IMPORT_MAX_BYTES:
        errors.append(
            _("The file is larger than %(limit)s MB; split it into smaller files.")
            % {"limit": settings.LOCAL_STAFF_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if not content:
        errors.append(_("The file is empty."))
    if errors:
        raise ValidationError({"file": errors})
    upload = LocalStaffImportUpload.objects.create(
        filename=filename[-255:], content=content, size=len(content), uploaded_by=actor
    )
    task_enqueue_on_commit("registration.tasks.local_staff_import_validate", upload.pk)
    return upload


def local_staff_import_upload_validate(*, upload_id: Any) -> None:
    """Check every row of the stored file and keep the findings. Idempotent: a retry after
    a crashed worker starts the check again from scratch."""
    claimed = LocalStaffImportUpload.objects.filter(
        pk=upload_id,
        status__in=[LocalStaffImportStatus.PENDING, LocalStaffImportStatus.VALIDATING],
    ).update(status=LocalStaffImportStatus.VALIDATING, checked_count=0)
    if not claimed:
        return
    upload = LocalStaffImportUpload.objects.get(pk=upload_id)

    def progress(done: int, total: int) -> None:
        LocalStaffImportUpload.objects.filter(pk=upload.pk).update(
            checked_count=done, row_count=total
        )

    preview = local_staff_import_preview(
        filename=upload.filename, content=bytes(upload.content), on_progress=progress
    )
    with transaction.atomic():
        upload = LocalStaffImportUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.status != LocalStaffImportStatus.VALIDATING:
            return
        upload.errors.all().delete()
        upload.duplicates.all().delete()
        LocalStaffImportError.objects.bulk_create(
            (
                LocalStaffImportError(
                    upload=upload, row=error.row, column=error.column, message=error.message[:500]
                )
                for error in preview.errors
            ),
            batch_size=WRITE_BATCH,
        )
        LocalStaffImportDuplicate.objects.bulk_create(
            (
                LocalStaffImportDuplicate(
                    upload=upload, row=row.row, person=candidate.person, score=candidate.score
                )
                for row in preview.rows
                for candidate in row.duplicates
            ),
            batch_size=WRITE_BATCH,
        )
        upload.file_errors = list(preview.file_errors)
        upload.row_count = upload.checked_count = len(preview.rows)
        upload.valid_count = len(preview.valid_rows)
        upload.error_row_count = upload.row_count - upload.valid_count
        upload.error_count = len(preview.errors)
        upload.duplicate_row_count = sum(1 for row in preview.rows if row.duplicates)
        upload.existing_count = sum(1 for row in preview.rows if row.existing_person_id)
        upload.status = LocalStaffImportStatus.VALIDATED
        upload.validated_at = timezone.now()
        upload.save()


def local_staff_import_upload_apply_request(
    *, actor: Any, upload: LocalStaffImportUpload, only_valid_rows: bool
) -> None:
    """Queue the import of a checked file: all rows when none has an error, else only the
    valid rows and only when the user explicitly chose that. A second click queues nothing."""
    if upload.status in (LocalStaffImportStatus.APPLYING, LocalStaffImportStatus.APPLIED):
        return
    if upload.status != LocalStaffImportStatus.VALIDATED:
        raise ValidationError(_("This file is not ready to be imported."))
    if upload.file_errors or not upload.row_count:
        raise ValidationError(_("The file has errors; nothing can be imported."))
    if upload.error_row_count and not only_valid_rows:
        raise ValidationError(
            _(
                "Some rows have errors. Correct the file and upload it again, or choose to "
                "import only the valid rows."
            )
        )
    if only_valid_rows and not upload.valid_count:
        raise ValidationError(_("No row is valid; nothing can be imported."))
    with transaction.atomic():
        claimed = LocalStaffImportUpload.objects.filter(
            pk=upload.pk, status=LocalStaffImportStatus.VALIDATED
        ).update(
            status=LocalStaffImportStatus.APPLYING,
            only_valid_rows=bool(only_valid_rows and upload.error_row_count),
        )
        if claimed:
            task_enqueue_on_commit("registration.tasks.local_staff_import_apply_task", upload.pk)


def local_staff_import_upload_apply(*, upload_id: Any) -> None:
    """Import the stored file in one transaction, with the upload's status and result, so
    a crash leaves either everything or nothing (and the retry imports it once: rows are
    upserted on the employer's reference)."""
    with transaction.atomic():
        upload = (
            LocalStaffImportUpload.objects.select_for_update()
            .select_related("uploaded_by")
            .filter(pk=upload_id, status=LocalStaffImportStatus.APPLYING)
            .first()
        )
        if upload is None:
            return
        preview = local_staff_import_preview(
            filename=upload.filename, content=bytes(upload.content), find_duplicates=False
        )
        try:
            with transaction.atomic():
                result = local_staff_import_apply(
                    actor=upload.uploaded_by,
                    preview=preview,
                    only_valid_rows=upload.only_valid_rows,
                )
        except ValidationError as error:
            upload.status = LocalStaffImportStatus.FAILED
            upload.result = {"error": " ".join(error.messages)}
        else:
            upload.status = LocalStaffImportStatus.APPLIED
            upload.result = result
        # Imported (or refused for good): the personal data in the file is not kept.
        upload.content = b""
        upload.applied_at = timezone.now()
        upload.save()
        upload.duplicates.all().delete()


def local_staff_import_uploads_purge() -> int:
    """Beat: delete uploads (file, errors, duplicate reports) older than the retention."""
    cutoff = timezone.now() - timedelta(hours=settings.LOCAL_STAFF_IMPORT_RETENTION_HOURS)
    deleted, _by_model = LocalStaffImportUpload.objects.filter(created_at__lt=cutoff).delete()
    return deleted
