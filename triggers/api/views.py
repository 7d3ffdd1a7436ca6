"""Trigger documents of a crisis for Defence, read-only: scenarios, their precursor events
and the measures (with owner, so Defence sees which are theirs)."""

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.api.base import ApiOperations, ApiView
from crisisportal.api.fields import SyncQuerySerializer, parse_query
from crisisportal.permissions import access_crisis
from triggers.api.serializers import (
    TriggerDocumentPageSerializer,
    TriggerDocumentSerializer,
)
from triggers.selectors.documents import crisis_documents_nested

crises_operation = ApiOperations("crises")


class TriggerDocumentListView(ApiView):
    audit_name = "api:trigger-document-list"

    @crises_operation.list(
        "listTriggerDocuments",
        "Trigger documents of the crisis",
        TriggerDocumentPageSerializer,
        description="Scenarios with precursor events and measures. Ordered by last change.",
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, SyncQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        return self.list_page(
            crisis_documents_nested(crisis),
            query,
            order_field="updated_at",
            since_field="updated_at",
            serializer=TriggerDocumentSerializer,
        )
