"""Flights and other movements out of the crisis area."""

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from crisisportal.models import Crisis
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_save
from evacuation.models import Flight, FlightOperator


def flight_create(
    *,
    actor: object,
    crisis: Crisis,
    operator: str,
    call_sign: str,
    capacity: int,
    origin: str,
    destination: str,
    departure_at: datetime | None = None,
    arrival_at: datetime | None = None,
) -> Flight:
    """Create a flight. Actor is a user or (for the API) any object naming the client."""
    errors = {}
    if operator not in FlightOperator.values:
        errors["operator"] = _("Unknown operator.")
    if capacity is None or capacity < 1:
        errors["capacity"] = _("A flight needs a capacity of at least one seat.")
    if departure_at and arrival_at and arrival_at < departure_at:
        errors["arrival_at"] = _("The arrival cannot be before the departure.")
    if errors:
        raise ValidationError(errors)
    with audit_context(actor):
        return record_save(
            Flight(
                crisis=crisis,
                operator=operator,
                call_sign=call_sign,
                capacity=capacity,
                origin=origin,
                destination=destination,
                departure_at=departure_at,
                arrival_at=arrival_at,
                created_by=actor if isinstance(actor, User) else None,
            )
        )
