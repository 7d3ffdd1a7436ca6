"""A help request from the public page is triaged into a case, approved, put on a flight and
boarded; the manifest PDF lists the person. axe-core on every page on the way."""

import io
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from crisisportal.models import CrisisRole
from crisisportal.services.roles import crisis_member_set
from evacuation.catalogue import catalogue_ensure
from tests.e2e.conftest import assert_accessible, login_with_second_factor
from tests.factories import PASSWORD, PostFactory, make_crisis, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_help_request_to_boarding(page: Any, live_server: Any) -> None:
    catalogue_ensure()
    coordinator = make_staff("carla@dcc.example", is_dcc=True, first_name="Carla", last_name="C")
    caller = make_staff("lotte@dcc.example", first_name="Lotte", last_name="Caller")
    post: Any = PostFactory(name="Embassy Kabul", country="AF", city="Kabul")
    crisis = make_crisis(coordinator=coordinator, posts=[post], title="Fall of Kabul")
    crisis_member_set(actor=coordinator, crisis=crisis, user=caller, role=CrisisRole.CALL_TEAM)

    # The public form, no account.
    page.goto(f"{live_server.url}/crises/{crisis.pk}/help-request")
    assert_accessible(page)
    page.get_by_label("Given names").fill("Amina")
    page.get_by_label("Family name").fill("Ahmadi")
    page.get_by_label("Date of birth").fill("1990-05-01")
    page.get_by_label("Nationality").select_option("NL")
    page.get_by_label("Why should the Netherlands help you leave?").select_option("dutch-national")
    page.get_by_label("Where are you now?").fill("Near the airport")
    page.get_by_role("button", name="Send request").click()
    # No phone or email: refused with a field error.
    expect(page.get_by_text("Give a phone number or an email address.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Phone number").fill("+93 700 111 222")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_test_id("help-request-received")).to_be_visible()
    assert_accessible(page)

    # The call team triages it into a case and works it up to approval.
    login_with_second_factor(page, live_server, caller, PASSWORD)
    page.goto(f"{live_server.url}/crises/{crisis.pk}/help-requests")
    assert_accessible(page)
    page.get_by_role("link", name="Ahmadi, Amina").click()
    assert_accessible(page)
    page.get_by_role("button", name="Claim this request").click()
    page.get_by_role("button", name="Open a case").click()
    expect(page.get_by_test_id("case-groups")).to_contain_text("Dutch national")
    assert_accessible(page)
    page.get_by_label("Contact by").select_option("call")
    page.get_by_label("Outcome").select_option("reached")
    page.get_by_label("Next step").fill("Send passport photo")
    page.get_by_role("button", name="Log contact").click()
    for status, label in [
        ("contacted", "Contacted"),
        ("documents-verified", "Documents verified"),
        ("approved", "Approved"),
    ]:
        page.get_by_label("New status").select_option(status)
        page.get_by_role("button", name="Change status").click()
        expect(page.get_by_test_id("case-status")).to_contain_text(label)
    assert_accessible(page)
    case_url = page.url

    # The DCC puts the case on a flight and Defence boards it.
    page.context.clear_cookies()
    login_with_second_factor(page, live_server, coordinator, PASSWORD)
    page.goto(f"{live_server.url}/crises/{crisis.pk}/cases")
    assert_accessible(page)
    page.goto(f"{live_server.url}/crises/{crisis.pk}/flights")
    assert_accessible(page)
    page.get_by_label("Call sign").fill("NLD001")
    page.get_by_label("Operator").select_option("defence")
    page.get_by_label("Capacity").fill("100")
    page.get_by_label("Origin").fill("KBL")
    page.get_by_label("Destination").fill("EIN")
    page.get_by_role("button", name="Add flight").click()
    page.get_by_label("Put Ahmadi on the manifest").check()
    page.get_by_role("button", name="Save manifest").click()
    expect(page.get_by_test_id("manifest-count")).to_have_text("1")
    assert_accessible(page)
    page.get_by_role("button", name="Board Ahmadi").click()
    expect(page.get_by_test_id("manifest-table")).to_contain_text("Boarded")
    href = page.get_by_role("link", name="Manifest (PDF)").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert "Ahmadi" in text and "Amina" in text
    page.goto(case_url)
    expect(page.get_by_test_id("case-status")).to_contain_text("Boarded")
    expect(page.get_by_test_id("case-flight")).to_contain_text("NLD001")
    assert_accessible(page)
