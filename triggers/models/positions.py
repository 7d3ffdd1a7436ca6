"""Positions of non-like-minded countries recorded in a trigger document."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from triggers.models.base import AddedItem
from triggers.models.documents import TriggerDocument


@pghistory.track()
class NonLikeMindedPosition(AddedItem):
    """What a non-like-minded country does, and why we would not do the same."""

    document = models.ForeignKey(
        TriggerDocument, on_delete=models.CASCADE, related_name="positions"
    )
    country = CountryField(_("country"))
    position = models.TextField(_("position"))
    why_not_us = models.TextField(
        _("why would we not do what they do?"),
        help_text=_("The answer may reveal a scenario nobody considered."),
    )

    class Meta:
        ordering = ["document", "created_at", "id"]
        verbose_name = _("non-like-minded country position")
        verbose_name_plural = _("non-like-minded country positions")

    def __str__(self) -> str:
        return str(self.country.name)  # type: ignore[attr-defined]
