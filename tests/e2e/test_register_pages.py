"""DCC staff look at the registrations of Sudan, publish new travel advice and watch the
broadcast page count the emails the real worker sends (htmx poll). axe-core on every page."""

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from registration.models import NationalRegistration, RegistrationKind, RegistrationStatus
from registration.services.registrations import registration_confirm, registration_submit
from tests.e2e.conftest import assert_accessible, login_with_second_factor
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_registers_travel_advice_and_broadcast_progress(
    page: Any, live_server: Any, celery_worker: Any
) -> None:
    coordinator = make_staff("carla@dcc.example", is_dcc=True, first_name="Carla", last_name="C")
    anna = registration_submit(
        kind=RegistrationKind.EXTENDED,
        country="SD",
        email="anna@example.org",
        given_names="Anna",
        family_name="Jansen",
        consent_text="I agree",
        whereabouts="Khartoum, Hotel Nile",
        stay_until=date.today() + timedelta(days=30),
        members=[{"given_names": "Sam", "family_name": "Jansen", "kind": "child"}],
        language="en",
    )
    registration_confirm(registration=anna)
    NationalRegistration.objects.bulk_create(
        NationalRegistration(
            kind=RegistrationKind.LIMITED,
            status=RegistrationStatus.CONFIRMED,
            country="SD",
            email=f"r{i}@example.org",
            token_hash=f"{i:064d}",
            language="en",
        )
        for i in range(3)
    )
    login_with_second_factor(page, live_server, coordinator, PASSWORD)

    page.goto(f"{live_server.url}/registration/registrations")
    sudan = page.get_by_test_id("counts-SD")
    expect(sudan.get_by_test_id("limited")).to_have_text("3")
    expect(sudan.get_by_test_id("extended")).to_have_text("1")
    expect(sudan.get_by_test_id("members")).to_have_text("1")
    assert_accessible(page)

    page.get_by_role("link", name="Search registrations").click()
    page.get_by_label("Name or email").fill("jansen")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("registration-total")).to_have_text("1 registration")
    assert_accessible(page)
    page.get_by_role("link", name="Jansen, Anna").click()
    expect(page.get_by_test_id("members")).to_contain_text("Sam Jansen")
    assert_accessible(page)

    page.get_by_role("link", name="Travel advice", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Country", exact=True).select_option("SD")
    page.get_by_role("button", name="Open the country").click()
    assert_accessible(page)
    page.get_by_label("Colour code (required)", exact=True).select_option("red")
    page.get_by_label("Advice (required)", exact=True).fill("Leave the country now.")
    page.get_by_label("Region", exact=True).first.fill("Darfur")
    page.get_by_label("Colour of the region", exact=True).first.select_option("red")
    page.get_by_role("button", name="Publish and notify registrants").click()

    # The broadcast page polls until the worker has sent every email.
    expect(page.get_by_text("Version 1 of the travel advice is published.")).to_be_visible()
    expect(page.get_by_test_id("count-sent")).to_have_text("4", timeout=60_000)
    expect(page.get_by_test_id("count-pending")).to_have_text("0")
    assert_accessible(page)

    page.goto(f"{live_server.url}/registration/travel-advice/SD")
    expect(page.get_by_test_id("advice-version-1")).to_contain_text("Darfur")
    page.get_by_role("link", name="Embassy message").click()
    assert_accessible(page)
