"""Evacuation resources of the API for Defence, camelCase as the contract names them."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisisportal.api.fields import SyncQuerySerializer, UtcDateTimeField, page_serializer
from evacuation.models import FlightOperator, GroupCode
from evacuation.models.cases import EvacuationCase
from evacuation.models.choices import CaseStatus
from evacuation.services.cases import allowed_transitions
from evacuation.services.eligibility import reason_text


class EligibleGroupSerializer(serializers.Serializer):
    code = serializers.ChoiceField(source="group.code", choices=GroupCode.choices)
    name = serializers.CharField(source="group.label")
    priority = serializers.IntegerField(help_text="1 is the highest priority.")


EligibleGroupPageSerializer = page_serializer(
    EligibleGroupSerializer, "EligibleGroupPageSerializer"
)


class FlightInputSerializer(serializers.Serializer):
    """Validated data comes out under the service's argument names (source)."""

    callSign = serializers.CharField(max_length=40, source="call_sign")
    operator = serializers.ChoiceField(choices=FlightOperator.choices)
    capacity = serializers.IntegerField(min_value=1, max_value=100_000)
    departureAt = UtcDateTimeField(allow_null=True, required=False, source="departure_at")
    arrivalAt = UtcDateTimeField(allow_null=True, required=False, source="arrival_at")
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


class GroupReasonSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=GroupCode.choices)
    reason = serializers.CharField(help_text="Why the rules put the person in the group.")

    def to_representation(self, instance: Any) -> Any:
        # The stored reason is rendered in the language of this request.
        return {"code": instance["code"], "reason": reason_text(instance)}


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField(help_text="True when the person is in an enabled group.")
    groups = GroupReasonSerializer(many=True)


class CaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    crisisId = serializers.UUIDField(source="crisis_id")
    personId = serializers.UUIDField(source="person_id")
    eligible = serializers.BooleanField()
    groups = GroupReasonSerializer(many=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    nextStatuses = serializers.SerializerMethodField(
        help_text=(
            "The statuses a PATCH may move the case to now; boarding is reported with "
            "POST /flights/{flightId}/boardings."
        )
    )
    priority = serializers.IntegerField(help_text="1 is the highest priority.")
    flightId = serializers.SerializerMethodField(
        help_text="The flight whose manifest holds the case, or null."
    )
    updatedAt = UtcDateTimeField(source="updated_at")

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(CaseStatus.choices)))
    def get_nextStatuses(self, case: EvacuationCase) -> list[str]:
        return allowed_transitions(case)

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_flightId(self, case: EvacuationCase) -> str | None:
        entry = getattr(case, "manifest_entry", None)
        return str(entry.flight_id) if entry is not None else None


CasePageSerializer = page_serializer(CaseSerializer, "CasePageSerializer")


class CaseListQuerySerializer(SyncQuerySerializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    group = serializers.ChoiceField(choices=GroupCode.choices, required=False)


class CaseCreateInputSerializer(serializers.Serializer):
    personId = serializers.UUIDField()


class CaseUpdateInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Required when the status is `rejected`.",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ManifestInputSerializer(serializers.Serializer):
    caseIds = serializers.ListField(
        child=serializers.UUIDField(),
        allow_empty=True,
        max_length=100_000,
        help_text="The cases on the flight; an empty list empties the manifest.",
    )


class ManifestEntrySerializer(serializers.Serializer):
    caseId = serializers.UUIDField(source="case_id")
    personId = serializers.UUIDField(source="case.person_id")
    status = serializers.ChoiceField(source="case.status", choices=CaseStatus.choices)
    boardedAt = UtcDateTimeField(source="boarded_at", allow_null=True)
    arrivedAt = UtcDateTimeField(source="arrived_at", allow_null=True)


class ManifestSerializer(serializers.Serializer):
    flightId = serializers.UUIDField(source="flight.id")
    capacity = serializers.IntegerField(source="flight.capacity")
    entries = ManifestEntrySerializer(many=True)


class BoardingInputSerializer(serializers.Serializer):
    caseId = serializers.UUIDField()


class BoardingSerializer(serializers.Serializer):
    flightId = serializers.UUIDField(source="flight_id")
    caseId = serializers.UUIDField(source="case_id")
    status = serializers.ChoiceField(source="case.status", choices=CaseStatus.choices)
    boardedAt = UtcDateTimeField(source="boarded_at")
