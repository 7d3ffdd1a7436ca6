import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis
from crisisportal.models.fields import UUIDModel, staff_link
from evacuation.models.choices import FlightOperator


@pghistory.track()
class Flight(UUIDModel):
    """A flight or other movement out of the crisis area, with a capacity for its manifest."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="flights")
    operator = models.CharField(_("operator"), max_length=20, choices=FlightOperator.choices)
    call_sign = models.CharField(_("call sign"), max_length=40)
    capacity = models.PositiveIntegerField(_("capacity"))
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=100)
    destination = models.CharField(_("destination"), max_length=100)
    created_by = staff_link(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["departure_at", "call_sign"]
        indexes = [models.Index(fields=["crisis", "departure_at"], name="flight_crisis_departure")]
        verbose_name = _("flight")
        verbose_name_plural = _("flights")

    def __str__(self) -> str:
        return self.call_sign
