import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis
from crisisportal.models.fields import UploadedFile, optional_link, staff_link


def document_path(instance: "EvacuationDocument", filename: str) -> str:
    # Under MEDIA_ROOT (never served directly); the stored name carries no user input.
    return f"evacuation/documents/{instance.crisis_id}/{instance.id}"


@pghistory.track()
class EvacuationDocument(UploadedFile):
    """A document (passport scan, permit, contract) of a case, or sent with a help request
    and attached to the case once the request is turned into one. Served only by the
    access-checked download view, addressed by its id."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="+")
    case = optional_link(
        "evacuation.EvacuationCase", on_delete=models.CASCADE, related_name="document_files"
    )
    submission = optional_link("evacuation.HelpRequestSubmission", related_name="document_files")
    file = models.FileField(upload_to=document_path, max_length=200)
    uploaded_by = staff_link(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        indexes = [
            models.Index(fields=["case", "uploaded_at"], name="evacdocument_case"),
            models.Index(fields=["submission"], name="evacdocument_submission"),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
