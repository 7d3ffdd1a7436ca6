"""Field shapes the trigger models repeat."""

from typing import Any

from django.conf import settings
from django.db import models


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
