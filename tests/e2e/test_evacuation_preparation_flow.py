"""The DCC's preparation pages in a browser: the group catalogue with a decision, reception
organisations with the date each was informed, the override list. axe-core on each."""

from typing import Any

import pytest
from playwright.sync_api import expect

from evacuation.catalogue import catalogue_ensure
from tests.e2e.conftest import assert_accessible, login_with_second_factor
from tests.factories import PASSWORD, PostFactory, make_crisis, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_groups_reception_and_overrides(page: Any, live_server: Any) -> None:
    catalogue_ensure()
    coordinator = make_staff("carla@dcc.example", is_dcc=True, first_name="Carla", last_name="C")
    post: Any = PostFactory(name="Embassy Kabul", country="AF", city="Kabul")
    crisis = make_crisis(coordinator=coordinator, posts=[post], title="Fall of Kabul")
    login_with_second_factor(page, live_server, coordinator, PASSWORD)

    page.goto(f"{live_server.url}/crises/{crisis.pk}/eligible-groups")
    expect(page.get_by_test_id("group-catalogue").locator("tbody tr")).to_have_count(10)
    assert_accessible(page)
    page.get_by_label("Group (required)", exact=True).select_option("local-embassy-staff")
    page.get_by_label("Priority").fill("2")
    page.get_by_label("Rationale (required)", exact=True).fill("Local staff are threatened.")
    page.get_by_label("Decided by (required)", exact=True).fill("Council of Ministers")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_test_id("group-local-embassy-staff")).to_contain_text("enabled, priority 2")
    assert_accessible(page)

    page.goto(f"{live_server.url}/crises/{crisis.pk}/evacuation-preparation")
    add = page.locator("form", has=page.locator('input[name="action"][value="reception"]'))
    add.get_by_label("Organisation (required)", exact=True).select_option("coa")
    add.get_by_label("Name", exact=True).fill("COA Budel")
    page.get_by_role("button", name="Add organisation").click()
    expect(page.get_by_test_id("reception")).to_contain_text("not yet informed")
    informed = page.locator("form", has=page.locator('input[name="action"][value="informed"]'))
    informed.get_by_label("Informed on (required)", exact=True).fill("2026-08-16")
    page.get_by_role("button", name="Save date informed").click()
    expect(page.get_by_test_id("reception")).to_contain_text("informed on 16 August 2026")
    assert_accessible(page)

    page.goto(f"{live_server.url}/crises/{crisis.pk}/eligibility-overrides")
    expect(page.get_by_test_id("override-table")).to_contain_text("No overrides.")
    assert_accessible(page)
