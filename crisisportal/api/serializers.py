"""Output of the core resources (crises), camelCase as the contract names them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisisportal.api.fields import UtcDateTimeField, page_serializer
from crisisportal.models import CrisisKind, CrisisPhase, EscalationLevel


@extend_schema_field({"type": "string", "pattern": "^[A-Z]{2}$", "example": "SD"})
class CountryCodeField(serializers.CharField):
    """ISO 3166-1 alpha-2."""


class CrisisSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=CrisisKind.choices)
    phase = serializers.ChoiceField(choices=CrisisPhase.choices)
    escalationLevel = serializers.ChoiceField(
        source="escalation_level", choices=EscalationLevel.choices
    )
    countries = serializers.ListField(child=CountryCodeField())
    openedAt = UtcDateTimeField(source="opened_at")
    updatedAt = UtcDateTimeField(source="updated_at")


CrisisPageSerializer = page_serializer(CrisisSerializer, "CrisisPageSerializer")
