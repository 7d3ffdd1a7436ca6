"""Core resources of the API: the crises a client is granted."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.access import access_crisis, crises_for_user
from crisisportal.api.base import ApiView
from crisisportal.api.fields import (
    LIST_PARAMETERS,
    UPDATED_SINCE_PARAMETER,
    SyncQuerySerializer,
    keyset_page,
    parse_query,
)
from crisisportal.api.serializers import CrisisPageSerializer, CrisisSerializer


class CrisisListView(ApiView):
    audit_name = "api:crisis-list"

    @extend_schema(
        operation_id="listCrises",
        summary="Crises this client may see",
        parameters=[*LIST_PARAMETERS, UPDATED_SINCE_PARAMETER],
        responses={200: CrisisPageSerializer},
        tags=["crises"],
    )
    def get(self, request: Request) -> Response:
        query = parse_query(request, SyncQuerySerializer)
        crises = crises_for_user(request.user)
        if "updatedSince" in query:
            crises = crises.filter(updated_at__gte=query["updatedSince"])
        rows, next_url = keyset_page(request, crises, query, order_field="opened_at")
        self.touched(rows)
        return Response({"results": CrisisSerializer(rows, many=True).data, "next": next_url})


class CrisisDetailView(ApiView):
    audit_name = "api:crisis-detail"

    @extend_schema(
        operation_id="getCrisis",
        summary="One crisis",
        responses={200: CrisisSerializer},
        tags=["crises"],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        crisis = access_crisis(request.user, crisisId)
        self.touched([crisis])
        return Response(CrisisSerializer(crisis).data)
