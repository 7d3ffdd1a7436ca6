"""Observations of precursor events."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import optional_link, staff_link
from triggers.models.scenarios import (
    EventStatus,
    PrecursorEvent,
)


@pghistory.track()
class EventObservation(models.Model):
    """One recorded observation of a precursor event; the event keeps the latest status."""

    event = models.ForeignKey(PrecursorEvent, on_delete=models.CASCADE, related_name="observations")
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices)
    observed_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300)
    # Where the observation came from, when it is in the portal: a submitted sitrep of the
    # document's crisis, or a fact in the picture of one of its BOB meetings.
    sitrep = optional_link(
        "crisisportal.Sitrep",
        _("situation report"),
        related_name="trigger_observations",
        on_delete=models.PROTECT,
    )
    picture_item = optional_link(
        "crisisportal.PictureItem",
        _("picture item"),
        related_name="trigger_observations",
        on_delete=models.PROTECT,
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = staff_link()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.observed_on}"
