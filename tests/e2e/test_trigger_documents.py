"""A coordinator builds a trigger document, sees an event occur, holds the review, exports."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from crisisportal.services.meetings import meeting_schedule
from tests.e2e.conftest import assert_accessible, login_with_second_factor
from tests.factories import PASSWORD, PostFactory, make_crisis, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_build_document_event_occurs_review_and_pdf(page, live_server, celery_worker):
    coordinator = make_staff(
        "carla@dcc.example", is_dcc=True, first_name="Carla", last_name="Coordinator"
    )
    post = PostFactory(name="Embassy Khartoum", country="SD", city="Khartoum")
    crisis = make_crisis(
        coordinator=coordinator,
        posts=[post],  # type: ignore[list-item]
        title="Fighting in Khartoum",
    )
    meeting = meeting_schedule(
        actor=coordinator,
        crisis=crisis,
        kind="crisis",
        title="BOB meeting Thursday",
        scheduled_at=timezone.now() + timedelta(days=1),
    )
    login_with_second_factor(page, live_server, coordinator, PASSWORD)

    page.goto(f"{live_server.url}/crises/{crisis.pk}")
    page.get_by_role("link", name="New trigger document").click()
    page.get_by_label("Title").fill("Sudan trigger document")
    page.get_by_label("Embassy Khartoum").check()
    expect(page.get_by_label("Crisis", exact=True)).to_have_value(str(crisis.pk))
    assert_accessible(page)
    page.get_by_role("button", name="Create document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sudan trigger document")

    # The weekly review's participants: the coordinator and the embassy are invited already;
    # Defence is invited at its contact address, and a guest without an account.
    participants = page.get_by_test_id("review-participants")
    expect(participants).to_contain_text("Carla Coordinator")
    expect(participants).to_contain_text("Embassy Khartoum")
    page.get_by_role("link", name="Change the participants").click()
    expect(page.get_by_label("Carla Coordinator (carla@dcc.example)")).to_be_checked()
    page.get_by_label("Contact email of Ministry of Defence").fill("ops@mod.example")
    page.get_by_label("Guests").fill("UNHCR liaison")
    assert_accessible(page)
    page.get_by_role("button", name="Save participants").click()
    expect(participants).to_contain_text("Ministry of Defence")
    expect(participants).to_contain_text("ops@mod.example")
    expect(participants).to_contain_text("UNHCR liaison")

    # Defence has no account: its measures reach it through an owner contact.
    page.get_by_role("link", name="Add an owner contact").click()
    page.get_by_label("Owner (required)", exact=True).select_option("defence")
    page.get_by_label("Contact email (required)", exact=True).fill("ops@mod.example")
    assert_accessible(page)
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_test_id("owner-contacts")).to_contain_text("ops@mod.example")

    for kind, title in [
        ("most-likely", "Stalemate in Khartoum"),
        ("worst-case", "Siege of the capital"),
    ]:
        page.get_by_role("link", name="Add a scenario").click()
        page.get_by_label("Kind").select_option(kind)
        page.get_by_label("Title").fill(title)
        page.get_by_label("Assessment").fill(f"Assessment of {title}")
        page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_test_id("scenario")).to_have_count(2)

    page.get_by_role("link", name="Add a precursor event to Siege of the capital").click()
    page.get_by_label("Title").fill("Airport closes")
    page.get_by_role("button", name="Save event").click()
    page.get_by_role("link", name="Add a measure to Airport closes").click()
    page.get_by_label("Action or measure").fill("Charter flight on standby")
    page.get_by_label("Owner (required)", exact=True).select_option("defence")
    assert_accessible(page)
    page.get_by_role("button", name="Save measure").click()
    expect(page.get_by_test_id("owner-reached-at")).to_have_text("ops@mod.example")
    assert_accessible(page)

    page.get_by_role("link", name="Record an observation of Airport closes").click()
    page.get_by_label("Occurred").check()
    page.get_by_label("Source (required)", exact=True).fill("Sitrep Embassy Khartoum")
    assert_accessible(page)
    page.get_by_role("button", name="Record observation").click()

    event = page.get_by_test_id("event")
    expect(event.get_by_test_id("event-status")).to_have_text("Occurred")
    expect(page.get_by_test_id("measure-due")).to_have_count(1)
    expect(page.get_by_test_id("agenda-question")).to_contain_text("Has the scenario worsened?")
    assert_accessible(page)

    page.goto(f"{live_server.url}/crises/{crisis.pk}")
    expect(page.get_by_test_id("pending-agenda-questions")).to_contain_text(
        "“Airport closes” occurred: has the scenario “Siege of the capital” worsened?"
    )
    assert_accessible(page)

    # The question is on the next BOB meeting's agenda; the meeting shows every event's status.
    page.goto(f"{live_server.url}/crises/{crisis.pk}/meetings/{meeting.pk}")
    # Stored once in the portal's language (Dutch), so it reads the same for everyone.
    agenda = page.get_by_test_id("agenda")
    expect(agenda).to_contain_text("“Siege of the capital”")
    expect(agenda).to_contain_text("“Airport closes”")
    status_table = page.get_by_test_id("precursor-event-status")
    expect(status_table).to_contain_text("Airport closes")
    expect(status_table).to_contain_text("Occurred")
    # In Oordeelsvorming the question links to the event it came from.
    question = page.get_by_test_id("trigger-agenda-questions").get_by_role(
        "link", name="Has the scenario “Siege of the capital” worsened? (“Airport closes” occurred)"
    )
    expect(question).to_be_visible()
    assert_accessible(page)
    question.click()
    expect(page).to_have_url(re.compile(r"/trigger-documents/[0-9a-f-]+#event-\d+$"))
    expect(page.locator(":target")).to_contain_text("Airport closes")

    page.goto(f"{live_server.url}/crises/{crisis.pk}")
    page.get_by_role("link", name="Sudan trigger document").click()
    page.get_by_role("link", name="Record as held").click()
    page.get_by_label("Carla Coordinator").check()
    page.get_by_label("Embassy Khartoum").check()
    expect(page.get_by_label("Guests")).to_have_value("UNHCR liaison")
    page.get_by_label("Notes").fill("Charter confirmed with Defence.")
    assert_accessible(page)
    page.get_by_role("button", name="Record review").click()
    expect(page.get_by_test_id("approved-version")).to_have_text("v6")
    took_part = page.get_by_test_id("took-part")
    expect(took_part).to_contain_text("Carla Coordinator")
    expect(took_part).to_contain_text("Embassy Khartoum")
    expect(took_part).to_contain_text("UNHCR liaison")
    expect(page.get_by_test_id("absent")).to_contain_text("Ministry of Defence")
    expect(page.get_by_test_id("version-diff")).to_contain_text("Siege of the capital")
    assert_accessible(page)

    page.get_by_role("link", name="Sudan trigger document").click()
    expect(page.get_by_test_id("review-history")).to_contain_text("v6")
    expect(page.get_by_test_id("review-history")).to_contain_text("Embassy Khartoum")
    page.get_by_role("button", name="Export as PDF").click()
    download_link = page.get_by_test_id("pdf-download")
    for _attempt in range(30):
        if download_link.count():
            break
        page.wait_for_timeout(500)
        page.reload()
    with page.expect_download() as download_info:
        download_link.click()
    pdf = download_info.value
    with open(pdf.path(), "rb") as pdf_file:
        reader = PdfReader(io.BytesIO(pdf_file.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in [
        "Sudan trigger document",
        "Stalemate in Khartoum",
        "Siege of the capital",
        "Airport closes",
        "Charter flight on standby",
        "Charter confirmed with Defence.",
    ]:
        assert expected in text, expected
