"""Uploaded local staff files between their preview and their import, with the errors and
probable duplicates found per row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import UUIDModel, staff_link
from registration.models.choices import LocalStaffImportStatus
from registration.models.persons import Person


class LocalStaffImportUpload(UUIDModel):
    """An uploaded local staff file between its preview and its import.

    The file is kept here, server-side (never in the session cookie), so the preview and the
    import, both run by Celery, read the very bytes the user saw checked. Its content is
    blanked once imported, and every upload is deleted a day after it was made
    (local_staff_import_uploads_purge), imported or not: it holds personal data.
    """

    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = staff_link(on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=LocalStaffImportStatus.choices,
        default=LocalStaffImportStatus.PENDING,
    )
    # Problems with the file as a whole (unreadable, wrong headers): no rows were checked.
    file_errors = models.JSONField(default=list, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    # Rows checked so far, for the progress shown while Celery checks a big file.
    checked_count = models.PositiveIntegerField(default=0)
    valid_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    error_row_count = models.PositiveIntegerField(default=0)
    duplicate_row_count = models.PositiveIntegerField(default=0)
    # Rows whose employer's reference is already registered (the import updates those).
    existing_count = models.PositiveIntegerField(default=0)
    only_valid_rows = models.BooleanField(default=False)
    # {"created": n, "updated": n, "skipped": n} once imported; {"error": "..."} if refused.
    result = models.JSONField(default=dict, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("local staff import")
        verbose_name_plural = _("local staff imports")

    def __str__(self) -> str:
        return self.filename


class LocalStaffImportError(models.Model):
    """One error of an uploaded file, by row (the header is row 1) and column."""

    id = models.BigAutoField(primary_key=True)
    upload = models.ForeignKey(
        LocalStaffImportUpload, on_delete=models.CASCADE, related_name="errors"
    )
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=50)
    message = models.CharField(max_length=500)

    class Meta:
        ordering = ["row", "id"]
        indexes = [models.Index(fields=["upload", "row", "id"], name="staff_import_error_row")]

    def __str__(self) -> str:
        return f"{self.row} {self.column}"


class LocalStaffImportDuplicate(models.Model):
    """A person already registered who is probably the person of a row: reported to the
    user, never merged by the import."""

    id = models.BigAutoField(primary_key=True)
    upload = models.ForeignKey(
        LocalStaffImportUpload, on_delete=models.CASCADE, related_name="duplicates"
    )
    row = models.PositiveIntegerField()
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0.0)

    class Meta:
        ordering = ["row", "-score", "id"]
        indexes = [models.Index(fields=["upload", "row"], name="staff_import_duplicate_row")]

    def __str__(self) -> str:
        return f"{self.row} {self.person_id}"
