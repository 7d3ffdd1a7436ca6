"""Trigger documents of a crisis for Defence, read-only: scenarios, their precursor events
and the measures (with owner, so Defence sees which are theirs)."""

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.api.base import ApiView
from crisisportal.api.fields import (
    LIST_PARAMETERS,
    UPDATED_SINCE_PARAMETER,
    SyncQuerySerializer,
    UtcDateTimeField,
    keyset_page,
    page_serializer,
    parse_query,
)
from crisisportal.permissions import access_crisis
from triggers.models import (
    EventStatus,
    Measure,
    MeasureOwner,
    MeasureStatus,
    PrecursorEvent,
    Scenario,
    ScenarioKind,
    TriggerDocument,
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


class TriggerDocumentListView(ApiView):
    audit_name = "api:trigger-document-list"

    @extend_schema(
        operation_id="listTriggerDocuments",
        summary="Trigger documents of the crisis",
        description="Scenarios with precursor events and measures. Ordered by last change.",
        parameters=[*LIST_PARAMETERS, UPDATED_SINCE_PARAMETER],
        responses={200: TriggerDocumentPageSerializer},
        tags=["crises"],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, SyncQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        documents = TriggerDocument.objects.filter(crisis=crisis).prefetch_related(
            Prefetch(
                "scenarios",
                queryset=Scenario.objects.order_by("id").prefetch_related(
                    Prefetch(
                        "events",
                        queryset=PrecursorEvent.objects.order_by("id").prefetch_related(
                            Prefetch("measures", queryset=Measure.objects.order_by("id"))
                        ),
                    )
                ),
            )
        )
        if "updatedSince" in query:
            documents = documents.filter(updated_at__gte=query["updatedSince"])
        rows, next_url = keyset_page(request, documents, query, order_field="updated_at")
        self.touched(rows)
        return Response(
            {"results": TriggerDocumentSerializer(rows, many=True).data, "next": next_url}
        )
