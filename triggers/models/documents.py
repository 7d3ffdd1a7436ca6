"""Trigger documents, their immutable versions and their PDF exports.

Every saved revision of a document is kept as an immutable snapshot (DocumentVersion), so a
review approves an exact version and any two versions can be compared.
"""

from datetime import time

import pghistory
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis, Post
from crisisportal.models.fields import TimestampedModel, UUIDModel, optional_link, staff_link
from triggers.models.choices import Weekday


@pghistory.track()
class TriggerDocument(TimestampedModel):
    title = models.CharField(_("title"), max_length=200)
    crisis = optional_link(
        Crisis,
        _("crisis"),
        related_name="trigger_documents",
        on_delete=models.PROTECT,
        help_text=_("Leave empty for a peace-time document; attach it when a crisis opens."),
    )
    posts = models.ManyToManyField(Post, related_name="trigger_documents", verbose_name=_("posts"))
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Active documents are reviewed weekly.")
    )
    review_weekday = models.PositiveSmallIntegerField(
        _("weekly review day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    review_time = models.TimeField(_("weekly review time"), default=time(10, 0))
    review_guests = models.TextField(
        _("guests"),
        blank=True,
        help_text=_("Others who take part without being reminded by the portal."),
    )
    created_by = staff_link(null=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("trigger document")
        verbose_name_plural = _("trigger documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("triggers:document-detail", args=[self.pk])


class DocumentVersion(models.Model):
    """An immutable snapshot of a trigger document after one saved revision."""

    document = models.ForeignKey(TriggerDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    summary = models.CharField(_("change"), max_length=300)
    created_by = staff_link(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version")
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"v{self.number}"


class DocumentExport(UUIDModel):
    """A PDF export, rendered by a Celery task and served only through an access-checked view."""

    document = models.ForeignKey(TriggerDocument, on_delete=models.CASCADE, related_name="exports")
    file = models.FileField(upload_to="trigger-exports/", blank=True)
    requested_by = staff_link()
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("PDF export")
        verbose_name_plural = _("PDF exports")

    def __str__(self) -> str:
        return f"PDF {self.requested_at:%Y-%m-%d %H:%M}"
