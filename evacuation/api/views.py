"""Evacuation endpoints: thin views that parse, call the evacuation services and render.

Service refusals come back in the client's terms: an EvacuationConflict (illegal transition,
manifest over capacity or with a case that is not approved) is 409; any other
ValidationError is 400 with its fields in `invalidParams`. EvacuationConflict is a
ValidationError, so it is caught first.
"""

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.api.base import (
    ApiOperations,
    ApiView,
    created,
    filter_parameter,
    upsert_responses,
    upserted,
)
from crisisportal.api.fields import (
    ListQuerySerializer,
    SyncQuerySerializer,
    parse_body,
    parse_query,
)
from crisisportal.api.problems import ApiConflict, ApiInvalidInput, invalid_params_from_django
from crisisportal.permissions import access_crisis
from evacuation.api.permissions import access_client_case, access_client_flight
from evacuation.api.serializers import (
    BoardingInputSerializer,
    BoardingSerializer,
    CaseCreateInputSerializer,
    CaseListQuerySerializer,
    CasePageSerializer,
    CaseSerializer,
    CaseUpdateInputSerializer,
    EligibilitySerializer,
    EligibleGroupPageSerializer,
    EligibleGroupSerializer,
    FlightInputSerializer,
    FlightPageSerializer,
    FlightSerializer,
    ManifestInputSerializer,
    ManifestSerializer,
)
from evacuation.exceptions import EvacuationConflict
from evacuation.models import CrisisGroup, Flight
from evacuation.models.cases import EvacuationCase, ManifestEntry
from evacuation.models.choices import CaseStatus
from evacuation.selectors.cases import case_of_crisis, cases_filter, cases_of_crisis
from evacuation.selectors.flights import flight_manifest
from evacuation.services.cases import case_create, case_transition
from evacuation.services.eligibility import eligibility_for
from evacuation.services.flights import flight_create
from evacuation.services.manifests import boarding_record, manifest_replace
from registration.api.permissions import access_person, referenced_person

evacuation_operation = ApiOperations("evacuation")


class EvacuationApiView(ApiView):
    """Evacuation endpoints: the services' EvacuationConflict answers 409 (see above)."""

    conflict_errors = (EvacuationConflict,)


class EligibleGroupListView(EvacuationApiView):
    audit_name = "api:eligible-group-list"

    @evacuation_operation.list(
        "listEligibleGroups",
        "Groups enabled for evacuation in the crisis",
        EligibleGroupPageSerializer,
        description="Ordered by priority (1 first).",
        sync=False,
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, ListQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        # The groups are the crisis's settings, not personal data: only the crisis is audited.
        return self.list_page(
            CrisisGroup.objects.filter(crisis=crisis, enabled=True).select_related("group"),
            query,
            order_field="priority",
            serializer=EligibleGroupSerializer,
            parents=[crisis],
            audit_rows=False,
        )


class FlightListView(EvacuationApiView):
    audit_name = "api:flight-list"

    @evacuation_operation.list(
        "listFlights",
        "Flights of the crisis",
        FlightPageSerializer,
        description="Ordered by last change (oldest first); use `updatedSince` to synchronise.",
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, SyncQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        return self.list_page(
            Flight.objects.filter(crisis=crisis),
            query,
            order_field="updated_at",
            since_field="updated_at",
            serializer=FlightSerializer,
        )

    @evacuation_operation.write(
        "createFlight",
        "Create a flight for the crisis",
        FlightInputSerializer,
        FlightSerializer,
        status=201,
    )
    def post(self, request: Request, crisisId: Any) -> Response:
        crisis = access_crisis(request.user, crisisId)
        data = parse_body(request, FlightInputSerializer)
        with self.service_write():
            flight = flight_create(actor=request.user, crisis=crisis, **data)
        self.touched([flight])
        return created(FlightSerializer(flight).data)


class EligibilityView(EvacuationApiView):
    audit_name = "api:eligibility"

    @evacuation_operation.read(
        "getEligibility",
        "Whether the person may be evacuated in the crisis, and why",
        EligibilitySerializer,
        description=(
            "Computed now by the evacuation rules of the crisis (its enabled groups, the "
            "person's nationalities, permits, local-staff records and family ties, and the "
            "staff's overrides). Every group carries its reason."
        ),
    )
    def get(self, request: Request, crisisId: Any, personId: Any) -> Response:
        crisis = access_crisis(request.user, crisisId)
        person = access_person(request.user, personId)
        result = eligibility_for(person, crisis)
        self.touched([crisis, person])
        groups = [{"code": g.code, "reason": str(g.reason)} for g in result.groups]
        return Response({"eligible": result.eligible, "groups": groups})


def _case_for_output(user: Any, case: EvacuationCase) -> EvacuationCase:
    """The case as stored now, with its manifest entry (one query)."""
    return access_client_case(user, case.pk)


class CaseListView(EvacuationApiView):
    audit_name = "api:case-list"

    @evacuation_operation.list(
        "listCases",
        "Evacuation cases of the crisis",
        CasePageSerializer,
        description=(
            "Ordered by last change (oldest first), so `updatedSince` with the `updatedAt` "
            "of the last case seen synchronises. Filters combine."
        ),
        filters=[
            filter_parameter("status", "CaseStatus", "Only cases with this status."),
            filter_parameter("group", "GroupCode", "Only cases in this eligible group."),
        ],
    )
    def get(self, request: Request, crisisId: Any) -> Response:
        query = parse_query(request, CaseListQuerySerializer)
        crisis = access_crisis(request.user, crisisId)
        cases = cases_filter(
            EvacuationCase.objects.filter(crisis=crisis).select_related("manifest_entry"),
            {name: query[name] for name in ("status", "group") if name in query},
        )
        return self.list_page(
            cases,
            query,
            order_field="updated_at",
            since_field="updated_at",
            serializer=CaseSerializer,
            parents=[crisis],
        )

    @evacuation_operation.write(
        "createCase",
        "Open an evacuation case for a person in the crisis",
        CaseCreateInputSerializer,
        CaseSerializer,
        status=201,
        description=(
            "The person must be visible to the client (registered by it, or with a case in a "
            "granted crisis). The groups and priority are computed by the rules. A person has "
            "at most one case per crisis: a second is 409."
        ),
    )
    def post(self, request: Request, crisisId: Any) -> Response:
        crisis = access_crisis(request.user, crisisId)
        data = parse_body(request, CaseCreateInputSerializer)
        person = referenced_person(request.user, data["personId"], "personId")
        try:
            with self.write_context():
                case = case_create(actor=request.user, crisis=crisis, person=person)
        except ValidationError as error:
            # The service's refusal about the person is that it already has a case here.
            if "person" in getattr(error, "error_dict", {}):
                raise ApiConflict(" ".join(error.error_dict["person"][0].messages)) from error
            raise ApiInvalidInput(invalid_params_from_django(error)) from error
        self.touched([case])
        return created(CaseSerializer(_case_for_output(request.user, case)).data)


class CaseDetailView(EvacuationApiView):
    audit_name = "api:case-detail"

    @evacuation_operation.read("getCase", "One evacuation case", CaseSerializer)
    def get(self, request: Request, caseId: Any) -> Response:
        case = access_client_case(request.user, caseId)
        self.touched([case])
        return Response(CaseSerializer(case).data)

    @evacuation_operation.write(
        "updateCase",
        "Move the case to another status of the workflow",
        CaseUpdateInputSerializer,
        CaseSerializer,
        description=(
            "Only the transitions in `nextStatuses` are allowed; any other is 409. Asking for "
            "the status the case already has changes nothing. `rejected` needs a `reason`. "
            "Boarding is reported with POST /flights/{flightId}/boardings (the case must be on "
            "that flight's manifest)."
        ),
    )
    def patch(self, request: Request, caseId: Any) -> Response:
        case = access_client_case(request.user, caseId)
        data = parse_body(request, CaseUpdateInputSerializer)
        if data["status"] != case.status:
            if data["status"] == CaseStatus.BOARDED:
                raise ApiConflict(
                    "Report boarding with POST /flights/{flightId}/boardings "
                    "for the flight whose manifest holds the case."
                )
            with self.service_write({"to_status": "status"}):
                case_transition(
                    actor=request.user,
                    case=case,
                    to_status=data["status"],
                    note=data.get("note", ""),
                    reason=data.get("reason", ""),
                )
            case = _case_for_output(request.user, case)
        self.touched([case])
        return Response(CaseSerializer(case).data)


def _manifest_body(flight: Flight, entries: list[ManifestEntry]) -> Any:
    return ManifestSerializer({"flight": flight, "entries": entries}).data


class ManifestView(EvacuationApiView):
    audit_name = "api:flight-manifest"

    @evacuation_operation.read(
        "getManifest",
        "The manifest of the flight",
        ManifestSerializer,
        description="Every case on the flight (at most its capacity), by family name.",
    )
    def get(self, request: Request, flightId: Any) -> Response:
        flight = access_client_flight(request.user, flightId)
        entries = flight_manifest(flight)
        self.touched([flight, *(entry.case for entry in entries)])
        return Response(_manifest_body(flight, entries))

    @evacuation_operation.write(
        "putManifest",
        "Replace the manifest of the flight",
        ManifestInputSerializer,
        ManifestSerializer,
        description=(
            "The cases must be cases of the flight's crisis (else 400). More cases than the "
            "flight's capacity, a case that is not approved (approved, called to the assembly "
            "point or checked in), a case on another flight, or leaving out a case that has "
            "boarded is 409 and changes nothing."
        ),
    )
    def put(self, request: Request, flightId: Any) -> Response:
        flight = access_client_flight(request.user, flightId)
        data = parse_body(request, ManifestInputSerializer)
        wanted = data["caseIds"]
        known = {case.pk: case for case in cases_of_crisis(flight.crisis_id, wanted).only("id")}
        unknown = [
            {"name": f"caseIds[{index}]", "reason": "There is no such case in this crisis."}
            for index, case_id in enumerate(wanted)
            if case_id not in known
        ]
        if unknown:
            raise ApiInvalidInput(unknown)
        with self.service_write():
            manifest_replace(
                actor=request.user,
                flight=flight,
                cases=[known[case_id] for case_id in dict.fromkeys(wanted)],
            )
        entries = flight_manifest(flight)
        self.touched([flight, *(entry.case for entry in entries)])
        return Response(_manifest_body(flight, entries))


class BoardingCreateView(EvacuationApiView):
    audit_name = "api:boarding-create"

    @evacuation_operation.write(
        "createBoarding",
        "Report that a case boarded the flight",
        BoardingInputSerializer,
        upsert_responses(
            BoardingSerializer, existing="Already reported.", new="Boarding recorded."
        ),
        description=(
            "The case must be on the flight's manifest (else 409). Reporting a boarding again "
            "changes nothing and answers 200."
        ),
    )
    def post(self, request: Request, flightId: Any) -> Response:
        flight = access_client_flight(request.user, flightId)
        data = parse_body(request, BoardingInputSerializer)
        case = case_of_crisis(flight.crisis_id, data["caseId"])
        if case is None:
            raise ApiInvalidInput([{"name": "caseId", "reason": "There is no such case."}])
        already_boarded = ManifestEntry.objects.filter(
            flight=flight, case=case, boarded_at__isnull=False
        ).exists()
        with self.service_write():
            boarding_record(actor=request.user, flight=flight, case=case)
        entry = ManifestEntry.objects.select_related("case").get(flight=flight, case=case)
        self.touched([entry.case])
        return upserted(BoardingSerializer(entry).data, was_created=not already_boarded)
