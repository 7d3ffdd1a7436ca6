"""Evacuation resources of the API for Defence, camelCase as the contract names them."""

from rest_framework import serializers

from crisisportal.api.fields import UtcDateTimeField, page_serializer
from evacuation.models import FlightOperator, GroupCode


class EligibleGroupSerializer(serializers.Serializer):
    code = serializers.ChoiceField(source="group.code", choices=GroupCode.choices)
    name = serializers.CharField(source="group.label")
    priority = serializers.IntegerField(help_text="1 is the highest priority.")


EligibleGroupPageSerializer = page_serializer(
    EligibleGroupSerializer, "EligibleGroupPageSerializer"
)


class FlightInputSerializer(serializers.Serializer):
    callSign = serializers.CharField(max_length=40)
    operator = serializers.ChoiceField(choices=FlightOperator.choices)
    capacity = serializers.IntegerField(min_value=1, max_value=100_000)
    departureAt = UtcDateTimeField(allow_null=True, required=False)
    arrivalAt = UtcDateTimeField(allow_null=True, required=False)
    origin = serializers.CharField(max_length=100)
    destination = serializers.CharField(max_length=100)


class FlightSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    crisisId = serializers.UUIDField(source="crisis_id")
    callSign = serializers.CharField(source="call_sign")
    operator = serializers.ChoiceField(choices=FlightOperator.choices)
    capacity = serializers.IntegerField()
    departureAt = UtcDateTimeField(source="departure_at", allow_null=True)
    arrivalAt = UtcDateTimeField(source="arrival_at", allow_null=True)
    origin = serializers.CharField()
    destination = serializers.CharField()
    updatedAt = UtcDateTimeField(source="updated_at")


FlightPageSerializer = page_serializer(FlightSerializer, "FlightPageSerializer")
