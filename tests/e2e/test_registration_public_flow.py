"""A national abroad registers (extended) with a family member on the public page, confirms
with the personal link from the email (delivered by the real Celery worker), updates the
registration and deregisters. axe-core on every public page, in English and in Dutch."""

import re
import time
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from registration.models import NationalRegistration, Person, RegistrationStatus
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _personal_link(live_server: Any, address: str, count: int) -> str:
    """The personal link from the count-th email to address, once the worker sent it."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        sent = [message for message in mail.outbox if address in message.to]
        if len(sent) >= count:
            match = re.search(r"https?://\S+(/register/link/\S+)", str(sent[count - 1].body))
            assert match, sent[count - 1].body
            return f"{live_server.url}{match.group(1)}"
        time.sleep(0.2)
    raise AssertionError(f"no email number {count} to {address}")


def test_register_confirm_update_deregister(
    page: Any, live_server: Any, celery_worker: Any
) -> None:
    address = "anna.jansen@example.org"

    # Choose the type of registration: voluntary, and said so.
    page.goto(f"{live_server.url}/register")
    expect(page.get_by_test_id("voluntary")).to_contain_text("Registering is voluntary.")
    assert_accessible(page)
    page.get_by_role("link", name="Register: extended").click()
    expect(page).to_have_url(f"{live_server.url}/register/extended")
    expect(page.get_by_test_id("consent-text")).to_contain_text("shares them with the Dutch")
    assert_accessible(page)

    page.get_by_label("Country (required)", exact=True).select_option("SD")
    page.get_by_label("Given names (required)", exact=True).fill("Anna")
    page.get_by_label("Family name (required)", exact=True).first.fill("Jansen")
    page.get_by_label("Email address (required)", exact=True).fill(address)
    page.get_by_label("Where are you staying? (required)", exact=True).fill("Khartoum, Hotel Nile")
    until = date.today() + timedelta(days=30)
    page.get_by_label("Staying until (required)", exact=True).fill(until.isoformat())
    page.get_by_label("Phone number", exact=True).fill("+249 111 222")
    member = page.get_by_role("group", name="Family member 1")
    member.get_by_label("Given names", exact=True).fill("Sam")
    member.get_by_label("Family name (required)", exact=True).fill("Jansen")
    member.get_by_label("Date of birth", exact=True).fill("2015-06-01")
    member.get_by_label("Relation to you (required)", exact=True).select_option("child")
    member.get_by_label("Dependent on me", exact=True).check()
    # Another row for a second member, then left empty: what was typed stays.
    page.get_by_role("button", name="Add another family member").click()
    expect(page.get_by_role("group", name="Family member 2")).to_be_visible()
    expect(member.get_by_label("Given names", exact=True)).to_have_value("Sam")
    assert_accessible(page)

    # Forgetting the consent: an error in the page, nothing stored.
    page.get_by_role("button", name="Send registration").click()
    expect(page.get_by_text("Your registration has not been sent.")).to_be_visible()
    assert_accessible(page)
    assert not NationalRegistration.objects.exists()
    page.get_by_label("I have read this text and I agree", exact=True).check()
    page.get_by_role("button", name="Send registration").click()
    expect(page.get_by_test_id("check-email")).to_be_visible()
    assert_accessible(page)
    assert NationalRegistration.objects.get().status == RegistrationStatus.PENDING

    # The link from the email confirms and lands on a clean URL.
    link = _personal_link(live_server, address, 1)
    page.goto(link)
    expect(page).to_have_url(f"{live_server.url}/register/my-registration")
    token = link.rsplit("/", 1)[1]
    assert token not in page.url and token not in page.content()
    expect(page.get_by_test_id("registration-status")).to_have_text("Confirmed")
    expect(page.get_by_test_id("registration-whereabouts")).to_have_text("Khartoum, Hotel Nile")
    expect(page.get_by_test_id("registration-members")).to_contain_text(
        "Sam Jansen (child, dependent)"
    )
    assert_accessible(page)

    # Update: moved to another city, staying longer.
    page.get_by_label("Where are you staying? (required)", exact=True).fill("Port Sudan")
    later = date.today() + timedelta(days=60)
    page.get_by_label("Staying until (required)", exact=True).fill(later.isoformat())
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Your registration has been updated.")).to_be_visible()
    expect(page.get_by_test_id("registration-whereabouts")).to_have_text("Port Sudan")
    registration = NationalRegistration.objects.get()
    assert (registration.whereabouts, registration.stay_until) == ("Port Sudan", later)

    # The same page in Dutch, then back to English.
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(f"{live_server.url}/register/my-registration")
    assert_accessible(page)
    page.goto(f"{live_server.url}/register")
    assert_accessible(page)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Deregister: asked once more, then the personal data is gone.
    page.goto(f"{live_server.url}/register/my-registration")
    page.get_by_role("link", name="End my registration").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, end my registration").click()
    expect(page.get_by_test_id("deregistered")).to_be_visible()
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DEREGISTERED
    assert (registration.email, registration.registrant) == ("", None)
    assert not Person.objects.exists()

    # Afterwards: the page asks for the link, and the old link no longer works.
    page.goto(f"{live_server.url}/register/my-registration")
    expect(page.get_by_test_id("no-session")).to_be_visible()
    assert_accessible(page)
    page.goto(link)
    expect(page).to_have_url(f"{live_server.url}/register/link-invalid")
    expect(page.get_by_test_id("link-invalid")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ask for a new link").click()
    assert_accessible(page)
    page.get_by_label("Email address (required)", exact=True).fill(address)
    page.get_by_role("button", name="Send a new link").click()
    expect(page.get_by_test_id("new-link-sent")).to_be_visible()
    assert_accessible(page)
