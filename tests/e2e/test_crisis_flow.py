"""A coordinator signs in with a second factor, opens a crisis and escalates it."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, login_with_second_factor, totp_code
from tests.factories import PASSWORD, PostFactory, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_opens_and_escalates_a_crisis(page, live_server):
    coordinator = make_staff(
        "carla@dcc.example", is_dcc=True, first_name="Carla", last_name="Coordinator"
    )
    PostFactory(name="Embassy Khartoum", country="SD", city="Khartoum")

    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    login_with_second_factor(page, live_server, coordinator, PASSWORD)
    assert_accessible(page)

    page.get_by_role("link", name="Open a crisis").first.click()
    page.get_by_label("Title").fill("Fighting in Khartoum")
    page.get_by_label("Kind").select_option("armed-conflict")
    page.get_by_label("Countries").select_option("SD")
    page.get_by_label("Embassy Khartoum").check()
    page.get_by_role("button", name="Open crisis").click()
    # Bad input first: no rationale and no decider → field errors, typed values kept.
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Fighting in Khartoum")
    assert_accessible(page)

    page.get_by_label("Rationale").fill(
        "Embassy reports heavy fighting near the diplomatic quarter."
    )
    page.get_by_label("Decided by").fill("Head of DCC")
    page.get_by_label("Affected posts").first.page.get_by_label("Affected posts")
    page.get_by_role("button", name="Open crisis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fighting in Khartoum")
    expect(page.get_by_test_id("crisis-level")).to_contain_text("Departmental")
    assert_accessible(page)

    page.get_by_role("link", name="Escalate or de-escalate").click()
    page.get_by_label("New escalation level").select_option("interdepartmental")
    page.get_by_label("Rationale").fill("Evacuation needs Defence assets.")
    page.get_by_label("Decided by").fill("Secretary-General")
    page.get_by_label("Ministry of Defence").check()
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()

    expect(page.get_by_test_id("crisis-level")).to_contain_text("Interdepartmental")
    timeline = page.get_by_test_id("crisis-timeline")
    expect(timeline).to_contain_text("Escalation: Departmental (DCC) → Interdepartmental")
    expect(timeline).to_contain_text("Evacuation needs Defence assets.")
    expect(timeline).to_contain_text("Ministry of Defence")
    assert_accessible(page)


def test_staff_without_second_factor_must_set_one_up(page, live_server):
    user = make_staff("new@dcc.example", is_dcc=True, with_totp=False)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Nothing of the portal is reachable before a second factor is set up.
    page.goto(f"{live_server.url}/crises")
    expect(page).to_have_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:  # allauth asks for the password before adding a factor
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.goto(f"{live_server.url}/crises")
    expect(page).to_have_url(f"{live_server.url}/crises")


def test_dutch_interface(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_attached()


def test_core_pages_are_accessible(page, live_server):
    from crisisportal.models import CrisisRole
    from crisisportal.services.notifications import notification_send
    from crisisportal.services.posts import post_staff_add
    from crisisportal.services.roles import crisis_member_set
    from tests.factories import make_crisis

    coordinator = make_staff(
        "carla@dcc.example", is_dcc=True, first_name="Carla", last_name="Coordinator"
    )
    shell = make_staff("shell@dcc.example", in_flexible_shell=True)
    post: Any = PostFactory(name="Embassy Khartoum", country="SD", city="Khartoum")
    post_staff_add(actor=coordinator, post=post, user=make_staff("sara@post.example"))
    crisis = make_crisis(coordinator=coordinator, posts=[post], title="Fighting in Khartoum")
    crisis_member_set(
        actor=coordinator,
        crisis=crisis,
        user=make_staff("partner@jenv.example"),
        role=CrisisRole.PARTNER,
    )
    notification_send(
        recipients=[coordinator],
        kind="flexible_shell_called_in",
        context={"crisis": crisis, "actor": shell},
    )

    login_with_second_factor(page, live_server, coordinator, PASSWORD)
    for path in [
        "/crises",
        f"/crises/{crisis.pk}/members",
        f"/crises/{crisis.pk}/phase",
        f"/crises/{crisis.pk}/edit",
        f"/crises/{crisis.pk}/history",
        "/posts",
        f"/posts/{post.pk}",
        "/posts/new",
        "/staff",
        "/staff/new",
        "/inbox",
        "/deliveries",
        "/accounts/2fa/",
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
