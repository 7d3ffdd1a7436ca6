"""Persons, relations and local staff: parse, call the registration services, render."""

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from crisisportal.api.base import ApiOperations, ApiView, created, upsert_responses, upserted
from crisisportal.api.fields import parse_body
from crisisportal.api.problems import ApiInvalidInput
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

persons_operation = ApiOperations("persons")


def _person_for_output(person: Person) -> Person:
    return Person.objects.prefetch_related(*PERSON_PREFETCH).get(pk=person.pk)


class PersonCreateView(ApiView):
    audit_name = "api:person-create"

    @persons_operation.write(
        "createPerson",
        "Register a person",
        PersonInputSerializer,
        PersonSerializer,
        status=201,
        description="Duplicates are not refused: the DCC detects and merges them.",
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

    @persons_operation.read("getPerson", "A person with their family relations", PersonSerializer)
    def get(self, request: Request, personId: Any) -> Response:
        person = access_person(request.user, personId)
        self.touched([person])
        return Response(PersonSerializer(_person_for_output(person)).data)


class RelationCreateView(ApiView):
    audit_name = "api:relation-create"

    @persons_operation.write(
        "createRelation",
        "Record a family relation of the person",
        RelationInputSerializer,
        RelationSerializer,
        status=201,
        description=(
            "`kind` is the related person's role towards this person; the inverse is "
            "recorded on the related person. Recording an existing pair replaces it."
        ),
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


class LocalStaffUpsertView(ApiView):
    audit_name = "api:local-staff-upsert"

    @persons_operation.write(
        "putLocalStaff",
        "Create or update a locally hired staff member by Defence's reference",
        LocalStaffInputSerializer,
        upsert_responses(LocalStaffSerializer, existing="Updated.", new="Created."),
        description=(
            "Idempotent: the employer and `externalId` identify the record; repeating the "
            "call updates it and never creates a duplicate."
        ),
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
        return upserted(LocalStaffSerializer(employment).data, was_created=was_created)
