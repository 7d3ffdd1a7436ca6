"""What the trigger models share beyond crisisportal.models.fields: the owner name of a
measure and the base of a document's items."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def owner_name(help_text: Any) -> "models.CharField[Any, Any]":
    """The name of a measure's owner (a directorate, a ministry), as people write it; names
    are matched without case and extra spaces."""
    return models.CharField(_("owner (name)"), max_length=200, blank=True, help_text=help_text)


class AddedItem(models.Model):
    """An item of a document, listed in the order it was added (its Meta orders by parent,
    created_at and id)."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
