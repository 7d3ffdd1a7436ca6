"""Broadcasts to registrants and their deliveries, one row per recipient."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import UUIDModel, optional_link, staff_link
from registration.models.choices import BroadcastDeliveryStatus, BroadcastKind
from registration.models.registrations import NationalRegistration
from registration.models.travel_advice import TravelAdvice


@pghistory.track()
class Broadcast(UUIDModel):
    """A message to the confirmed registrants of a country, fanned out by Celery."""

    kind = models.CharField(_("kind"), max_length=20, choices=BroadcastKind.choices)
    country = models.CharField(_("country"), max_length=2)
    travel_advice = optional_link(TravelAdvice, related_name="broadcasts", on_delete=models.PROTECT)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_by = staff_link(null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once every recipient has a delivery row (the fan-out is idempotent until then).
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")

    def __str__(self) -> str:
        return self.subject


class BroadcastDelivery(models.Model):
    """One row per broadcast and registration: the unique constraint is what makes a
    broadcast reach a registrant at most once, whatever workers or Redis do."""

    id = models.BigAutoField(primary_key=True)
    broadcast = models.ForeignKey(Broadcast, on_delete=models.CASCADE, related_name="deliveries")
    registration = models.ForeignKey(
        NationalRegistration, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10,
        choices=BroadcastDeliveryStatus.choices,
        default=BroadcastDeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    notification = models.ForeignKey(
        "crisisportal.Notification", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["broadcast", "registration"], name="broadcast_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["broadcast", "status"], name="broadcast_delivery_status")]

    def __str__(self) -> str:
        return f"{self.broadcast_id}:{self.registration_id} {self.status}"
