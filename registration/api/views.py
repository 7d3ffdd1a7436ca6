"""Persons, relations and local staff: parse, call the registration services, render."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.api.base import ApiView, created
from crisisportal.api.fields import parse_body
from crisisportal.api.problems import ApiInvalidInput, invalid_params_from_django
from registration.api.permissions import access_person, person_grant, referenced_person
from registration.api.serializers import (
    PERSON_FIELD_NAMES,
    LocalStaffInputSerializer,
    LocalStaffSerializer,
    PersonInputSerializer,
    PersonSerializer,
    RelationInputSerializer,
    RelationSerializer,
    person_service_fields,
)
from registration.models import LocalStaffEmployment, Person
from registration.services.local_staff import local_staff_upsert
from registration.services.persons import family_tie_add, person_create

PERSON_PREFETCH = ("residence_permits", "family_ties")


def _person_for_output(person: Person) -> Person:
    return Person.objects.prefetch_related(*PERSON_PREFETCH).get(pk=person.pk)


class _ServiceView(ApiView):
    @contextmanager
    def service_write(self, field_names: dict[str, str]) -> Iterator[None]:
        """Run a service call as this endpoint's audited write; a refusal is a 400 naming
        the request's fields (field_names maps the service's field names to them)."""
        try:
            with self.write_context():
                yield
        except ValidationError as error:
            raise ApiInvalidInput(invalid_params_from_django(error, field_names)) from error


class PersonCreateView(_ServiceView):
    audit_name = "api:person-create"

    @extend_schema(
        operation_id="createPerson",
        summary="Register a person",
        description="Duplicates are not refused: the DCC detects and merges them.",
        request=PersonInputSerializer,
        responses={201: PersonSerializer},
        tags=["persons"],
    )
    def post(self, request: Request) -> Response:
        data = parse_body(request, PersonInputSerializer)
        with self.service_write(PERSON_FIELD_NAMES):
            person = person_create(actor=request.user, **person_service_fields(data))
            person_grant(request.user, person)
        self.touched([person])
        return created(PersonSerializer(_person_for_output(person)).data)


class PersonDetailView(ApiView):
    audit_name = "api:person-detail"

    @extend_schema(
        operation_id="getPerson",
        summary="A person with their family relations",
        responses={200: PersonSerializer},
        tags=["persons"],
    )
    def get(self, request: Request, personId: Any) -> Response:
        person = access_person(request.user, personId)
        self.touched([person])
        return Response(PersonSerializer(_person_for_output(person)).data)


class RelationCreateView(_ServiceView):
    audit_name = "api:relation-create"

    @extend_schema(
        operation_id="createRelation",
        summary="Record a family relation of the person",
        description=(
            "`kind` is the related person's role towards this person; the inverse is "
            "recorded on the related person. Recording an existing pair replaces it."
        ),
        request=RelationInputSerializer,
        responses={201: RelationSerializer},
        tags=["persons"],
    )
    def post(self, request: Request, personId: Any) -> Response:
        person = access_person(request.user, personId)
        data = parse_body(request, RelationInputSerializer)
        related = referenced_person(request.user, data["relatedPersonId"], "relatedPersonId")
        with self.service_write({"related_person": "relatedPersonId"}):
            tie = family_tie_add(
                actor=request.user,
                person=person,
                related_person=related,
                kind=data["kind"],
                dependent=data["dependent"],
            )
        self.touched([person, related])
        return created(RelationSerializer(tie).data)


class LocalStaffUpsertView(_ServiceView):
    audit_name = "api:local-staff-upsert"

    @extend_schema(
        operation_id="putLocalStaff",
        summary="Create or update a locally hired staff member by Defence's reference",
        description=(
            "Idempotent: the employer and `externalId` identify the record; repeating the "
            "call updates it and never creates a duplicate."
        ),
        request=LocalStaffInputSerializer,
        responses={
            200: OpenApiResponse(LocalStaffSerializer, description="Updated."),
            201: OpenApiResponse(LocalStaffSerializer, description="Created."),
        },
        tags=["persons"],
    )
    def put(self, request: Request, externalId: str) -> Response:
        data = parse_body(request, LocalStaffInputSerializer)
        if len(externalId) > 100:
            raise ApiInvalidInput([{"name": "externalId", "reason": "At most 100 characters."}])
        field_names = {name: f"person.{member}" for name, member in PERSON_FIELD_NAMES.items()}
        field_names.update(
            {
                "employer_reference": "externalId",
                "contract_type": "contractType",
                "start_date": "startDate",
                "end_date": "endDate",
            }
        )
        with self.service_write(field_names):
            employment, was_created = local_staff_upsert(
                actor=request.user,
                employer=data["employer"],
                reference=externalId,
                person_data=person_service_fields(data["person"]),
                contract_type=data["contractType"],
                role=data["role"],
                mission=data["mission"],
                start_date=data.get("startDate"),
                end_date=data.get("endDate"),
            )
            person_grant(request.user, employment.person)
        employment = LocalStaffEmployment.objects.select_related("person").get(pk=employment.pk)
        employment.person = _person_for_output(employment.person)
        self.touched([employment, employment.person])
        body = LocalStaffSerializer(employment).data
        return created(body) if was_created else Response(body)
