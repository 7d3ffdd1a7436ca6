"""Forms of the flight pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import datetime_field
from crisisportal.forms.rendering import PortalForm
from evacuation.models import (
    FlightOperator,
)


class FlightForm(PortalForm):
    call_sign = forms.CharField(label=_("Call sign"), max_length=40)
    operator = forms.ChoiceField(label=_("Operator"), choices=FlightOperator.choices)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1)
    origin = forms.CharField(label=_("Origin"), max_length=100)
    destination = forms.CharField(label=_("Destination"), max_length=100)
    departure_at = datetime_field(label=_("Departure"), required=False)
    arrival_at = datetime_field(label=_("Arrival"), required=False)
