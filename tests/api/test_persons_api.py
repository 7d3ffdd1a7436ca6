"""Contract tests: POST /persons, GET /persons/{personId}, relations, PUT /local-staff."""

from typing import Any

from crisisportal.models import PersonalDataView
from registration.models import FamilyTie, LocalStaffEmployment, Person
from tests.api.conftest import ApiClient, assert_problem

PERSON = {
    "givenNames": "Amira",
    "familyName": "Haddad",
    "dateOfBirth": "1985-04-12",
    "sex": "female",
    "nationalities": ["NL", "sd"],
    "residencePermits": [{"territory": "AW", "validUntil": "2030-01-01"}],
    "externalId": "DEF-0001",
    "source": "defence",
}


def create_person(api: ApiClient, **overrides: Any) -> dict[str, Any]:
    response = api.post("/api/v1/persons", {**PERSON, **overrides})
    assert response.status_code == 201, response.content
    return response.json()


def test_create_person(defence: ApiClient) -> None:
    person = create_person(defence)
    assert person["givenNames"] == "Amira"
    assert person["nationalities"] == ["NL", "SD"]
    assert person["residencePermits"] == [{"territory": "AW", "validUntil": "2030-01-01"}]
    assert person["relations"] == []
    stored = Person.objects.get(pk=person["id"])
    assert stored.family_name == "Haddad" and stored.source == "defence"


def test_created_person_can_be_read_with_no_store_and_audit(defence: ApiClient) -> None:
    person = create_person(defence)
    response = defence.get(f"/api/v1/persons/{person['id']}")
    assert response.status_code == 200
    assert response.json()["id"] == person["id"]
    assert response["Cache-Control"] == "no-store"
    view = PersonalDataView.objects.filter(view_name="api:person-detail").get()
    assert view.object_ids == [person["id"]]
    assert defence.application.client_id in view.api_client


def test_missing_fields_wrong_types_and_unknown_codes_all_reported(defence: ApiClient) -> None:
    response = defence.post(
        "/api/v1/persons",
        {
            "givenNames": 12,
            "dateOfBirth": "12-04-1985",
            "sex": "f",
            "nationalities": ["Netherlands"],
            "residencePermits": [{"territory": "DE"}, {"territory": "NL", "validUntil": "soon"}],
            "source": "spreadsheet",
        },
    )
    assert_problem(
        response,
        400,
        "familyName",
        "dateOfBirth",
        "sex",
        "nationalities[0]",
        "residencePermits[0].territory",
        "residencePermits[1].validUntil",
        "source",
    )
    assert not Person.objects.exists()


def test_unknown_country_is_reported_by_the_service(defence: ApiClient) -> None:
    response = defence.post("/api/v1/persons", {**PERSON, "nationalities": ["XX"]})
    assert_problem(response, 400, "nationalities")


def test_bad_json(defence: ApiClient) -> None:
    assert_problem(defence.post("/api/v1/persons", "{", raw=True), 400, "body")


def test_read_scope_cannot_create(defence_read_only: ApiClient) -> None:
    assert_problem(defence_read_only.post("/api/v1/persons", PERSON), 403)


def test_persons_of_other_clients_are_404(defence: ApiClient, make_api_client: Any) -> None:
    person = create_person(defence)
    other = make_api_client()
    assert_problem(other.get(f"/api/v1/persons/{person['id']}"), 404)
    assert_problem(other.get("/api/v1/persons/00000000-0000-0000-0000-000000000000"), 404)


def test_relations(defence: ApiClient) -> None:
    parent = create_person(defence, externalId="P")
    child = create_person(defence, externalId="C", givenNames="Omar", dateOfBirth="2015-01-01")
    response = defence.post(
        f"/api/v1/persons/{parent['id']}/relations",
        {"relatedPersonId": child["id"], "kind": "child", "dependent": True},
    )
    assert response.status_code == 201, response.content
    assert response.json() == {"relatedPersonId": child["id"], "kind": "child", "dependent": True}
    relations = defence.get(f"/api/v1/persons/{parent['id']}").json()["relations"]
    assert relations == [{"relatedPersonId": child["id"], "kind": "child", "dependent": True}]
    # The inverse is recorded on the child.
    inverse = defence.get(f"/api/v1/persons/{child['id']}").json()["relations"]
    assert inverse == [{"relatedPersonId": parent["id"], "kind": "parent", "dependent": True}]
    assert FamilyTie.objects.count() == 2


def test_relation_errors(defence: ApiClient, make_api_client: Any) -> None:
    person = create_person(defence)
    response = defence.post(
        f"/api/v1/persons/{person['id']}/relations",
        {"relatedPersonId": "not-a-uuid", "kind": "cousin", "dependent": "maybe"},
    )
    assert_problem(response, 400, "relatedPersonId", "kind", "dependent")
    assert_problem(defence.post(f"/api/v1/persons/{person['id']}/relations", {}), 400, "kind")
    # Someone else's person, or oneself, cannot be related.
    stranger = create_person(make_api_client(), externalId="S")
    response = defence.post(
        f"/api/v1/persons/{person['id']}/relations",
        {"relatedPersonId": stranger["id"], "kind": "spouse"},
    )
    assert_problem(response, 400, "relatedPersonId")
    response = defence.post(
        f"/api/v1/persons/{person['id']}/relations",
        {"relatedPersonId": person["id"], "kind": "spouse"},
    )
    assert_problem(response, 400, "relatedPersonId")
    assert_problem(
        defence.post(
            "/api/v1/persons/00000000-0000-0000-0000-000000000000/relations",
            {"relatedPersonId": person["id"], "kind": "spouse"},
        ),
        404,
    )
    assert not FamilyTie.objects.exists()


LOCAL_STAFF: dict[str, Any] = {
    "person": {
        "givenNames": "Ahmad",
        "familyName": "Karimi",
        "dateOfBirth": "1990-02-03",
        "sex": "male",
        "nationalities": ["AF"],
    },
    "employer": "defence",
    "role": "interpreter",
    "contractType": "freelance",
    "mission": "RSM Mazar-e-Sharif",
    "startDate": "2019-05-01",
    "endDate": "2021-08-15",
}


def test_local_staff_upsert_is_idempotent(defence: ApiClient) -> None:
    first = defence.put("/api/v1/local-staff/INT-2041", LOCAL_STAFF)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["externalId"] == "INT-2041"
    assert body["person"]["familyName"] == "Karimi"
    assert body["startDate"] == "2019-05-01"

    changed = {
        **LOCAL_STAFF,
        "role": "driver",
        "person": {**LOCAL_STAFF["person"], "givenNames": "Ahmed"},
    }
    second = defence.put("/api/v1/local-staff/INT-2041", changed)
    assert second.status_code == 200
    assert second.json()["person"]["id"] == body["person"]["id"]
    assert second.json()["role"] == "driver"
    assert LocalStaffEmployment.objects.count() == 1
    assert Person.objects.count() == 1
    assert Person.objects.get().given_names == "Ahmed"
    # The client sees the person it registered.
    assert defence.get(f"/api/v1/persons/{body['person']['id']}").status_code == 200


def test_local_staff_errors_are_all_reported(defence: ApiClient) -> None:
    response = defence.put(
        "/api/v1/local-staff/INT-1",
        {
            "person": {"givenNames": "X", "sex": "x"},
            "employer": "army",
            "role": "pilot",
            "contractType": 3,
            "startDate": "yesterday",
        },
    )
    assert_problem(
        response,
        400,
        "person.familyName",
        "person.sex",
        "employer",
        "role",
        "contractType",
        "startDate",
    )
    response = defence.put(
        "/api/v1/local-staff/INT-1",
        {**LOCAL_STAFF, "startDate": "2022-01-01", "endDate": "2021-01-01"},
    )
    # The registration service reports the period as a whole (a model constraint).
    assert assert_problem(response, 400)["invalidParams"]
    assert not LocalStaffEmployment.objects.exists()
    assert not Person.objects.exists()


def test_local_staff_needs_write_scope_and_no_trailing_slash(
    defence_read_only: ApiClient, defence: ApiClient
) -> None:
    assert_problem(defence_read_only.put("/api/v1/local-staff/INT-1", LOCAL_STAFF), 403)
    assert_problem(defence.put("/api/v1/local-staff/INT-1/", LOCAL_STAFF), 404)
