"""Output serializers of the trigger-document API (read-only, nested)."""

from rest_framework import serializers

from crisisportal.api.fields import (
    UtcDateTimeField,
    page_serializer,
)
from triggers.models import (
    EventStatus,
    MeasureOwner,
    MeasureStatus,
    ScenarioKind,
)


class MeasureSerializer(serializers.Serializer):
    title = serializers.CharField()
    owner = serializers.ChoiceField(choices=MeasureOwner.choices)
    status = serializers.ChoiceField(choices=MeasureStatus.choices)
    deadline = serializers.DateField(allow_null=True)
    additional = serializers.BooleanField(help_text="Added when the scenario worsened.")


class PrecursorEventSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=EventStatus.choices)
    statusSince = UtcDateTimeField(source="status_since", allow_null=True)
    measures = MeasureSerializer(many=True)


class ScenarioSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ScenarioKind.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    assessment = serializers.CharField()
    worsenedAt = UtcDateTimeField(source="worsened_at", allow_null=True)
    precursorEvents = PrecursorEventSerializer(source="events", many=True)


class TriggerDocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    active = serializers.BooleanField()
    scenarios = ScenarioSerializer(many=True)
    updatedAt = UtcDateTimeField(source="updated_at")


TriggerDocumentPageSerializer = page_serializer(
    TriggerDocumentSerializer, "TriggerDocumentPageSerializer"
)
