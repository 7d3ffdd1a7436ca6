"""Core resources of the API: the crises a client is granted and their picture (submitted
sitreps and the decision log), read-only."""

from typing import Any

from django.db.models import Prefetch
from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.api.base import ApiOperations, ApiView, filter_parameter
from crisisportal.api.fields import SyncQuerySerializer, parse_query
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

crises_operation = ApiOperations("crises")


class CrisisListView(ApiView):
    audit_name = "api:crisis-list"

    @crises_operation.list("listCrises", "Crises this client may see", CrisisPageSerializer)
    def get(self, request: Request) -> Response:
        query = parse_query(request, SyncQuerySerializer)
        return self.list_page(
            crises_for_user(request.user),
            query,
            order_field="opened_at",
            since_field="updated_at",
            serializer=CrisisSerializer,
        )


class CrisisDetailView(ApiView):
    audit_name = "api:crisis-detail"

    @crises_operation.read("getCrisis", "One crisis", CrisisSerializer)
    def get(self, request: Request, crisisId: Any) -> Response:
        crisis = access_crisis(request.user, crisisId)
        self.touched([crisis])
        return Response(CrisisSerializer(crisis).data)


class SitrepListView(ApiView):
    audit_name = "api:sitrep-list"

    @crises_operation.list(
        "listSitreps",
        "Submitted situation reports of the crisis",
        SitrepPageSerializer,
        description=(
            "Drafts are not shown. Ordered by submission (oldest first); a correction is a "
            "new version with `supersedesId`. Use `updatedSince` to synchronise."
        ),
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
        return self.list_page(
            sitreps,
            query,
            order_field="submitted_at",
            since_field="submitted_at",
            serializer=SitrepSerializer,
            parents=[crisis],
        )


class DecisionListView(ApiView):
    audit_name = "api:decision-list"

    @crises_operation.list(
        "listDecisions",
        "The decision log of the crisis",
        DecisionPageSerializer,
        description=(
            "Decisions of the crisis's BOB meetings with owner, deadline and status, and the "
            "decision points put to the minister. Ordered by last change (oldest first)."
        ),
        filters=[
            filter_parameter("status", "DecisionStatus", "Only decisions with this status."),
        ],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, DecisionListQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        decisions = Decision.objects.filter(crisis=crisis).select_related("meeting", "owner")
        if "status" in query:
            decisions = decisions.filter(status=query["status"])
        return self.list_page(
            decisions,
            query,
            order_field="updated_at",
            since_field="updated_at",
            serializer=DecisionSerializer,
            parents=[crisis],
        )
