"""A post raises the alarm with a high-urgency sitrep and a photo; the coordinator
acknowledges the alert and runs a BOB meeting through its three phases on that report; the
minutes PDF, made by the real Celery worker, downloads and holds all three sections.
axe-core on every page on the way."""

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from crisisportal.services.posts import post_staff_add
from tests.e2e.conftest import assert_accessible, login_with_second_factor
from tests.factories import PASSWORD, PostFactory, make_crisis, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEGATIVE = "Militias took the road to the airport; two checkpoints closed."
DECISION = "Prepare a charter flight for Dutch nationals."
# The width of an image once the browser has loaded it (0 while it is still on its way).
LOADED_WIDTH = (
    "img => img.complete && img.naturalWidth ? img.naturalWidth"
    " : new Promise(done => { img.onload = () => done(img.naturalWidth); })"
)


def _png() -> bytes:
    """A real (if tiny) PNG: the service checks the content, not the name."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (180, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _local(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_alarm_to_acknowledgement_to_meeting_minutes(
    page: Any, live_server: Any, celery_worker: Any
) -> None:
    coordinator = make_staff(
        "carla@dcc.example", is_dcc=True, first_name="Carla", last_name="Coordinator"
    )
    post: Any = PostFactory(name="Embassy Khartoum", country="SD", city="Khartoum")
    post_staff = make_staff("sara@khartoum.example", first_name="Sara", last_name="Post")
    post_staff_add(actor=coordinator, post=post, user=post_staff)
    crisis = make_crisis(coordinator=coordinator, posts=[post], title="Fighting in Khartoum")
    crisis_url = f"{live_server.url}/crises/{crisis.pk}"
    now = timezone.now()

    # --- The post files a high-urgency report with a photo.
    login_with_second_factor(page, live_server, post_staff, PASSWORD)
    page.goto(crisis_url)
    assert_accessible(page)
    page.get_by_role("link", name="File a situation report").click()
    expect(page.get_by_label("Post (required)", exact=True)).to_have_value(str(post.pk))
    page.get_by_label("Period from").fill(_local(now - timedelta(hours=12)))
    page.get_by_label("Period until").fill(_local(now))
    page.get_by_label("High", exact=True).check()
    page.get_by_label("Security situation").fill("Heavy gunfire in the diplomatic quarter.")
    page.get_by_label("Positive developments").fill("The ceasefire holds in the north.")
    page.get_by_label("Negative developments").fill(NEGATIVE)
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Situation report of Embassy Khartoum"
    )
    page.get_by_label("Image or document").set_input_files(
        {"name": "checkpoint.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The attachment has been added.")).to_be_visible()
    image = page.get_by_role("img", name="Image: checkpoint.png")
    expect(image).to_be_visible()
    assert image.evaluate(LOADED_WIDTH) == 40  # served to the post itself
    assert_accessible(page)
    page.get_by_role("button", name="Submit report").click()
    expect(page.get_by_text("The situation report has been submitted.")).to_be_visible()
    expect(page.get_by_test_id("sitrep-alert")).to_contain_text("Not yet acknowledged")
    assert_accessible(page)

    # --- The coordinator sees the open alert on the crisis page and acknowledges it.
    page.context.clear_cookies()
    login_with_second_factor(page, live_server, coordinator, PASSWORD)
    page.goto(crisis_url)
    alerts = page.get_by_test_id("open-alerts")
    expect(alerts).to_contain_text("High urgency from Embassy Khartoum")
    expect(alerts).to_contain_text(NEGATIVE)
    expect(page.get_by_test_id("post-reporting")).to_contain_text("High")
    assert_accessible(page)
    alerts.get_by_role("link", name="Acknowledge").click()
    page.get_by_role("button", name="Acknowledge").click()  # no note: refused in the page
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Note").fill("Called the ambassador; charter options requested.")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page).to_have_url(crisis_url)
    expect(page.get_by_text("The alert has been acknowledged.")).to_be_visible()
    expect(page.get_by_test_id("open-alerts")).to_have_count(0)
    assert_accessible(page)
    page.get_by_test_id("post-reporting").get_by_role("link", name="Embassy Khartoum").click()
    expect(page.get_by_test_id("sitrep-timeline")).to_contain_text("1 attachment")
    assert_accessible(page)
    page.get_by_test_id("sitrep-timeline").get_by_role("link").first.click()
    expect(page.get_by_test_id("sitrep-alert")).to_contain_text("Acknowledged by Carla Coordinator")
    expect(page.get_by_test_id("sitrep-alert")).to_contain_text("charter options requested")
    image = page.get_by_role("img", name="Image: checkpoint.png")
    expect(image).to_be_visible()
    assert image.evaluate(LOADED_WIDTH) == 40  # and to the DCC
    assert_accessible(page)

    # --- A BOB meeting: schedule it.
    page.goto(crisis_url)
    page.get_by_role("link", name="BOB meetings").click()
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Kind").select_option("crisis")
    page.get_by_label("Title").fill("Crisis meeting Sudan 1")
    page.get_by_label("Date and time").fill(_local(timezone.now() + timedelta(minutes=5)))
    page.get_by_label("Carla Coordinator (carla@dcc.example)").check()
    page.get_by_label("Embassy Khartoum").check()
    assert_accessible(page)
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crisis meeting Sudan 1")
    phases = page.get_by_test_id("meeting-phases")
    expect(phases.locator("[aria-current=step]")).to_contain_text("Beeldvorming")

    # Beeldvorming: the sitrep is offered and imported as a fact from its post.
    page.get_by_label("Embassy Khartoum —").check()
    assert_accessible(page)
    page.get_by_role("button", name="Import selected reports").click()
    expect(page.get_by_text("1 situation reports imported into the picture.")).to_be_visible()
    picture = page.get_by_test_id("picture-items")
    expect(picture).to_contain_text(NEGATIVE)
    expect(picture).to_contain_text("Post: Embassy Khartoum")
    assert_accessible(page)
    page.get_by_role("button", name="Continue to judgement").click()

    # Oordeelsvorming: a judgement, marked as an assumption, with a dissenting view.
    expect(phases.locator("[aria-current=step]")).to_contain_text("Oordeelsvorming")
    page.get_by_label("Judgement (required)", exact=True).fill(
        "The airport road will close within days."
    )
    page.get_by_label("This is an assumption").check()
    page.get_by_label("Dissenting views").fill("Defence expects the road to stay open.")
    assert_accessible(page)
    page.get_by_role("button", name="Add judgement").click()
    expect(page.get_by_test_id("judgements")).to_contain_text("Assumption")
    page.get_by_role("button", name="Continue to decision").click()

    # Besluitvorming: a decision with owner and deadline, resting on the imported fact.
    expect(phases.locator("[aria-current=step]")).to_contain_text("Besluitvorming")
    page.get_by_role("textbox", name="Decision").fill(DECISION)
    page.get_by_label("Owner (required)", exact=True).select_option(str(coordinator.pk))
    page.get_by_label("Deadline (required)", exact=True).fill(
        (timezone.localdate() + timedelta(days=2)).isoformat()
    )
    page.get_by_role("group", name="Rests on facts").get_by_role("checkbox").first.check()
    page.get_by_role("group", name="Rests on judgements").get_by_role("checkbox").first.check()
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_test_id("decisions")).to_contain_text(DECISION)
    assert_accessible(page)
    page.get_by_role("button", name="Close meeting").click()
    expect(phases.locator("[aria-current=step]")).to_contain_text("Closed")

    # The worker renders the minutes after commit; the page offers them once stored.
    minutes_link = page.get_by_test_id("minutes-link")
    for _attempt in range(60):
        if minutes_link.count():
            break
        page.wait_for_timeout(500)
        page.reload()
    assert_accessible(page)
    with page.expect_download() as download_info:
        minutes_link.click()
    with open(download_info.value.path(), "rb") as pdf_file:
        reader = PdfReader(io.BytesIO(pdf_file.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in ["Beeldvorming", "Oordeelsvorming", "Besluitvorming", NEGATIVE, DECISION]:
        assert expected in text, expected

    # The decision log is one list across meetings.
    page.goto(f"{crisis_url}/decisions")
    expect(page.get_by_test_id("decision-log")).to_contain_text(DECISION)
    assert_accessible(page)
