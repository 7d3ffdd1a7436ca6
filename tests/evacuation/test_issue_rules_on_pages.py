"""Rules of the evacuation issue as a user reaches them on the pages: eligibility changes
visible on the case, overrides listed for review, the triage queue's order, EU citizens per
flight, flights with departure and arrival, reception organisations' date informed, and the
daily look for expired permits."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from evacuation.models import EligibilityOverride, Flight, HelpRequest, ReceptionOrganisation
from evacuation.services.flights import flight_create
from evacuation.services.help_requests import help_request_submit
from evacuation.services.manifests import boarding_record, manifest_replace
from tests.evacuation.factories import approve, enable, make_case, make_person, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_recomputes_now(tasks_run_now: None) -> None:
    """Recomputations are queued for the worker; here they run when they are queued."""


def test_beat_looks_daily_for_permits_that_expired() -> None:
    from crisisportal.celery import app

    entries = {e["task"]: e for e in settings.CELERY_BEAT_SCHEDULE.values()}
    entry = entries["evacuation.tasks.permits_expiry_recompute"]
    assert entry["schedule"] <= 24 * 3600
    assert "evacuation.tasks.permits_expiry_recompute" in app.tasks


def test_a_new_tie_shows_on_the_case_as_a_change_in_eligibility(
    crisis: Any,
    coordinator_client: Any,
    run_recomputes_now: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    wife = make_person(given_names="Farida", family_name="Karimi", nationalities=["AF"])
    case = make_case(crisis, wife)
    url = reverse("evacuation:case-detail", args=[case.pk])
    assert (
        "Not eligible under the rules of this crisis."
        in coordinator_client.get(url).content.decode()
    )

    dutch = make_person(given_names="Jan", family_name="Visser", nationalities=["NL"])
    with django_capture_on_commit_callbacks(execute=True):
        tie(dutch, wife, "registered-partner")

    page = coordinator_client.get(url).content.decode()
    # The group by its name, with the reason the rules give, and the change dated.
    assert (
        "Family member of a Dutch national</strong>: family member: registered partner of Jan Visser (Dutch national)"
        in page
    )
    assert "Changes in eligibility" in page
    assert "added Family member of a Dutch national" in page
    # The status history reads in words, not codes.
    history = page.split("Status history")[1].split("</section>")[0]
    assert "Identified" in history and "identified" not in history


def test_a_group_enabled_on_the_groups_page_shows_on_the_case(
    crisis: Any,
    coordinator_client: Any,
    run_recomputes_now: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = make_case(crisis, make_person(family_name="Dupont", nationalities=["FR"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("evacuation:crisis-groups", args=[crisis.pk]),
            {
                "group_code": "eu-citizen",
                "enabled": "on",
                "rationale": "EU partners asked us to take their nationals.",
                "decided_by": "Minister",
            },
        )
    assert response.status_code == 302
    page = coordinator_client.get(reverse("evacuation:case-detail", args=[case.pk]))
    text = page.content.decode()
    assert "Citizen of another EU member state</strong>: EU citizen: nationality FR" in text
    assert "added Citizen of another EU member state" in text
    listing = coordinator_client.get(reverse("evacuation:case-list", args=[crisis.pk]))
    assert "Citizen of another EU member state" in listing.content.decode()


def test_overrides_are_listed_for_review_by_someone_else(
    crisis: Any, coordinator_client: Any, dcc_member_client: Any
) -> None:
    case = make_case(crisis, make_person(family_name="Nazari", nationalities=["AF"]))
    coordinator_client.post(
        reverse("evacuation:case-override", args=[case.pk]),
        {
            "group_code": "local-embassy-staff",
            "effect": "include",
            "justification": "Drove for the embassy for ten years; contract lost.",
        },
    )
    case.refresh_from_db()
    assert case.eligible and case.group_codes == ["local-embassy-staff"]
    detail = coordinator_client.get(reverse("evacuation:case-detail", args=[case.pk]))
    assert "Include Local embassy staff" in detail.content.decode()
    assert "not yet reviewed" in detail.content.decode()

    url = reverse("evacuation:override-list", args=[crisis.pk])
    listing = coordinator_client.get(url).content.decode()
    assert "Nazari" in listing and "Include Local embassy staff" in listing
    assert "Mark reviewed" in listing
    override = EligibilityOverride.objects.get()
    # The author cannot review their own override.
    refused = coordinator_client.post(url, {"override": override.pk}, follow=True)
    assert "someone other than its author" in refused.content.decode()
    override.refresh_from_db()
    assert override.reviewed_at is None
    # A colleague can.
    dcc_member_client.post(url, {"override": override.pk})
    override.refresh_from_db()
    assert override.reviewed_by is not None and override.reviewed_by.email == "member@dcc.example"
    listing = coordinator_client.get(url).content.decode()
    assert "Mark reviewed" not in listing and "Daan Member" in listing


def test_triage_queue_lists_by_priority_then_age(crisis: Any, call_team_client: Any) -> None:
    def submit(family_name: str, basis: str) -> Any:
        return help_request_submit(
            crisis=crisis, given_names="A", family_name=family_name,
            date_of_birth=date(1985, 3, 3), claimed_basis=basis, location="Kabul", phone="1",
        ).request  # fmt: skip

    old_other = submit("Oldother", "other")
    old_interpreter = submit("Oldinterpreter", "interpreter")
    new_interpreter = submit("Newinterpreter", "interpreter")
    dutch = submit("Dutchlast", "dutch-national")
    now = timezone.now()
    for request, hours_ago in ((old_other, 30), (old_interpreter, 20), (new_interpreter, 2)):
        HelpRequest.objects.filter(pk=request.pk).update(
            created_at=now - timedelta(hours=hours_ago)
        )
    page = call_team_client.get(reverse("evacuation:triage-queue", args=[crisis.pk]))
    text = page.content.decode()
    positions = [
        text.index(name) for name in ("Dutchlast", "Oldinterpreter", "Newinterpreter", "Oldother")
    ]
    # Dutch national first though newest; among equals the oldest first; "other" last.
    assert positions == sorted(positions)
    assert dutch.priority < old_interpreter.priority < old_other.priority


def _flight(crisis: Any, coordinator: Any, call_sign: str) -> Flight:
    return flight_create(
        actor=coordinator, crisis=crisis, operator="defence", call_sign=call_sign, capacity=10,
        origin="KBL", destination="EIN",
    )  # fmt: skip


def test_eu_citizens_on_board_are_counted_per_flight_on_the_pages(
    crisis: Any, coordinator: Any, coordinator_client: Any, django_assert_max_num_queries: Any
) -> None:
    enable(crisis, "eu-citizen")
    french = approve(make_case(crisis, make_person(family_name="Dupont", nationalities=["FR"])))
    german = approve(make_case(crisis, make_person(family_name="Muller", nationalities=["DE"])))
    dutch = approve(make_case(crisis, make_person(family_name="Bakker", nationalities=["NL"])))
    first, _second = _flight(crisis, coordinator, "NLD1"), _flight(crisis, coordinator, "NLD2")
    manifest_replace(actor=coordinator, flight=first, cases=[french, dutch, german])
    for case in (french, dutch):
        boarding_record(actor=coordinator, flight=first, case=case)
    # German is on the manifest but has not boarded: not (yet) counted for the claim.

    detail = coordinator_client.get(reverse("evacuation:flight-detail", args=[first.pk]))
    assert 'data-testid="flight-eu-citizens">1<' in detail.content.decode()
    url = reverse("evacuation:flight-list", args=[crisis.pk])
    listing = coordinator_client.get(url).content.decode()
    counts = [cell.split("<")[0] for cell in listing.split('data-testid="flight-eu-citizens">')[1:]]
    assert counts == ["1", "0"]
    assert ">3 / 10<" in listing and ">0 / 10<" in listing

    # One query for the list whatever the number of flights.
    with django_assert_max_num_queries(30) as few:
        coordinator_client.get(url)
    for i in range(3, 9):
        _flight(crisis, coordinator, f"NLD{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert coordinator_client.get(url).status_code == 200


def test_flight_added_with_departure_and_arrival(crisis: Any, coordinator_client: Any) -> None:
    url = reverse("evacuation:flight-list", args=[crisis.pk])
    fields = {
        "call_sign": "PH-KBL", "operator": "charter", "capacity": "150", "origin": "KBL",
        "destination": "AMS", "departure_at": "2026-08-20T22:00", "arrival_at": "2026-08-20T18:00",
    }  # fmt: skip
    refused = coordinator_client.post(url, fields)
    assert refused.status_code == 200
    assert "The arrival cannot be before the departure." in refused.content.decode()
    assert not Flight.objects.exists()
    response = coordinator_client.post(url, {**fields, "arrival_at": "2026-08-21T06:30"})
    flight = Flight.objects.get()
    assert response.status_code == 302 and flight.arrival_at is not None
    detail = coordinator_client.get(reverse("evacuation:flight-detail", args=[flight.pk]))
    assert "21 August 2026 06:30" in detail.content.decode()


def test_reception_organisation_informed_later(
    crisis: Any, coordinator_client: Any, partner_client: Any
) -> None:
    url = reverse("evacuation:crisis-preparation", args=[crisis.pk])
    coordinator_client.post(
        url, {"action": "reception", "reception-kind": "coa", "reception-name": "COA Budel"}
    )
    organisation = ReceptionOrganisation.objects.get()
    page = coordinator_client.get(url).content.decode()
    assert "not yet informed" in page and "Record the date an organisation was informed" in page

    tomorrow = timezone.localdate() + timedelta(days=1)
    refused = coordinator_client.post(
        url,
        {
            "action": "informed",
            "informed-organisation": organisation.pk,
            "informed-informed_on": tomorrow.isoformat(),
        },
    )
    assert refused.status_code == 200
    assert "The date informed cannot be in the future." in refused.content.decode()
    organisation.refresh_from_db()
    assert organisation.informed_on is None

    informed = {
        "action": "informed",
        "informed-organisation": organisation.pk,
        "informed-informed_on": "2026-08-16",
    }
    # Read-only partners cannot record it.
    assert partner_client.post(url, informed).status_code == 404
    assert coordinator_client.post(url, informed).status_code == 302
    organisation.refresh_from_db()
    assert organisation.informed_on == date(2026, 8, 16)
    assert "informed on 16 August 2026" in coordinator_client.get(url).content.decode()


@pytest.fixture
def dutch_compiled(tmp_path: Any, settings: Any) -> None:
    """The Dutch catalogue compiled for this test (compiled files are not in the repository)."""
    import polib

    target = tmp_path / "nl" / "LC_MESSAGES"
    target.mkdir(parents=True)
    po = polib.pofile(str(settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    po.save_as_mofile(str(target / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path)]


def test_reasons_read_in_the_readers_language_and_a_recompute_in_another_is_no_change(
    crisis: Any, coordinator_client: Any, dutch_compiled: None
) -> None:
    from django.utils import translation

    from evacuation.models import EligibilityChange, EvacuationCase
    from evacuation.services.cases import case_eligibility_refresh

    wife = make_person(given_names="Farida", family_name="Karimi", nationalities=["AF"])
    dutch = make_person(given_names="Jan", family_name="Visser", nationalities=["NL"])
    tie(dutch, wife, "registered-partner")
    with translation.override("en"):
        case = make_case(crisis, wife)
    # The worker recomputes in the default language (Dutch): the same groups, no change.
    with translation.override("nl"):
        assert case_eligibility_refresh(case=case) is False
    assert not EligibilityChange.objects.filter(case=case).exists()

    url = reverse("evacuation:case-detail", args=[case.pk])
    english = coordinator_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "family member: registered partner of Jan Visser (Dutch national)" in english
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch_page = coordinator_client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "gezinslid: geregistreerd partner van Jan Visser (Nederlander)" in dutch_page

    # A case stored before reasons kept their message still shows its text and is not
    # reported as changed when recomputed.
    EvacuationCase.objects.filter(pk=case.pk).update(
        groups=[{"code": "family-member", "reason": "family member: spouse of J. Visser"}]
    )
    assert "spouse of J. Visser" in coordinator_client.get(url).content.decode()
    assert case_eligibility_refresh(case=case) is False
    assert not EligibilityChange.objects.filter(case=case).exists()


def test_group_catalogue_page_shows_every_group_and_its_state_in_the_crisis(
    crisis: Any, coordinator_client: Any, partner_client: Any
) -> None:
    url = reverse("evacuation:crisis-groups", args=[crisis.pk])
    page = coordinator_client.get(url).content.decode()
    rows = page.split('data-testid="group-')[2:]  # after the table's own test id
    assert len(rows) == 10
    dutch = next(row for row in rows if row.startswith('dutch-national"'))
    assert "Persons holding Dutch nationality." in dutch and "always eligible" in dutch
    interpreter = next(row for row in rows if row.startswith('interpreter"'))
    assert "Ministry of Defence" in interpreter and "not enabled" in interpreter

    decision = {
        "group_code": "interpreter", "enabled": "on", "priority": "2",
        "rationale": "Interpreters of the mission are at risk.", "decided_by": "Council of Ministers",
    }  # fmt: skip
    # Partners read the page but cannot decide.
    assert partner_client.get(url).status_code == 200
    assert partner_client.post(url, decision).status_code == 404
    assert coordinator_client.post(url, decision).status_code == 302
    page = coordinator_client.get(url).content.decode()
    interpreter = next(
        row for row in page.split('data-testid="group-')[2:] if row.startswith('interpreter"')
    )
    assert "enabled, priority 2" in interpreter
    assert "(Council of Ministers) — Interpreters of the mission are at risk." in page


def test_case_page_warns_when_the_household_is_split_across_flights(
    crisis: Any, coordinator: Any, coordinator_client: Any
) -> None:
    dutch = make_person(family_name="Husband", nationalities=["NL"])
    wife = make_person(family_name="Wife", nationalities=["AF"])
    tie(dutch, wife, "spouse")
    husband_case, wife_case = approve(make_case(crisis, dutch)), approve(make_case(crisis, wife))
    first, second = _flight(crisis, coordinator, "NLD1"), _flight(crisis, coordinator, "NLD2")
    manifest_replace(actor=coordinator, flight=first, cases=[husband_case])
    manifest_replace(actor=coordinator, flight=second, cases=[wife_case])
    url = reverse("evacuation:case-detail", args=[husband_case.pk])
    page = coordinator_client.get(url).content.decode()
    assert 'data-testid="household-warning"' in page
    assert "Family members are on different flights" in page
    assert "Wife" in page and "(NLD2)" in page
    manifest_replace(actor=coordinator, flight=second, cases=[])
    manifest_replace(actor=coordinator, flight=first, cases=[husband_case, wife_case])
    assert 'data-testid="household-warning"' not in coordinator_client.get(url).content.decode()


def test_joint_validation_mission_on_the_plan_page(post_a: Any, coordinator_client: Any) -> None:
    url = reverse("evacuation:post-plan", args=[post_a.pk])
    coordinator_client.post(url, {"action": "plan", "plan-level": "extended"})
    visit = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = coordinator_client.post(
        url,
        {
            "action": "validation", "validation-validated_on": visit,
            "validation-with_defence": "on", "validation-participants": "CLAS, KMar, embassy",
            "validation-findings": "Northern gate unusable after dark.",
        },
    )  # fmt: skip
    assert response.status_code == 302
    page = coordinator_client.get(url).content.decode()
    validations = page.split('data-testid="plan-validations"')[1].split("</ul>")[0]
    assert "joint mission with Defence" in validations
    assert (
        "CLAS, KMar, embassy" in validations and "Northern gate unusable after dark." in validations
    )


def test_case_page_and_override_list_query_counts_do_not_grow_with_rows(
    crisis: Any,
    coordinator: Any,
    call_team: Any,
    coordinator_client: Any,
    django_assert_max_num_queries: Any,
) -> None:
    from evacuation.services.cases import contact_log_add, eligibility_override_set

    head = make_person(family_name="Head", nationalities=["NL"])
    case = approve(make_case(crisis, head))
    flight = _flight(crisis, coordinator, "NLD1")

    def grow(n: int) -> None:
        members = []
        for i in range(n):
            member = make_person(family_name=f"Member{i}{n}", nationalities=["AF"])
            tie(head, member, "child", dependent=True)
            members.append(approve(make_case(crisis, member)))
            contact_log_add(actor=call_team, case=case, kind="call", outcome="reached")
            eligibility_override_set(
                actor=coordinator, crisis=crisis, person=member, group_code="eu-citizen",
                effect="exclude", justification="Travels on own passport.",
            )  # fmt: skip
        manifest_replace(
            actor=coordinator, flight=flight, cases=[*flight_cases(flight), *members[:1]]
        )

    def flight_cases(flight: Flight) -> list[Any]:
        return [entry.case for entry in flight.manifest.select_related("case")]

    case_url = reverse("evacuation:case-detail", args=[case.pk])
    list_url = reverse("evacuation:override-list", args=[crisis.pk])
    grow(2)
    coordinator_client.get(case_url)
    with django_assert_max_num_queries(40) as case_few:
        coordinator_client.get(case_url)
    with django_assert_max_num_queries(40) as list_few:
        coordinator_client.get(list_url)
    grow(6)
    with django_assert_max_num_queries(len(case_few.captured_queries)):
        page = coordinator_client.get(case_url).content.decode()
    assert page.count("Member") >= 8
    with django_assert_max_num_queries(len(list_few.captured_queries)):
        listing = coordinator_client.get(list_url).content.decode()
    assert listing.count("Travels on own passport.") == 8


def test_a_decision_cannot_predate_the_conditions_it_cites(crisis: Any, coordinator: Any) -> None:
    from django.core.exceptions import ValidationError

    from evacuation.models import EvacuationDecision
    from evacuation.services.conditions import evacuation_conditions_record, evacuation_decide

    assessed = timezone.now() - timedelta(hours=2)
    conditions = evacuation_conditions_record(
        actor=coordinator, crisis=crisis, life_threatening="now", no_commercial_options=True,
        no_partner_country=True, responsible=True, practically_feasible=True, assessed_at=assessed,
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        evacuation_decide(
            actor=coordinator, crisis=crisis, conditions=conditions, rationale="Go.",
            decided_by="MinBZ", decided_at=assessed - timedelta(hours=1),
        )  # fmt: skip
    assert "decided_at" in error.value.message_dict
    assert not EvacuationDecision.objects.exists()
    decision = evacuation_decide(
        actor=coordinator, crisis=crisis, conditions=conditions, rationale="Go.",
        decided_by="MinBZ", decided_at=assessed + timedelta(minutes=30),
    )  # fmt: skip
    assert decision.conditions == conditions


def test_interpreter_reason_names_the_employer_in_words(
    crisis: Any, coordinator_client: Any
) -> None:
    from tests.evacuation.factories import staff

    enable(crisis, "interpreter")
    interpreter = staff("defence", "interpreter", "D-77", given_names="Ahmad", nationalities=["AF"])
    case = make_case(crisis, interpreter)
    page = coordinator_client.get(reverse("evacuation:case-detail", args=[case.pk]))
    assert (
        "Interpreter of a military or police mission</strong>: "
        "interpreter for Defence (military mission) (Resolute Support)"
    ) in page.content.decode()


# The pages the main matrix (test_views) leaves out. Overrides and flights are the DCC's;
# the group catalogue and the preparation page hold no personal data and are open to every
# member of the crisis; the plan of post A to the DCC and post A.
MATRIX = {
    "coordinator_client": {"overrides": 200, "flights": 200, "groups": 200, "preparation": 200, "plan": 200},
    "dcc_member_client": {"overrides": 200, "flights": 200, "groups": 200, "preparation": 200, "plan": 200},
    "post_a_client": {"overrides": 404, "flights": 404, "groups": 200, "preparation": 200, "plan": 200},
    "post_b_client": {"overrides": 404, "flights": 404, "groups": 404, "preparation": 404, "plan": 404},
    "call_team_client": {"overrides": 404, "flights": 404, "groups": 200, "preparation": 200, "plan": 404},
    "partner_client": {"overrides": 404, "flights": 404, "groups": 200, "preparation": 200, "plan": 404},
    "anonymous_client": {"overrides": 302, "flights": 302, "groups": 302, "preparation": 302, "plan": 302},
}  # fmt: skip


@pytest.mark.parametrize("client_name", list(MATRIX))
def test_permission_matrix_of_the_other_pages(
    request: Any, client_name: str, crisis: Any, post_a: Any
) -> None:
    client = request.getfixturevalue(client_name)
    urls = {
        "overrides": reverse("evacuation:override-list", args=[crisis.pk]),
        "flights": reverse("evacuation:flight-list", args=[crisis.pk]),
        "groups": reverse("evacuation:crisis-groups", args=[crisis.pk]),
        "preparation": reverse("evacuation:crisis-preparation", args=[crisis.pk]),
        "plan": reverse("evacuation:post-plan", args=[post_a.pk]),
    }
    assert {name: client.get(url).status_code for name, url in urls.items()} == MATRIX[client_name]


def test_case_page_shows_the_dcc_groups_the_crisis_has_not_enabled(
    crisis: Any, coordinator_client: Any, call_team: Any, call_team_client: Any, coordinator: Any
) -> None:
    from evacuation.services.cases import cases_assign
    from tests.evacuation.factories import staff

    driver = staff("embassy", "driver", "E-12", given_names="Wali", nationalities=["AF"])
    case = make_case(crisis, driver)
    cases_assign(actor=coordinator, crisis=crisis, case_ids=[case.pk], owner=call_team)
    url = reverse("evacuation:case-detail", args=[case.pk])
    page = coordinator_client.get(url).content.decode()
    assert "Not eligible under the rules of this crisis." in page
    hint = page.split('data-testid="case-groups-not-enabled"')[1].split("</ul>")[0]
    assert "Local embassy staff</strong>: local embassy staff: driver at the embassy" in hint
    # The call team works the case but does not decide on groups.
    assert "case-groups-not-enabled" not in call_team_client.get(url).content.decode()
    enable(crisis, "local-embassy-staff")
    from evacuation.services.cases import case_eligibility_refresh

    case_eligibility_refresh(case=case)
    page = coordinator_client.get(url).content.decode()
    assert "case-groups-not-enabled" not in page
    assert "Local embassy staff</strong>: local embassy staff: driver at the embassy" in page


def test_case_page_links_the_help_request_it_was_opened_from(
    crisis: Any, call_team: Any, call_team_client: Any, post_a_client: Any
) -> None:
    from evacuation.services.help_requests import help_request_claim, help_request_convert

    def submit(location: str) -> Any:
        return help_request_submit(
            crisis=crisis, given_names="Amina", family_name="Ahmadi",
            date_of_birth=date(1990, 5, 1), claimed_basis="dutch-national", nationality="NL",
            location=location, phone="+93 700 000 000",
        ).request  # fmt: skip

    submit("Home")
    request = submit("Airport gate")
    help_request_claim(actor=call_team, request=request)
    case = help_request_convert(actor=call_team, request=request)
    url = reverse("evacuation:case-detail", args=[case.pk])
    origin = call_team_client.get(url).content.decode().split('data-testid="case-origin"')[1]
    assert reverse("evacuation:help-request-detail", args=[request.pk]) in origin
    assert "2 submissions" in origin.split("</ul>")[0]
    # Post staff see the case of their post but not the triage: no link for them.
    page = post_a_client.get(url)
    assert page.status_code == 200 and 'data-testid="case-origin"' not in page.content.decode()
