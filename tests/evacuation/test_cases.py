"""Case workflow, manifests, boarding, household, help requests and triage (services)."""

import threading
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from evacuation.exceptions import AlreadyClaimed, IllegalTransition, ManifestConflict
from evacuation.models import CaseTransition, HelpRequest, HelpRequestSubmission, ManifestEntry
from evacuation.selectors.cases import case_household
from evacuation.services.cases import case_transition, cases_assign, contact_log_add
from evacuation.services.flights import flight_create
from evacuation.services.help_requests import (
    help_request_claim,
    help_request_close,
    help_request_convert,
    help_request_submit,
)
from evacuation.services.manifests import (
    arrival_record,
    boarding_record,
    flight_eu_citizens_count,
    manifest_replace,
)
from tests.evacuation.factories import approve, enable, make_case, make_person, tie

pytestmark = pytest.mark.django_db


def _flight(crisis: Any, capacity: int = 2) -> Any:
    return flight_create(
        actor=None,
        crisis=crisis,
        operator="defence",
        call_sign="NLD01",
        capacity=capacity,
        origin="KBL",
        destination="EIN",
    )


def test_full_workflow_is_recorded(crisis: Any, call_team: Any) -> None:
    case = approve(make_case(crisis), actor=call_team)
    case = case_transition(actor=call_team, case=case, to_status="called-to-assembly-point")
    case = case_transition(actor=call_team, case=case, to_status="checked-in")
    flight = _flight(crisis)
    manifest_replace(actor=call_team, flight=flight, cases=[case])
    case = boarding_record(actor="defence-api", flight=flight, case=case)
    assert case.status == "boarded"
    assert arrival_record(actor=None, flight=flight) == 1
    case.refresh_from_db()
    case = case_transition(actor=call_team, case=case, to_status="handed-over")
    steps = list(
        CaseTransition.objects.filter(case=case).order_by("at").values_list("to_status", flat=True)
    )
    assert steps == [
        "identified", "contacted", "documents-verified", "approved", "called-to-assembly-point",
        "checked-in", "boarded", "arrived", "handed-over",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], "boarded"),
        ([], "approved"),
        (["contacted"], "arrived"),
        (["withdrawn"], "contacted"),
    ],
)
def test_illegal_transitions_are_refused(crisis: Any, path: list[str], illegal: str) -> None:
    case = make_case(crisis)
    for status in path:
        case = case_transition(actor=None, case=case, to_status=status)
    with pytest.raises(IllegalTransition):
        case_transition(actor=None, case=case, to_status=illegal)


def test_no_boarding_before_approval_even_via_boarding(crisis: Any) -> None:
    case = make_case(crisis)
    flight = _flight(crisis)
    with pytest.raises(ManifestConflict):
        manifest_replace(actor=None, flight=flight, cases=[case])
    with pytest.raises(IllegalTransition):
        boarding_record(actor=None, flight=flight, case=case)


def test_approval_needs_eligibility_and_rejection_a_reason(crisis: Any) -> None:
    case = make_case(crisis, make_person(nationalities=["SD"]))
    case = case_transition(actor=None, case=case, to_status="contacted")
    case = case_transition(actor=None, case=case, to_status="documents-verified")
    with pytest.raises(IllegalTransition):
        case_transition(actor=None, case=case, to_status="approved")
    with pytest.raises(ValidationError):
        case_transition(actor=None, case=case, to_status="rejected")
    case = case_transition(actor=None, case=case, to_status="rejected", reason="Not eligible.")
    assert case.rejection_reason == "Not eligible."


def test_concurrent_transitions_are_serialised(transactional_db: Any, crisis: Any) -> None:
    """Two members move the same case at once; the row lock makes the second see the first."""
    case = make_case(crisis)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def move(to_status: str) -> None:
        try:
            barrier.wait()
            case_transition(actor=None, case=case, to_status=to_status)
            results.append("ok")
        except IllegalTransition:
            results.append("refused")
        finally:
            connection.close()

    # identified → contacted → withdrawn is legal, identified → withdrawn → contacted is not.
    threads = [threading.Thread(target=move, args=(s,)) for s in ("withdrawn", "contacted")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    case.refresh_from_db()
    assert sorted(results) in (["ok", "ok"], ["ok", "refused"])
    assert case.status == "withdrawn"
    assert CaseTransition.objects.filter(case=case).latest("at").to_status == "withdrawn"


def test_manifest_capacity_and_other_flight(crisis: Any) -> None:
    cases = [approve(make_case(crisis)) for _ in range(3)]
    flight = _flight(crisis, capacity=2)
    with pytest.raises(ManifestConflict) as error:
        manifest_replace(actor=None, flight=flight, cases=cases)
    assert "2 seats" in " ".join(error.value.messages)
    assert not ManifestEntry.objects.exists()
    manifest_replace(actor=None, flight=flight, cases=cases[:2])
    other = _flight(crisis, capacity=5)
    with pytest.raises(ManifestConflict):
        manifest_replace(actor=None, flight=other, cases=[cases[0]])
    # Replacing takes cases off.
    manifest_replace(actor=None, flight=flight, cases=[cases[1]])
    assert list(flight.manifest.values_list("case_id", flat=True)) == [cases[1].pk]


def test_eu_citizens_counted_per_flight(crisis: Any) -> None:
    enable(crisis, "eu-citizen")
    french = approve(make_case(crisis, make_person(nationalities=["FR"])))
    dutch = approve(make_case(crisis))
    flight = _flight(crisis)
    manifest_replace(actor=None, flight=flight, cases=[french, dutch])
    boarding_record(actor=None, flight=flight, case=french)
    boarding_record(actor=None, flight=flight, case=dutch)
    assert flight_eu_citizens_count(flight) == 1


def test_household_warns_when_split(crisis: Any) -> None:
    dutch = make_person(nationalities=["NL"])
    wife = make_person(nationalities=["AF"])
    tie(dutch, wife, "spouse")
    husband_case = approve(make_case(crisis, dutch))
    wife_case = make_case(crisis, wife)
    members, warnings = case_household(husband_case)
    assert [m.person for m in members] == [wife]
    assert "statuses" in warnings
    wife_case = approve(wife_case)
    flight = _flight(crisis)
    manifest_replace(actor=None, flight=flight, cases=[husband_case])
    _members, warnings = case_household(husband_case)
    assert warnings == ["flights"]
    manifest_replace(actor=None, flight=flight, cases=[husband_case, wife_case])
    assert case_household(husband_case)[1] == []


def test_bulk_assign_only_to_call_team(crisis: Any, coordinator: Any, call_team: Any) -> None:
    cases = [make_case(crisis) for _ in range(3)]
    assert (
        cases_assign(
            actor=coordinator, crisis=crisis, case_ids=[c.pk for c in cases], owner=call_team
        )
        == 3
    )
    with pytest.raises(ValidationError):
        cases_assign(actor=coordinator, crisis=crisis, case_ids=[cases[0].pk], owner=coordinator)


def test_contact_log(crisis: Any, call_team: Any) -> None:
    case = make_case(crisis)
    contact_log_add(
        actor=call_team, case=case, kind="call", outcome="no-answer", next_step="Retry 18:00"
    )
    assert case.contacts.get().next_step == "Retry 18:00"


def _submit(crisis: Any, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "given_names": "Amina",
        "family_name": "Ahmadi",
        "date_of_birth": date(1990, 5, 1),
        "claimed_basis": "family-member",
        "location": "Kabul",
        "phone": "+93 700 000 000",
    }
    fields.update(overrides)
    return help_request_submit(crisis=crisis, **fields)


def test_two_submissions_one_request_and_known_person_linked(crisis: Any) -> None:
    known = make_person(given_names="Amina", family_name="Ahmadi", date_of_birth=date(1990, 5, 1))
    first = _submit(crisis)
    second = _submit(crisis, given_names="AMINA", location="Airport gate", language="en")
    assert first.request_id == second.request_id
    request = HelpRequest.objects.get()
    assert request.person == known
    assert HelpRequestSubmission.objects.filter(request=request).count() == 2
    other = _submit(crisis, given_names="Other")
    assert other.request_id != first.request_id


def test_submission_needs_contact_details(crisis: Any) -> None:
    with pytest.raises(ValidationError):
        _submit(crisis, phone="", email="")
    assert not HelpRequest.objects.exists()


def test_triage_convert_and_close(crisis: Any, call_team: Any) -> None:
    request = _submit(crisis, nationality="NL", claimed_basis="dutch-national").request
    with pytest.raises(AlreadyClaimed):
        help_request_convert(actor=call_team, request=request)
    help_request_claim(actor=call_team, request=request)
    case = help_request_convert(actor=call_team, request=request)
    assert case.owner == call_team and case.eligible
    assert case.person.family_name == "Ahmadi"
    other = _submit(crisis, given_names="X").request
    help_request_claim(actor=call_team, request=other)
    with pytest.raises(ValidationError):
        help_request_close(actor=call_team, request=other, reason="")
    help_request_close(actor=call_team, request=other, reason="Duplicate of a phone call.")
    other.refresh_from_db()
    assert other.status == "closed"


def test_two_members_claiming_exactly_one_wins(
    transactional_db: Any, crisis: Any, call_team: Any, dcc_member: Any
) -> None:
    request = _submit(crisis).request
    outcomes: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def claim(user: Any) -> None:
        try:
            barrier.wait()
            help_request_claim(actor=user, request=request)
            outcomes[user.email] = "won"
        except AlreadyClaimed:
            outcomes[user.email] = "lost"
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(u,)) for u in (call_team, dcc_member)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["lost", "won"]
    request.refresh_from_db()
    winner = next(email for email, result in outcomes.items() if result == "won")
    assert request.claimed_by.email == winner


def test_counts_group_by_status(crisis: Any) -> None:
    from evacuation.models import EvacuationCase
    from evacuation.selectors.cases import case_counts

    enable(crisis, "eu-citizen")
    both = make_person(nationalities=["NL", "DE"])
    approve(make_case(crisis, both))
    make_case(crisis)
    make_case(crisis, make_person(nationalities=["SY"]))
    counts = case_counts(EvacuationCase.objects.filter(crisis=crisis))
    assert counts["total"] == 3
    assert counts["by_status"] == {"approved": 1, "identified": 2}
    assert counts["matrix"] == {
        "dutch-national": {"approved": 1, "identified": 1},
        "eu-citizen": {"approved": 1},
    }
