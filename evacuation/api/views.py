"""Evacuation endpoints: thin views that parse, call the evacuation services and render."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.access import access_crisis
from crisisportal.api.base import ApiView, created
from crisisportal.api.fields import (
    LIST_PARAMETERS,
    UPDATED_SINCE_PARAMETER,
    ListQuerySerializer,
    SyncQuerySerializer,
    keyset_page,
    parse_body,
    parse_query,
)
from crisisportal.api.problems import ApiInvalidInput, invalid_params_from_django
from evacuation.api.serializers import (
    EligibleGroupPageSerializer,
    EligibleGroupSerializer,
    FlightInputSerializer,
    FlightPageSerializer,
    FlightSerializer,
)
from evacuation.models import CrisisGroup, Flight
from evacuation.services.flights import flight_create


class EligibleGroupListView(ApiView):
    audit_name = "api:eligible-group-list"

    @extend_schema(
        operation_id="listEligibleGroups",
        summary="Groups enabled for evacuation in the crisis",
        description="Ordered by priority (1 first).",
        parameters=LIST_PARAMETERS,
        responses={200: EligibleGroupPageSerializer},
        tags=["evacuation"],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, ListQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        groups = CrisisGroup.objects.filter(crisis=crisis, enabled=True).select_related("group")
        rows, next_url = keyset_page(request, groups, query, order_field="priority")
        self.touched([crisis])
        return Response(
            {"results": EligibleGroupSerializer(rows, many=True).data, "next": next_url}
        )


class FlightListView(ApiView):
    audit_name = "api:flight-list"

    @extend_schema(
        operation_id="listFlights",
        summary="Flights of the crisis",
        description="Ordered by last change (oldest first); use `updatedSince` to synchronise.",
        parameters=[*LIST_PARAMETERS, UPDATED_SINCE_PARAMETER],
        responses={200: FlightPageSerializer},
        tags=["evacuation"],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, SyncQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        flights = Flight.objects.filter(crisis=crisis)
        if "updatedSince" in query:
            flights = flights.filter(updated_at__gte=query["updatedSince"])
        rows, next_url = keyset_page(request, flights, query, order_field="updated_at")
        self.touched(rows)
        return Response({"results": FlightSerializer(rows, many=True).data, "next": next_url})

    @extend_schema(
        operation_id="createFlight",
        summary="Create a flight for the crisis",
        request=FlightInputSerializer,
        responses={201: FlightSerializer},
        tags=["evacuation"],
    )
    def post(self, request: Request, crisisId: Any) -> Response:
        crisis = access_crisis(request.user, crisisId)
        data = parse_body(request, FlightInputSerializer)
        try:
            with self.write_context():
                flight = flight_create(
                    actor=request.user,
                    crisis=crisis,
                    operator=data["operator"],
                    call_sign=data["callSign"],
                    capacity=data["capacity"],
                    origin=data["origin"],
                    destination=data["destination"],
                    departure_at=data.get("departureAt"),
                    arrival_at=data.get("arrivalAt"),
                )
        except ValidationError as error:
            raise ApiInvalidInput(invalid_params_from_django(error)) from error
        self.touched([flight])
        return created(FlightSerializer(flight).data)
