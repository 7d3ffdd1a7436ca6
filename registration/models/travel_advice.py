"""Travel advice per country, one row per published version."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import UUIDModel, staff_link
from registration.models.choices import AdviceColour


@pghistory.track()
class TravelAdvice(UUIDModel):
    """One version of the travel advice for a country; the highest published version is current."""

    country = models.CharField(_("country"), max_length=2)
    version = models.PositiveIntegerField()
    colour = models.CharField(_("colour code"), max_length=10, choices=AdviceColour.choices)
    # {"Kabul": "red", ...}: optional colours per region.
    regions = models.JSONField(_("regions"), default=dict, blank=True)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = staff_link(null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["country", "-version"]
        verbose_name = _("travel advice")
        verbose_name_plural = _("travel advice")
        constraints = [
            models.UniqueConstraint(fields=["country", "version"], name="travel_advice_version")
        ]

    def __str__(self) -> str:
        return f"{self.country} v{self.version}"
