"""Broadcasts to registrants and their deliveries, one row per recipient."""

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.models.choices import BroadcastDeliveryStatus, BroadcastKind
from registration.models.registrations import NationalRegistration
from registration.models.travel_advice import TravelAdvice


@pghistory.track()
class Broadcast(models.Model):
    """A message to the confirmed registrants of a country, fanned out by Celery."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=BroadcastKind.choices)
    country = models.CharField(_("country"), max_length=2)
    travel_advice = models.ForeignKey(
        TravelAdvice, on_delete=models.PROTECT, null=True, blank=True, related_name="broadcasts"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
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
