"""What the trigger models share: repeated field shapes and the base of a document's items."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def optional_reference(
    to: Any,
    verbose_name: Any,
    *,
    related_name: str = "+",
    on_delete: Any = models.PROTECT,
    **options: Any,
) -> "models.ForeignKey[Any, Any]":
    """A reference that may be empty: null in the database, optional in forms."""
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        related_name=related_name,
        null=True,
        blank=True,
        verbose_name=verbose_name,
        **options,
    )


def staff_reference(**options: Any) -> "models.ForeignKey[Any, Any]":
    """The staff member who created or recorded something. Kept for the record (an account is
    not deleted while it is referenced), and not listed from the user's side."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", **options
    )


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
