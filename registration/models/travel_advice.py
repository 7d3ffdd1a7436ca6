"""Travel advice per country, one row per published version."""

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.models.choices import AdviceColour


@pghistory.track()
class TravelAdvice(models.Model):
    """One version of the travel advice for a country; the highest published version is current."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = models.CharField(_("country"), max_length=2)
    version = models.PositiveIntegerField()
    colour = models.CharField(_("colour code"), max_length=10, choices=AdviceColour.choices)
    # {"Kabul": "red", ...}: optional colours per region.
    regions = models.JSONField(_("regions"), default=dict, blank=True)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["country", "-version"]
        verbose_name = _("travel advice")
        verbose_name_plural = _("travel advice")
        constraints = [
            models.UniqueConstraint(fields=["country", "version"], name="travel_advice_version")
        ]

    def __str__(self) -> str:
        return f"{self.country} v{self.version}"
