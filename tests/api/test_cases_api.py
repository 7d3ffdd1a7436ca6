"""Contract tests: eligibility, cases, manifests, boardings, and the crisis picture (sitreps,
decisions) as Defence reads them."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crisisportal.models.audit import PersonalDataView
from evacuation.models import CaseStatus, Flight
from tests.api.conftest import ApiClient, assert_problem
from tests.crisisportal.picture_factories import make_decision, make_sitrep
from tests.evacuation.factories import approve, enable, make_case, make_person, tie

pytestmark = pytest.mark.django_db


def flight_of(crisis: Any, capacity: int = 2) -> Flight:
    return Flight.objects.create(
        crisis=crisis,
        call_sign="NAF42",
        operator="defence",
        capacity=capacity,
        departure_at="2026-12-03T10:00:00Z",
        origin="Khartoum",
        destination="Eindhoven",
    )


# --- Eligibility -------------------------------------------------------------------------


def test_eligibility_names_each_group_with_its_reason(defence: ApiClient, crisis: Any) -> None:
    enable(crisis, "dutch-national", "family-member")
    dutch = make_person("Jansen", "Anna", nationalities=["NL"])
    partner = make_person("Haddad", "Omar", nationalities=["SD"])
    tie(dutch, partner, "registered-partner")
    make_case(crisis, dutch)
    make_case(crisis, partner)  # a case in the granted crisis makes the person visible

    response = defence.get(f"/api/v1/crises/{crisis.pk}/persons/{partner.pk}/eligibility")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["eligible"] is True
    assert [group["code"] for group in body["groups"]] == ["family-member"]
    assert "registered partner" in body["groups"][0]["reason"]
    assert response["Cache-Control"] == "no-store"


def test_a_parent_of_a_dutch_national_is_not_eligible(defence: ApiClient, crisis: Any) -> None:
    enable(crisis, "dutch-national", "family-member")
    dutch = make_person("Jansen", "Anna", nationalities=["NL"])
    parent = make_person("Haddad", "Mona", nationalities=["SD"])
    tie(dutch, parent, "parent")
    make_case(crisis, parent)

    body = defence.get(f"/api/v1/crises/{crisis.pk}/persons/{parent.pk}/eligibility").json()

    assert body == {"eligible": False, "groups": []}


def test_eligibility_in_an_ungranted_crisis_or_of_an_unknown_person_is_404(
    defence: ApiClient, crisis: Any, other_crisis: Any
) -> None:
    person = make_person(nationalities=["NL"])
    make_case(other_crisis, person)
    assert_problem(
        defence.get(f"/api/v1/crises/{other_crisis.pk}/persons/{person.pk}/eligibility"), 404
    )
    # Known in the database, but not visible to this client: the same 404.
    assert_problem(defence.get(f"/api/v1/crises/{crisis.pk}/persons/{person.pk}/eligibility"), 404)


# --- Cases -------------------------------------------------------------------------------


def test_create_list_filter_and_read_cases(defence: ApiClient, crisis: Any) -> None:
    enable(crisis, "dutch-national")
    created = defence.post(
        "/api/v1/persons",
        {
            "givenNames": "Anna",
            "familyName": "Jansen",
            "dateOfBirth": "1980-05-01",
            "sex": "female",
            "nationalities": ["NL"],
        },
    )
    assert created.status_code == 201, created.content
    person_id = created.json()["id"]

    response = defence.post(f"/api/v1/crises/{crisis.pk}/cases", {"personId": person_id})

    assert response.status_code == 201, response.content
    case = response.json()
    assert case["personId"] == person_id
    assert case["status"] == "identified"
    assert case["groups"][0]["code"] == "dutch-national"
    assert case["updatedAt"].endswith("Z")
    assert defence.get(f"/api/v1/cases/{case['id']}").json()["id"] == case["id"]

    listed = defence.get(f"/api/v1/crises/{crisis.pk}/cases", {"status": "identified"}).json()
    assert [row["id"] for row in listed["results"]] == [case["id"]]
    assert (
        defence.get(f"/api/v1/crises/{crisis.pk}/cases", {"status": "approved"}).json()["results"]
        == []
    )
    assert (
        len(
            defence.get(f"/api/v1/crises/{crisis.pk}/cases", {"group": "dutch-national"}).json()[
                "results"
            ]
        )
        == 1
    )
    assert (
        defence.get(
            f"/api/v1/crises/{crisis.pk}/cases", {"updatedSince": "2999-01-01T00:00:00Z"}
        ).json()["results"]
        == []
    )


def test_a_second_case_for_the_same_person_is_409(defence: ApiClient, crisis: Any) -> None:
    case = make_case(crisis)
    # The person is visible through its case; a second case is a conflict, not a duplicate.
    response = defence.post(f"/api/v1/crises/{crisis.pk}/cases", {"personId": str(case.person_id)})
    assert_problem(response, 409)


def test_bad_case_input_lists_every_problem(defence: ApiClient, crisis: Any) -> None:
    assert_problem(defence.post(f"/api/v1/crises/{crisis.pk}/cases", {}), 400, "personId")
    assert_problem(
        defence.post(f"/api/v1/crises/{crisis.pk}/cases", {"personId": "not-a-uuid"}),
        400,
        "personId",
    )
    assert_problem(defence.post(f"/api/v1/crises/{crisis.pk}/cases", "{not json", raw=True), 400)
    assert_problem(
        defence.get(f"/api/v1/crises/{crisis.pk}/cases", {"status": "flying", "group": "x"}),
        400,
        "status",
        "group",
    )


def test_illegal_transition_is_409_and_legal_one_moves_the_case(
    defence: ApiClient, crisis: Any
) -> None:
    case = make_case(crisis)
    path = f"/api/v1/cases/{case.pk}"

    assert_problem(defence.patch(path, {"status": "arrived"}), 409)
    assert_problem(defence.patch(path, {"status": "boarded"}), 409)
    assert_problem(defence.patch(path, {"status": "sleeping"}), 400, "status")
    case.refresh_from_db()
    assert case.status == CaseStatus.IDENTIFIED  # nothing half-written

    response = defence.patch(path, {"status": "contacted"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "contacted"
    case.refresh_from_db()
    assert case.status == CaseStatus.CONTACTED


def test_cases_of_an_ungranted_crisis_are_404(
    defence: ApiClient, defence_read_only: ApiClient, other_crisis: Any, crisis: Any
) -> None:
    foreign = make_case(other_crisis)
    assert_problem(defence.get(f"/api/v1/crises/{other_crisis.pk}/cases"), 404)
    assert_problem(defence.get(f"/api/v1/cases/{foreign.pk}"), 404)
    assert_problem(defence.patch(f"/api/v1/cases/{foreign.pk}", {"status": "contacted"}), 404)
    assert defence.get(f"/api/v1/cases/{foreign.pk}/").status_code == 404  # trailing slash
    # The read scope cannot write.
    own = make_case(crisis)
    response = defence_read_only.patch(f"/api/v1/cases/{own.pk}", {"status": "contacted"})
    assert response.status_code in (403, 404)
    assert response["Content-Type"].startswith("application/problem+json")
    own.refresh_from_db()
    assert own.status == CaseStatus.IDENTIFIED


def test_case_list_queries_do_not_grow_with_the_cases(defence: ApiClient, crisis: Any) -> None:
    enable(crisis, "dutch-national")
    path = f"/api/v1/crises/{crisis.pk}/cases"
    for _ in range(3):
        make_case(crisis)
    with CaptureQueriesContext(connection) as few:
        assert len(defence.get(path).json()["results"]) == 3
    for _ in range(9):
        make_case(crisis)
    with CaptureQueriesContext(connection) as many:
        assert len(defence.get(path).json()["results"]) == 12
    assert len(many) == len(few)


def test_every_call_is_audited(defence: ApiClient, crisis: Any) -> None:
    case = make_case(crisis)
    defence.get(f"/api/v1/cases/{case.pk}")
    entry = PersonalDataView.objects.filter(view_name="api:case-detail").get()
    assert entry.api_client
    assert str(case.pk) in entry.object_ids


# --- Manifests and boardings ---------------------------------------------------------------


def test_manifest_refuses_unapproved_cases_and_overflow(defence: ApiClient, crisis: Any) -> None:
    flight = flight_of(crisis, capacity=2)
    path = f"/api/v1/flights/{flight.pk}/manifest"
    approved = [approve(make_case(crisis)) for _ in range(3)]
    waiting = make_case(crisis)

    assert_problem(defence.put(path, {"caseIds": [str(waiting.pk)]}), 409)
    assert_problem(defence.put(path, {"caseIds": [str(case.pk) for case in approved]}), 409)
    assert flight.manifest.count() == 0  # nothing half-written
    assert_problem(defence.put(path, {"caseIds": ["not-a-uuid"]}), 400)

    response = defence.put(path, {"caseIds": [str(case.pk) for case in approved[:2]]})
    assert response.status_code == 200, response.content
    assert flight.manifest.count() == 2


def test_boarding_marks_the_case_boarded_once(defence: ApiClient, crisis: Any) -> None:
    flight = flight_of(crisis)
    case = approve(make_case(crisis))
    off_manifest = approve(make_case(crisis))
    defence.put(f"/api/v1/flights/{flight.pk}/manifest", {"caseIds": [str(case.pk)]})
    path = f"/api/v1/flights/{flight.pk}/boardings"

    first = defence.post(path, {"caseId": str(case.pk)})
    again = defence.post(path, {"caseId": str(case.pk)})

    assert first.status_code == 201, first.content
    assert again.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.BOARDED
    assert_problem(defence.post(path, {"caseId": str(off_manifest.pk)}), 409)
    assert_problem(defence.post(path, {}), 400, "caseId")


def test_flights_of_an_ungranted_crisis_are_404(defence: ApiClient, other_crisis: Any) -> None:
    flight = flight_of(other_crisis)
    assert_problem(defence.put(f"/api/v1/flights/{flight.pk}/manifest", {"caseIds": []}), 404)
    assert_problem(
        defence.post(f"/api/v1/flights/{flight.pk}/boardings", {"caseId": str(flight.pk)}), 404
    )


# --- The crisis picture --------------------------------------------------------------------


def test_sitreps_and_decisions_of_the_crisis(
    defence: ApiClient, crisis: Any, post_a: Any, post_a_staff: Any, coordinator: Any
) -> None:
    make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a)
    make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False)  # a draft
    make_decision(actor=coordinator, crisis=crisis, owner=coordinator)

    sitreps = defence.get(f"/api/v1/crises/{crisis.pk}/sitreps")
    decisions = defence.get(f"/api/v1/crises/{crisis.pk}/decisions")

    assert sitreps.status_code == 200, sitreps.content
    assert len(sitreps.json()["results"]) == 1  # submitted reports only
    assert decisions.status_code == 200, decisions.content
    assert [row["text"] for row in decisions.json()["results"]] == ["Prepare charter flight."]
    assert decisions.json()["results"][0]["status"] == "open"


def test_picture_of_an_ungranted_crisis_is_404(defence: ApiClient, other_crisis: Any) -> None:
    assert_problem(defence.get(f"/api/v1/crises/{other_crisis.pk}/sitreps"), 404)
    assert_problem(defence.get(f"/api/v1/crises/{other_crisis.pk}/decisions"), 404)


def test_picture_lists_keep_their_query_count_as_rows_grow(
    defence: ApiClient, crisis: Any, post_a: Any, post_a_staff: Any, coordinator: Any
) -> None:
    def add_rows() -> None:
        for _ in range(3):
            make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a)
            make_decision(actor=coordinator, crisis=crisis, owner=coordinator)

    add_rows()
    counts = {}
    for name in ("sitreps", "decisions"):
        with CaptureQueriesContext(connection) as few:
            assert len(defence.get(f"/api/v1/crises/{crisis.pk}/{name}").json()["results"]) == 3
        counts[name] = len(few)
    add_rows()
    add_rows()
    for name in ("sitreps", "decisions"):
        with CaptureQueriesContext(connection) as many:
            assert len(defence.get(f"/api/v1/crises/{crisis.pk}/{name}").json()["results"]) == 9
        assert len(many) == counts[name], name


WRITES = [
    ("post", "/api/v1/crises/{crisis}/cases", {"personId": "{person}"}),
    ("patch", "/api/v1/cases/{case}", {"status": "contacted"}),
    ("put", "/api/v1/flights/{flight}/manifest", {"caseIds": []}),
    ("post", "/api/v1/flights/{flight}/boardings", {"caseId": "{case}"}),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_refuse_read_scope_and_expired_tokens_and_change_nothing(
    make_api_client: Any, crisis: Any, method: str, path: str, body: dict[str, Any]
) -> None:
    from datetime import timedelta

    from django.utils import timezone
    from oauth2_provider.models import AccessToken

    case = make_case(crisis)
    ids = {
        "crisis": crisis.pk,
        "case": case.pk,
        "flight": flight_of(crisis).pk,
        "person": make_person("Nieuw", "Noor").pk,
    }
    url = path.format(**ids)
    payload = {
        key: value.format(**ids) if isinstance(value, str) else value for key, value in body.items()
    }
    read_only = make_api_client(scopes=("read",), crises=(crisis,))
    expired = make_api_client(crises=(crisis,))
    AccessToken.objects.filter(application=expired.application).update(
        expires=timezone.now() - timedelta(seconds=1)
    )

    assert_problem(getattr(read_only, method)(url, payload), 403)
    assert_problem(getattr(expired, method)(url, payload), 401)
    case.refresh_from_db()
    assert case.status == CaseStatus.IDENTIFIED
    assert crisis.evacuation_cases.count() == 1
    assert not Flight.objects.get(pk=ids["flight"]).manifest.exists()


BAD_BODIES = [
    ("patch", "/api/v1/cases/{case}", {"status": 5}, "status"),
    ("patch", "/api/v1/cases/{case}", {"status": "flying"}, "status"),
    ("patch", "/api/v1/cases/{case}", {}, "status"),
    ("put", "/api/v1/flights/{flight}/manifest", {"caseIds": "{case}"}, "caseIds"),
    ("put", "/api/v1/flights/{flight}/manifest", {"caseIds": ["not-a-uuid"]}, "caseIds[0]"),
    ("put", "/api/v1/flights/{flight}/manifest", {}, "caseIds"),
    ("post", "/api/v1/flights/{flight}/boardings", {"caseId": 12}, "caseId"),
    ("post", "/api/v1/flights/{flight}/boardings", {"caseId": "not-a-uuid"}, "caseId"),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), BAD_BODIES)
def test_wrong_types_and_unknown_codes_are_400_on_the_field_and_change_nothing(
    defence: ApiClient, crisis: Any, method: str, path: str, body: dict[str, Any], field: str
) -> None:
    case = approve(make_case(crisis))
    flight = flight_of(crisis)
    ids = {"case": case.pk, "flight": flight.pk}
    payload = {k: v.format(**ids) if isinstance(v, str) else v for k, v in body.items()}

    assert_problem(getattr(defence, method)(path.format(**ids), payload), 400, field)
    case.refresh_from_db()
    assert case.status == CaseStatus.APPROVED
    assert not flight.manifest.exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/api/v1/cases/{case}"),
        ("put", "/api/v1/flights/{flight}/manifest"),
        ("post", "/api/v1/flights/{flight}/boardings"),
        ("post", "/api/v1/crises/{crisis}/cases"),
    ],
)
def test_writes_take_json_only_and_no_trailing_slash(
    defence: ApiClient, crisis: Any, method: str, path: str
) -> None:
    case = make_case(crisis)
    url = path.format(case=case.pk, flight=flight_of(crisis).pk, crisis=crisis.pk)

    assert_problem(getattr(defence, method)(url, "{not json", raw=True), 400)
    assert_problem(getattr(defence, method)(url + "/", {}), 404)
    for read in ("/api/v1/cases/{case}/", "/api/v1/crises/{crisis}/sitreps/"):
        assert_problem(defence.get(read.format(case=case.pk, crisis=crisis.pk)), 404)
