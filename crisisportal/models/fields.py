"""Field shapes the models of every app share: a UUID key, links to the staff member who acted,
links that may be empty, timestamps, and the record of a decision.

A factory here must build exactly the field the model declared before (same null, blank,
on_delete, related_name and verbose_name), so that using it never produces a migration.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UUIDModel(models.Model):
    """A UUID key: ids travel in URLs and the API, and say nothing about how many rows there
    are."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


def staff_link(
    *, null: bool = False, blank: bool = False, on_delete: Any = models.PROTECT, **options: Any
) -> Any:
    """A staff member named on a record (who created, recorded, reviewed or was alerted).

    Kept while the record exists (PROTECT) unless the record says otherwise; null where the
    system or the public acted; never listed from the user's side (related_name "+")."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        related_name="+",
        null=null,
        blank=blank,
        **options,
    )


def optional_link(
    to: Any,
    verbose_name: Any = None,
    *,
    related_name: str = "+",
    on_delete: Any = models.SET_NULL,
    **options: Any,
) -> Any:
    """A link that may be empty (null in the database, optional in forms); emptied when its
    target is deleted unless on_delete says otherwise."""
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


class TimestampedModel(UUIDModel):
    """When a row came in and when it last changed (the API synchronises work items such as
    cases and help requests on updated_at)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DecisionRecord(models.Model):
    """A decision as the record of it reads: why, who took it (a person or body, in words),
    and when."""

    rationale = models.TextField(_("rationale"))
    decided_by = models.CharField(_("decided by"), max_length=200)
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        abstract = True


class CreatedByStaff(UUIDModel):
    """A record a staff member wrote in the portal (a meeting, a fact, a judgement, a decision,
    a report): who wrote it, kept for the record, and when."""

    created_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class UploadedFile(UUIDModel):
    """A file a user uploaded. The stored name carries no user input (it is the row's id):
    the name the user gave it, its type and size are kept here."""

    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
