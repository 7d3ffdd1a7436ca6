"""Each eligibility rule, its reason, and the negative cases the issue names."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from evacuation.models import EligibilityChange
from evacuation.services.cases import eligibility_override_set, group_designation_add
from evacuation.services.eligibility import eligibility_for
from evacuation.tasks import crisis_eligibility_recompute, permits_expiry_recompute
from registration.services import person_update
from tests.evacuation.factories import enable, make_case, make_person, staff, tie

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def groups(person: Any, crisis: Any, on: date = TODAY) -> dict[str, str]:
    return dict(eligibility_for(person, crisis, on=on).groups)


def test_dutch_national(crisis: Any) -> None:
    result = eligibility_for(make_person(nationalities=["NL", "SD"]), crisis, on=TODAY)
    assert result.eligible
    assert list(dict(result.groups)) == ["dutch-national"]
    assert "Dutch nationality" in result.groups[0].reason


def test_not_dutch_not_eligible(crisis: Any) -> None:
    result = eligibility_for(make_person(nationalities=["SD"]), crisis, on=TODAY)
    assert not result.eligible and result.groups == []


@pytest.mark.parametrize(
    ("kind", "dependent", "label"),
    [
        ("spouse", False, "spouse"),
        ("registered-partner", False, "registered partner"),
        ("cohabitation-partner", False, "cohabitation partner"),
    ],
)
def test_partner_of_dutch_national(crisis: Any, kind: str, dependent: bool, label: str) -> None:
    dutch = make_person(given_names="Jan", family_name="Visser", nationalities=["NL"])
    partner = make_person(given_names="Amina", family_name="Ahmadi", nationalities=["AF"])
    tie(dutch, partner, kind)  # partner is dutch's <kind>
    reason = groups(partner, crisis)["family-member"]
    assert reason == f"family member: {label} of Jan Visser (Dutch national)"


@pytest.mark.parametrize("kind", ["child", "adopted-child", "step-child"])
def test_dependent_child_of_dutch_national(crisis: Any, kind: str) -> None:
    dutch = make_person(given_names="Jan", family_name="Visser", nationalities=["NL"])
    child = make_person(given_names="Sara", nationalities=["AF"])
    tie(dutch, child, kind, dependent=True)
    assert "of Jan Visser (Dutch national)" in groups(child, crisis)["family-member"]


def test_adult_non_dependent_child_is_not_covered(crisis: Any) -> None:
    dutch = make_person(nationalities=["NL"])
    child = make_person(nationalities=["AF"], date_of_birth=date(1990, 1, 1))
    tie(dutch, child, "child", dependent=False)
    assert groups(child, crisis) == {}


def test_parent_of_dutch_national_is_not_covered(crisis: Any) -> None:
    dutch = make_person(nationalities=["NL"])
    parent = make_person(nationalities=["AF"])
    tie(dutch, parent, "parent")
    assert groups(parent, crisis) == {}


def test_sibling_of_dutch_national_is_not_covered(crisis: Any) -> None:
    dutch = make_person(nationalities=["NL"])
    sibling = make_person(nationalities=["AF"])
    tie(dutch, sibling, "sibling")
    assert groups(sibling, crisis) == {}


@pytest.mark.parametrize("territory", ["NL", "AW", "CW", "SX", "BQ"])
def test_valid_residence_permit(crisis: Any, territory: str) -> None:
    person = make_person(
        nationalities=["AF"],
        residence_permits=[{"territory": territory, "valid_until": TODAY}],
    )
    assert territory in groups(person, crisis)["residence-permit-holder"]


def test_expired_residence_permit_is_not_covered(crisis: Any) -> None:
    person = make_person(
        nationalities=["AF"],
        residence_permits=[{"territory": "NL", "valid_until": TODAY - timedelta(days=1)}],
    )
    assert groups(person, crisis) == {}
    # Valid on an earlier evaluation date.
    assert "residence-permit-holder" in groups(person, crisis, on=TODAY - timedelta(days=2))


@pytest.mark.parametrize(
    ("employer", "role", "code"),
    [
        ("embassy", "administrative", "local-embassy-staff"),
        ("defence", "interpreter", "interpreter"),
        ("police", "interpreter", "interpreter"),
        ("defence", "driver", "mission-personnel"),
    ],
)
def test_local_staff_only_when_group_enabled(
    crisis: Any, employer: str, role: str, code: str
) -> None:
    person = staff(employer, role, f"REF-{employer}-{role}", nationalities=["AF"])
    result = eligibility_for(person, crisis, on=TODAY)
    assert not result.eligible
    assert [g.code for g in result.not_enabled] == [code]
    enable(crisis, code)
    reason = groups(person, crisis)[code]
    assert role in reason or employer in reason


def test_nuclear_family_of_interpreter(crisis: Any) -> None:
    interpreter = staff("defence", "interpreter", "T-1", given_names="Ali", nationalities=["AF"])
    wife = make_person(nationalities=["AF"])
    son = make_person(nationalities=["AF"])
    brother = make_person(nationalities=["AF"])
    tie(interpreter, wife, "spouse")
    tie(interpreter, son, "child", dependent=True)
    tie(interpreter, brother, "sibling")
    enable(crisis, "interpreter")
    assert groups(wife, crisis) == {}  # nuclear-family not enabled
    enable(crisis, "nuclear-family")
    assert "spouse of Ali Staff" in groups(wife, crisis)["nuclear-family"]
    assert "nuclear-family" in groups(son, crisis)
    assert groups(brother, crisis) == {}


def test_nuclear_family_needs_the_principal_group_enabled(crisis: Any) -> None:
    embassy = staff("embassy", "driver", "E-1", nationalities=["AF"])
    wife = make_person(nationalities=["AF"])
    tie(embassy, wife, "spouse")
    enable(crisis, "nuclear-family")
    assert groups(wife, crisis) == {}
    enable(crisis, "local-embassy-staff")
    assert "nuclear-family" in groups(wife, crisis)


def test_motion_and_at_risk_by_designation_when_enabled(crisis: Any, coordinator: Any) -> None:
    journalist = make_person(nationalities=["AF"])
    group_designation_add(
        actor=coordinator,
        crisis=crisis,
        person=journalist,
        group_code="at-risk-hrd-journalist",
        justification="Wrote for NRC for ten years.",
    )
    assert groups(journalist, crisis) == {}
    enable(crisis, "at-risk-hrd-journalist")
    assert "Wrote for NRC" in groups(journalist, crisis)["at-risk-hrd-journalist"]


def test_eu_citizen_when_enabled(crisis: Any) -> None:
    person = make_person(nationalities=["DE"])
    assert groups(person, crisis) == {}
    enable(crisis, "eu-citizen")
    assert "DE" in groups(person, crisis)["eu-citizen"]


def test_several_groups_all_reasons(crisis: Any) -> None:
    dutch = make_person(nationalities=["NL"])
    person = make_person(
        nationalities=["BE"], residence_permits=[{"territory": "NL", "valid_until": TODAY}]
    )
    tie(dutch, person, "registered-partner")
    enable(crisis, "eu-citizen")
    assert set(groups(person, crisis)) == {"family-member", "residence-permit-holder", "eu-citizen"}


def test_overrides_include_and_exclude(crisis: Any, coordinator: Any) -> None:
    person = make_person(nationalities=["NL"])
    eligibility_override_set(
        actor=coordinator,
        crisis=crisis,
        person=person,
        group_code="dutch-national",
        effect="exclude",
        justification="Renounced nationality; documents seen.",
    )
    assert groups(person, crisis) == {}
    eligibility_override_set(
        actor=coordinator,
        crisis=crisis,
        person=person,
        group_code="parliamentary-motion",
        effect="include",
        justification="Named in motion 123.",
    )
    assert "Named in motion 123" in groups(person, crisis)["parliamentary-motion"]


def test_case_is_recomputed_when_a_tie_is_added(crisis: Any) -> None:
    partner = make_person(nationalities=["AF"])
    case = make_case(crisis, partner)
    assert not case.eligible
    dutch = make_person(nationalities=["NL"])
    tie(dutch, partner, "spouse")
    from evacuation.tasks import persons_eligibility_recompute

    persons_eligibility_recompute.apply(args=([str(partner.pk)],))
    case.refresh_from_db()
    assert case.eligible and case.group_codes == ["family-member"]
    change = EligibilityChange.objects.get(case=case)
    assert change.added == ["family-member"] and change.removed == []


def test_recompute_is_queued_on_commit_when_registration_data_changes(
    crisis: Any, django_capture_on_commit_callbacks: Any, tasks_sent: list[Any]
) -> None:
    person = make_person(nationalities=["AF"])
    with django_capture_on_commit_callbacks(execute=True):
        person_update(actor=None, person=person, nationalities=["NL"])
    sent = [
        args[0]
        for name, args in tasks_sent
        if name == "evacuation.tasks.persons_eligibility_recompute"
    ]
    assert any(str(person.pk) in ids for ids in sent)


def test_case_is_recomputed_when_a_group_is_enabled(crisis: Any) -> None:
    case = make_case(crisis, make_person(nationalities=["FR"]))
    enable(crisis, "eu-citizen")
    crisis_eligibility_recompute.apply(args=(str(crisis.pk),))
    case.refresh_from_db()
    assert case.group_codes == ["eu-citizen"] and case.eligible


def test_case_is_recomputed_when_a_permit_expires(crisis: Any) -> None:
    # The permit's last day is today in the portal's time zone (Amsterdam, which between
    # 23:00 and 24:00 UTC is not the UTC date); a day later the beat task finds it expired.
    today = timezone.localdate()
    person = make_person(
        nationalities=["AF"],
        residence_permits=[{"territory": "NL", "valid_until": today}],
    )
    case = make_case(crisis, person)
    assert case.eligible

    with freeze_time(timezone.now() + timedelta(days=1)):
        permits_expiry_recompute.apply()
    case.refresh_from_db()
    assert not case.eligible
    assert EligibilityChange.objects.get(case=case).removed == ["residence-permit-holder"]
