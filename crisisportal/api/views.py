"""Core resources of the API: the crises a client is granted and their picture (submitted
sitreps and the decision log), read-only."""

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
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
from crisisportal.api.serializers import (
    CrisisPageSerializer,
    CrisisSerializer,
    DecisionListQuerySerializer,
    DecisionPageSerializer,
    DecisionSerializer,
    SitrepPageSerializer,
    SitrepSerializer,
)
from crisisportal.models.choices import SitrepStatus
from crisisportal.models.meetings import Decision
from crisisportal.models.sitreps import CountryPosition, Sitrep
from crisisportal.permissions import access_crisis, crises_for_user


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


class SitrepListView(ApiView):
    audit_name = "api:sitrep-list"

    @extend_schema(
        operation_id="listSitreps",
        summary="Submitted situation reports of the crisis",
        description=(
            "Drafts are not shown. Ordered by submission (oldest first); a correction is a "
            "new version with `supersedesId`. Use `updatedSince` to synchronise."
        ),
        parameters=[*LIST_PARAMETERS, UPDATED_SINCE_PARAMETER],
        responses={200: SitrepPageSerializer},
        tags=["crises"],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, SyncQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        sitreps = (
            Sitrep.objects.filter(crisis=crisis, status=SitrepStatus.SUBMITTED)
            .select_related("post")
            .prefetch_related(
                Prefetch(
                    "country_positions",
                    queryset=CountryPosition.objects.order_by("camp", "country", "observed_on"),
                )
            )
        )
        if "updatedSince" in query:
            sitreps = sitreps.filter(submitted_at__gte=query["updatedSince"])
        rows, next_url = keyset_page(request, sitreps, query, order_field="submitted_at")
        self.touched([crisis, *rows])
        return Response({"results": SitrepSerializer(rows, many=True).data, "next": next_url})


class DecisionListView(ApiView):
    audit_name = "api:decision-list"

    @extend_schema(
        operation_id="listDecisions",
        summary="The decision log of the crisis",
        description=(
            "Decisions of the crisis's BOB meetings with owner, deadline and status, and the "
            "decision points put to the minister. Ordered by last change (oldest first)."
        ),
        parameters=[
            *LIST_PARAMETERS,
            UPDATED_SINCE_PARAMETER,
            OpenApiParameter(
                "status",
                {"$ref": "#/components/schemas/DecisionStatus"},
                description="Only decisions with this status.",
            ),
        ],
        responses={200: DecisionPageSerializer},
        tags=["crises"],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, DecisionListQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        decisions = Decision.objects.filter(crisis=crisis).select_related("meeting", "owner")
        if "status" in query:
            decisions = decisions.filter(status=query["status"])
        if "updatedSince" in query:
            decisions = decisions.filter(updated_at__gte=query["updatedSince"])
        rows, next_url = keyset_page(request, decisions, query, order_field="updated_at")
        self.touched([crisis, *rows])
        return Response({"results": DecisionSerializer(rows, many=True).data, "next": next_url})
