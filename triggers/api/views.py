"""Trigger documents of a crisis for Defence, read-only: scenarios, their precursor events
and the measures (with owner, so Defence sees which are theirs)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.api.base import ApiView
from crisisportal.api.fields import (
    LIST_PARAMETERS,
    UPDATED_SINCE_PARAMETER,
    SyncQuerySerializer,
    keyset_page,
    parse_query,
)
from crisisportal.permissions import access_crisis
from triggers.api.serializers import (
    TriggerDocumentPageSerializer,
    TriggerDocumentSerializer,
)
from triggers.selectors.documents import crisis_documents_nested


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
        documents = crisis_documents_nested(crisis)
        if "updatedSince" in query:
            documents = documents.filter(updated_at__gte=query["updatedSince"])
        rows, next_url = keyset_page(request, documents, query, order_field="updated_at")
        self.touched(rows)
        return Response(
            {"results": TriggerDocumentSerializer(rows, many=True).data, "next": next_url}
        )
