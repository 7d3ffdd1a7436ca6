"""A DCC member finds a person by another spelling of the name, sees the likely duplicate,
is warned of it when registering the person again, merges the two records with a reason and
inspects the merge record. axe-core on every page on the way."""

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from registration.models import NationalRegistration, Person, PersonMerge
from registration.services import family_tie_add
from tests.e2e.conftest import assert_accessible, login_with_second_factor
from tests.factories import PASSWORD, make_staff
from tests.registration.factories import make_person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_search_duplicate_merge_and_merge_record(page: Any, live_server: Any) -> None:
    member = make_staff("daan@dcc.example", is_dcc=True, first_name="Daan", last_name="Member")
    kept = make_person(
        given_names="Mohammad",
        family_name="Ahmadi",
        date_of_birth=date(1985, 3, 1),
        nationalities=["NL"],
        identity_documents=[{"kind": "passport", "number": "NP1234567", "issuing_country": "NL"}],
    )
    spouse = make_person(given_names="Zahra", family_name="Ahmadi", birth_year=1988)
    family_tie_add(actor=None, person=kept, related_person=spouse, kind="spouse")
    make_person(given_names="Ali", family_name="Ahmadi", birth_year=2015)
    duplicate = make_person(
        given_names="Muhammad",
        family_name="Ahmadi",
        date_of_birth=date(1985, 3, 1),
        phone="+93 700 123 456",
    )
    duplicate_id = duplicate.pk
    registration = NationalRegistration.objects.create(
        kind="limited", status="confirmed", country="AF", registrant=duplicate
    )

    login_with_second_factor(page, live_server, member, PASSWORD)
    page.goto(f"{live_server.url}/registration/persons")
    expect(page.get_by_test_id("search-hint")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name, document number or phone number").fill("Mohammed Ahmady")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("person-results")
    expect(results).to_contain_text("Ahmadi, Mohammad")
    expect(results).to_contain_text("Ahmadi, Muhammad")
    assert_accessible(page)

    page.get_by_role("link", name="Ahmadi, Mohammad").click()
    expect(page.get_by_test_id("person-name")).to_have_text("Mohammad Ahmadi")
    expect(page.get_by_test_id("person-ties")).to_contain_text("Zahra Ahmadi")
    expect(page.get_by_test_id("person-duplicates")).to_contain_text("Muhammad Ahmadi")
    assert_accessible(page)
    person_url = page.url

    # Their son is registered too: tie him to his father, shown on both.
    page.get_by_role("link", name="Add a family member").click()
    page.get_by_label("Name, document number or phone number").fill("Ali Ahmadi")
    page.get_by_role("button", name="Find").click()
    page.get_by_label("Ali Ahmadi (2015)").check()
    page.get_by_label("Relation (required)").select_option("child")
    page.get_by_label("Dependent (a child who depends on the parent)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Add the family tie").click()
    expect(page.get_by_test_id("person-ties")).to_contain_text("Child (dependent): Ali Ahmadi")
    page.get_by_role("link", name="Ali Ahmadi", exact=True).click()
    expect(page.get_by_test_id("person-ties")).to_contain_text(
        "Parent (dependent): Mohammad Ahmadi"
    )

    # Registering the same human being again is stopped by the duplicate warning.
    page.goto(f"{live_server.url}/registration/persons/new")
    assert_accessible(page)
    page.get_by_label("Given names").fill("Mohamad")
    page.get_by_label("Family name (required)").fill("Ahmadi")
    page.get_by_label("Date of birth").fill("1985-03-01")
    page.get_by_role("button", name="Register the person").click()
    expect(page.get_by_test_id("duplicate-candidates")).to_contain_text("Mohammad Ahmadi")
    assert_accessible(page)
    assert not Person.objects.filter(given_names="Mohamad").exists()

    page.goto(person_url)
    page.get_by_role("link", name="Compare and merge with Muhammad Ahmadi").click()
    expect(page.get_by_test_id("merge-compare")).to_contain_text("+93 700 123 456")
    expect(page.get_by_test_id("merge-moves")).to_contain_text(
        "Registrations of nationals abroad: 1"
    )
    assert_accessible(page)
    page.get_by_label("Reason for the merge (required)").fill("Same passport shown at the embassy")
    page.get_by_role("button", name="Merge the records").click()
    expect(page.get_by_text("The records have been merged.")).to_be_visible()
    expect(page.get_by_test_id("person-details")).to_contain_text("+93 700 123 456")
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.registrant_id == kept.pk
    assert not Person.objects.filter(pk=duplicate_id).exists()

    page.get_by_role("link", name="See the merge record.").click()
    expect(page.get_by_test_id("merge-reason")).to_have_text("Same passport shown at the embassy")
    expect(page.get_by_test_id("merge-snapshot")).to_contain_text("Muhammad")
    expect(page.get_by_test_id("merge-moved")).to_contain_text(str(registration.pk))
    assert_accessible(page)
    assert PersonMerge.objects.get().merged_by == member

    page.get_by_role("link", name="All merges").click()
    expect(page.get_by_test_id("merge-list")).to_contain_text("Muhammad Ahmadi")
    assert_accessible(page)
