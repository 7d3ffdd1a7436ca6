"""Output of the core resources (crises and their picture), camelCase as the contract names them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisisportal.api.fields import SyncQuerySerializer, UtcDateTimeField, page_serializer
from crisisportal.models import CrisisKind, CrisisPhase, EscalationLevel
from crisisportal.models.choices import (
    Availability,
    CountryCamp,
    CountryStance,
    DecisionStatus,
    LocalControl,
    Urgency,
)


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


class PostSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    country = CountryCodeField(source="country.code")
    city = serializers.CharField()


class CountryPositionSerializer(serializers.Serializer):
    camp = serializers.ChoiceField(choices=CountryCamp.choices)
    country = CountryCodeField(source="country.code")
    stance = serializers.ChoiceField(choices=CountryStance.choices)
    details = serializers.CharField()
    observedOn = serializers.DateField(source="observed_on")


class SitrepSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    crisisId = serializers.UUIDField(source="crisis_id")
    post = PostSummarySerializer()
    version = serializers.IntegerField(help_text="1, or higher for a correction.")
    supersedesId = serializers.UUIDField(
        source="supersedes_id",
        allow_null=True,
        help_text="The submitted version this report corrects, or null.",
    )
    periodStart = UtcDateTimeField(source="period_start")
    periodEnd = UtcDateTimeField(source="period_end")
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    securitySituation = serializers.CharField(source="security_situation")
    localAuthorityControl = serializers.ChoiceField(
        source="local_authority_control", choices=LocalControl.choices
    )
    localAuthorityNotes = serializers.CharField(source="local_authority_notes")
    airport = serializers.ChoiceField(choices=Availability.choices)
    commercialFlights = serializers.ChoiceField(
        source="commercial_flights", choices=Availability.choices
    )
    borderCrossings = serializers.ChoiceField(
        source="border_crossings", choices=Availability.choices
    )
    landingRights = serializers.ChoiceField(source="landing_rights", choices=Availability.choices)
    essentialsNotes = serializers.CharField(source="essentials_notes")
    positiveDevelopments = serializers.CharField(source="positive_developments")
    negativeDevelopments = serializers.CharField(source="negative_developments")
    remarks = serializers.CharField(source="free_text")
    countryPositions = CountryPositionSerializer(source="country_positions", many=True)
    submittedAt = UtcDateTimeField(source="submitted_at")
    updatedAt = UtcDateTimeField(
        source="submitted_at",
        help_text="Submitted reports never change (a correction is a new version): the "
        "moment of submission.",
    )


SitrepPageSerializer = page_serializer(SitrepSerializer, "SitrepPageSerializer")


class DecisionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    crisisId = serializers.UUIDField(source="crisis_id")
    meetingId = serializers.UUIDField(source="meeting_id")
    meetingTitle = serializers.CharField(source="meeting.title")
    text = serializers.CharField()
    ownerName = serializers.CharField(source="owner.get_full_name", help_text="Who acts on it.")
    deadline = serializers.DateField()
    status = serializers.ChoiceField(choices=DecisionStatus.choices)
    droppedReason = serializers.CharField(source="dropped_reason")
    isMinisterDecisionPoint = serializers.BooleanField(
        source="is_minister_decision_point",
        help_text="Put to the political level; see ministerAnswer.",
    )
    ministerAnswer = serializers.CharField(source="minister_answer")
    ministerAnsweredAt = UtcDateTimeField(source="minister_answered_at", allow_null=True)
    decidedAt = UtcDateTimeField(source="created_at")
    updatedAt = UtcDateTimeField(source="updated_at")


DecisionPageSerializer = page_serializer(DecisionSerializer, "DecisionPageSerializer")


class DecisionListQuerySerializer(SyncQuerySerializer):
    status = serializers.ChoiceField(choices=DecisionStatus.choices, required=False)
