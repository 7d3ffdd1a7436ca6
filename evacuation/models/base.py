"""What the evacuation models share: a UUID key (ids travel in URLs and the API, and say
nothing about how many rows there are), links to the staff member who acted, and links
that may be empty."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvacuationModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


def staff_link(*, blank: bool = False, **options: Any) -> Any:
    """The staff member who recorded, created or reviewed something. Kept while the record
    exists (PROTECT); empty when the system or the public acted; not listed on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=blank,
        **options,
    )


def optional_link(to: Any, *, related_name: str, **options: Any) -> Any:
    """A link that may be empty, and is emptied when its target is deleted."""
    return models.ForeignKey(
        to, on_delete=models.SET_NULL, null=True, blank=True, related_name=related_name, **options
    )


class StaffRecord(EvacuationModel):
    """A record a staff member made (conditions, decisions): who recorded it, and when."""

    recorded_by = staff_link(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

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


class TimestampedModel(EvacuationModel):
    """Work items (cases, help requests): when they came in and when they last changed (the
    API synchronises on updated_at)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
