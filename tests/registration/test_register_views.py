"""Staff pages of the registers: registrations per country and post, the searchable list,
the streamed CSV export, travel advice with its history, embassy messages and broadcasts."""

import csv
import io
import re
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from crisisportal.models import DeliveryStatus, Notification, PersonalDataView
from registration.models import (
    Broadcast,
    BroadcastDelivery,
    NationalRegistration,
    RegistrationKind,
    RegistrationStatus,
    TravelAdvice,
)
from registration.selectors.broadcasts import broadcast_failed_deliveries
from registration.services.broadcasts import (
    broadcast_fan_out,
    broadcast_send_batch,
    embassy_message_send,
    travel_advice_publish,
)
from registration.services.registrations import (
    registration_confirm,
    registration_deregister,
    registration_submit,
)
from tests.search import search


def _register(
    family_name: str = "Jansen",
    *,
    country: str = "SD",
    kind: str = RegistrationKind.EXTENDED,
    status: str = RegistrationStatus.CONFIRMED,
    email: str = "",
    given_names: str = "Anna",
    members: int = 0,
    post: Any = None,
    whereabouts: str = "Khartoum, Hotel Nile",
) -> NationalRegistration:
    """A registration as the public page makes it, confirmed (or not) by its email link."""
    registration = registration_submit(
        kind=kind,
        country=country,
        email=email or f"{given_names}.{family_name}@example.org".lower(),
        given_names=given_names,
        family_name=family_name,
        consent_text="I agree",
        whereabouts=whereabouts,
        phone="0612345678",
        stay_from=date.today(),
        stay_until=date.today() + timedelta(days=30),
        members=[
            {"given_names": f"Child {i}", "family_name": family_name, "kind": "child"}
            for i in range(members)
        ],
    )
    if status in (RegistrationStatus.CONFIRMED, RegistrationStatus.DEREGISTERED):
        registration_confirm(registration=registration)
    if status == RegistrationStatus.DEREGISTERED:
        registration_deregister(registration=registration)
    if post is not None:
        NationalRegistration.objects.filter(pk=registration.pk).update(post=post)
    registration.refresh_from_db()
    return registration


def _row(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{re.escape(testid)}">(.*?)</tr>', html, re.S)
    assert match, f"no row {testid}"
    return match.group(1)


def _cell(row: str, name: str) -> int:
    match = re.search(rf'data-testid="{name}">(\d+)<', row)
    assert match, f"no cell {name}"
    return int(match.group(1))


def _counts(html: str) -> dict[str, int]:
    return {
        name: int(re.search(rf'data-testid="count-{name}">(\d+)<', html).group(1))  # type: ignore[union-attr]
        for name in ("total", "sent", "failed", "pending")
    }


def _csv_rows(response: Any) -> list[dict[str, str]]:
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


# Permission matrix ------------------------------------------------------------------------


@pytest.fixture
def sd_records(db: Any, coordinator: Any) -> dict[str, Any]:
    """A registration and a broadcast in Sudan (post A's country)."""
    registration = _register("Jansen", members=1)
    broadcast = embassy_message_send(
        actor=coordinator, country="SD", subject="Assembly point", body="Go now."
    )
    return {"registration": registration, "broadcast": broadcast}


PAGES = {
    "overview": lambda r: reverse("registration:registration-overview"),
    "list": lambda r: reverse("registration:registration-list"),
    "export": lambda r: reverse("registration:registration-export-csv"),
    "detail": lambda r: reverse("registration:registration-detail", args=[r["registration"].pk]),
    "advice": lambda r: reverse("registration:travel-advice-list"),
    "advice-country": lambda r: reverse("registration:travel-advice-country", args=["SD"]),
    "message": lambda r: reverse("registration:embassy-message-new"),
    "broadcasts": lambda r: reverse("registration:broadcast-list"),
    "broadcast": lambda r: reverse("registration:broadcast-detail", args=[r["broadcast"].pk]),
}

# DCC staff see everything, post staff their post's country (Sudan for post A, Egypt for
# post B), anybody else nothing; anonymous visitors are sent to the login.
EXPECTED = {
    "coordinator_client": dict.fromkeys(PAGES, 200),
    "dcc_member_client": dict.fromkeys(PAGES, 200),
    "post_a_client": dict.fromkeys(PAGES, 200),
    "post_b_client": {**dict.fromkeys(PAGES, 200), "detail": 404, "broadcast": 404},
    "call_team_client": dict.fromkeys(PAGES, 404),
    "partner_client": dict.fromkeys(PAGES, 404),
    "anonymous_client": dict.fromkeys(PAGES, 302),
}


@pytest.mark.django_db
@pytest.mark.parametrize("client_name", list(EXPECTED))
def test_permission_matrix(request: Any, client_name: str, sd_records: dict[str, Any]) -> None:
    client = request.getfixturevalue(client_name)
    statuses = {page: client.get(url(sd_records)).status_code for page, url in PAGES.items()}
    assert statuses == EXPECTED[client_name]
    if client_name == "anonymous_client":
        assert "/accounts/login" in client.get(PAGES["overview"](sd_records))["Location"]


@pytest.mark.django_db
def test_missing_records_are_404_like_forbidden_ones(coordinator_client: Client) -> None:
    nil = "00000000-0000-0000-0000-000000000000"
    assert coordinator_client.get(f"/registration/registrations/{nil}").status_code == 404
    assert coordinator_client.get(f"/registration/broadcasts/{nil}").status_code == 404
    assert coordinator_client.get("/registration/travel-advice/XX").status_code == 404


# Counts per country and post --------------------------------------------------------------


@pytest.mark.django_db
def test_overview_counts_confirmed_registrations_per_type_and_post(
    coordinator_client: Client, post_a_client: Client, post_a: Any, post_b: Any
) -> None:
    _register("Limited1", kind=RegistrationKind.LIMITED)
    _register("Limited2", kind=RegistrationKind.LIMITED, members=1)
    _register("Extended", members=2)
    _register("Pending", status=RegistrationStatus.PENDING, members=3)
    _register("Gone", status=RegistrationStatus.DEREGISTERED)
    _register("AtPost", post=post_a, members=1)
    _register("Cairo", country="EG", post=post_b)

    html = coordinator_client.get(reverse("registration:registration-overview")).content.decode()
    sudan = _row(html, "counts-SD")
    assert "Sudan" in sudan
    assert (_cell(sudan, "limited"), _cell(sudan, "extended")) == (2, 1)
    # Members of confirmed registrations only; the pending one's three do not count.
    assert (_cell(sudan, "members"), _cell(sudan, "pending")) == (3, 1)
    at_post = _row(html, f"counts-SD-{post_a.pk}")
    assert "Embassy Alpha" in at_post
    assert (_cell(at_post, "extended"), _cell(at_post, "members")) == (1, 1)
    egypt = _row(html, f"counts-EG-{post_b.pk}")
    assert _cell(egypt, "extended") == 1
    total = _row(html, "counts-total")
    assert (_cell(total, "limited"), _cell(total, "extended"), _cell(total, "pending")) == (
        2,
        3,
        1,
    )

    # Filtered by post; post staff of Sudan see Sudan only.
    html = coordinator_client.get(
        reverse("registration:registration-overview") + f"?post={post_b.pk}"
    ).content.decode()
    assert "counts-EG" in html and "counts-SD" not in html
    html = post_a_client.get(reverse("registration:registration-overview")).content.decode()
    assert "counts-SD" in html and "counts-EG" not in html
    assert _cell(_row(html, "counts-total"), "extended") == 2


@pytest.mark.django_db
def test_overview_is_one_aggregate_query_however_many_countries(
    coordinator_client: Client, django_assert_max_num_queries: Any
) -> None:
    url = reverse("registration:registration-overview")
    for country in ("SD", "EG"):
        _register(country, country=country, members=1)
    coordinator_client.get(url)
    # session, user, MFA, permissions, posts of the filter, the GROUP BY: the same for 2
    # countries as for 6.
    with django_assert_max_num_queries(12) as small:
        assert coordinator_client.get(url).status_code == 200
    for country in ("LB", "AF", "YE", "ET"):
        _register(country, country=country, members=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = coordinator_client.get(url).content.decode()
    assert "counts-YE" in html


# Searchable list and detail ---------------------------------------------------------------


@pytest.mark.django_db
def test_list_searches_and_filters(coordinator_client: Client, post_b_client: Client) -> None:
    _register("Jansen", given_names="Anna", members=2, whereabouts="Hotel Nile")
    _register("Bakker", given_names="Piet", kind=RegistrationKind.LIMITED)
    _register("Visser", status=RegistrationStatus.PENDING, email="visser@mail.example")
    _register("Mansour", country="EG")
    url = reverse("registration:registration-list")

    html = search(coordinator_client, url, {"q": "jans"}).content.decode()
    assert "Jansen, Anna" in html and "Bakker" not in html
    assert "Hotel Nile" in html and "anna.jansen@example.org" in html
    assert re.search(r"<td[^>]*>2</td>", html), "members count"
    assert "Bakker" in search(coordinator_client, url, {"q": "piet bakker"}).content.decode()
    assert "Visser" in search(coordinator_client, url, {"q": "mail.example"}).content.decode()

    html = coordinator_client.get(url + "?kind=limited").content.decode()
    assert "Bakker" in html and "Jansen" not in html
    html = coordinator_client.get(url + "?status=pending").content.decode()
    assert "Visser" in html and "Bakker" not in html and "Awaiting email confirmation" in html
    html = coordinator_client.get(url + "?country=eg").content.decode()
    assert "Mansour" in html and "Jansen" not in html
    assert "No registrations match." in coordinator_client.get(url + "?kind=bogus").content.decode()

    # Post B (Egypt) sees only Egypt's registration, whatever it asks for.
    html = post_b_client.get(url).content.decode()
    assert "Mansour" in html and "Jansen" not in html
    assert (
        "Jansen"
        not in search(post_b_client, url, {"q": "jansen", "country": "SD"}).content.decode()
    )


@pytest.mark.django_db
def test_list_is_paginated_and_its_query_count_constant(
    coordinator_client: Client, django_assert_max_num_queries: Any, settings: Any
) -> None:
    from registration.views import registers

    url = reverse("registration:registration-list") + "?country=SD"
    for i in range(3):
        _register(f"Small{i}", members=1)
    coordinator_client.get(url)
    # session, user, MFA, permissions, posts of the filter, COUNT, the page, audit insert.
    with django_assert_max_num_queries(14) as small:
        assert coordinator_client.get(url).status_code == 200
    for i in range(9):
        _register(f"Large{i}", members=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = coordinator_client.get(url).content.decode()
    assert "12 registrations" in html

    registers_page_size = registers.PAGE_SIZE
    registers.PAGE_SIZE = 5
    try:
        html = coordinator_client.get(url).content.decode()
        assert "Page 1 of 3" in html
        assert "?country=SD&amp;page=2" in html
        assert "Page 3 of 3" in coordinator_client.get(url + "&page=3").content.decode()
    finally:
        registers.PAGE_SIZE = registers_page_size


@pytest.mark.django_db
def test_detail_shows_members_and_records_the_view(
    coordinator: Any, coordinator_client: Client
) -> None:
    registration = _register("Jansen", members=2)
    response = coordinator_client.get(
        reverse("registration:registration-detail", args=[registration.pk])
    )
    html = response.content.decode()
    assert "Anna Jansen" in html and "Child 0 Jansen" in html and "Child 1 Jansen" in html
    assert "Child" in html and "0612345678" in html and "Khartoum, Hotel Nile" in html
    viewed = PersonalDataView.objects.get(
        user=coordinator, view_name="registration:registration-detail"
    )
    member_ids = [str(pk) for pk in registration.members.values_list("person_id", flat=True)]
    assert set(viewed.object_ids) == {str(registration.registrant_id), *member_ids}


# CSV export -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_export_is_streamed_filtered_audited_and_formula_safe(
    coordinator: Any, coordinator_client: Client, post_b_client: Client
) -> None:
    evil = _register(
        '=HYPERLINK("http://x.example")',
        given_names="@SUM(A1)",
        email="+evil@example.org",
        members=1,
    )
    _register("Bakker", kind=RegistrationKind.LIMITED, whereabouts="-2+3")
    _register("Visser", status=RegistrationStatus.PENDING)
    _register("Mansour", country="EG")
    url = reverse("registration:registration-export-csv")

    response = coordinator_client.get(url + "?country=SD&status=confirmed")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert sorted(row["family_name"] for row in rows) == [
        '\'=HYPERLINK("http://x.example")',
        "Bakker",
    ]
    evil_row = next(row for row in rows if row["registration"] == str(evil.pk))
    assert evil_row["given_names"] == "'@SUM(A1)"
    assert evil_row["members"] == "1" and evil_row["type"] == "extended"
    assert evil_row["email"] == "'+evil@example.org"
    bakker = next(row for row in rows if row["family_name"] == "Bakker")
    assert bakker["whereabouts"] == "'-2+3" and bakker["confirmed_at"]

    # Who exported which registrants is recorded as the rows are sent.
    audit = PersonalDataView.objects.get(
        user=coordinator, view_name="registration:registration-export-csv"
    )
    assert len(audit.object_ids) == 2 and str(evil.registrant_id) in audit.object_ids

    # Only rows the user may see: post B (Egypt) gets Egypt's registration only.
    rows = _csv_rows(post_b_client.get(url))
    assert [row["family_name"] for row in rows] == ["Mansour"]

    # A filter that does not make sense exports nothing; the list says what is wrong.
    response = coordinator_client.get(url + "?kind=everything")
    assert response.status_code == 302
    assert "Select a valid choice" in coordinator_client.get(response["Location"]).content.decode()


# Travel advice ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_publish_with_bad_input_shows_errors_and_writes_nothing(
    coordinator_client: Client,
) -> None:
    url = reverse("registration:travel-advice-country", args=["SD"])
    response = coordinator_client.post(
        url,
        {
            "colour": "purple",
            "text": "",
            "regions-TOTAL_FORMS": "2",
            "regions-INITIAL_FORMS": "0",
            "regions-0-region": "Darfur",
            "regions-0-colour": "",
            "regions-1-region": "",
            "regions-1-colour": "red",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "This field is required." in html
    assert "Choose the colour of this region." in html
    assert "Name the region of this colour." in html
    assert not TravelAdvice.objects.exists() and not Broadcast.objects.exists()

    response = coordinator_client.post(
        url,
        {
            "colour": "orange",
            "text": "Only necessary travel.",
            "regions-TOTAL_FORMS": "2",
            "regions-INITIAL_FORMS": "0",
            "regions-0-region": "Darfur",
            "regions-0-colour": "red",
            "regions-1-region": "darfur",
            "regions-1-colour": "orange",
        },
    )
    assert "Name each region once." in response.content.decode()
    assert not TravelAdvice.objects.exists()


def _publish(client: Client, colour: str, text: str, regions: dict[str, str]) -> Any:
    data = {
        "colour": colour,
        "text": text,
        "regions-TOTAL_FORMS": str(len(regions) + 1),
        "regions-INITIAL_FORMS": "0",
    }
    for index, (region, region_colour) in enumerate(regions.items()):
        data[f"regions-{index}-region"] = region
        data[f"regions-{index}-colour"] = region_colour
    return client.post(reverse("registration:travel-advice-country", args=["SD"]), data)


@pytest.mark.django_db
def test_new_version_increments_history_shows_the_diff_and_publish_makes_a_broadcast(
    coordinator_client: Client, post_a_client: Client
) -> None:
    _register("Limited", kind=RegistrationKind.LIMITED)
    _register("Extended")
    _register("Pending", status=RegistrationStatus.PENDING)

    response = _publish(
        coordinator_client,
        "orange",
        "Only necessary travel. Avoid the border.",
        {"Darfur": "red", "Kassala": "orange"},
    )
    first = TravelAdvice.objects.get()
    broadcast = first.broadcasts.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registration:broadcast-detail", args=[broadcast.pk])
    html = coordinator_client.get(response["Location"]).content.decode()
    assert "Version 1 of the travel advice is published." in html
    # Until the worker fans out, the page says it is sending and polls for figures.
    assert 'hx-trigger="every 3s"' in html

    # The worker's part, run here: one delivery per confirmed registrant (both types).
    broadcast_fan_out(broadcast=broadcast)
    broadcast_send_batch(broadcast=broadcast)
    html = coordinator_client.get(response["Location"]).content.decode()
    assert _counts(html) == {"total": 2, "sent": 0, "failed": 0, "pending": 2}

    # The form for the next version starts from the current one.
    page = coordinator_client.get(reverse("registration:travel-advice-country", args=["SD"]))
    assert "Publish version 2" in page.content.decode()
    assert 'value="Darfur"' in page.content.decode()

    _publish(
        coordinator_client,
        "red",
        "Do not travel. Avoid the border.",
        {"Darfur": "red", "Kassala": "red", "Khartoum": "red"},
    )
    _publish(coordinator_client, "red", "Do not travel. Leave now.", {"Khartoum": "red"})
    assert list(
        TravelAdvice.objects.filter(country="SD").order_by("version").values_list("version")
    ) == [(1,), (2,), (3,)]

    html = post_a_client.get(
        reverse("registration:travel-advice-country", args=["SD"])
    ).content.decode()
    assert "Publish version" not in html  # post staff read, DCC publishes
    version_2 = html[html.index('data-testid="advice-version-2"') :]
    version_2 = version_2[: version_2.index('data-testid="advice-version-1"')]
    assert "Orange: only necessary travel" in version_2 and "Red: do not travel" in version_2
    assert 'data-testid="colour-change"' in version_2
    assert "Kassala: Orange: only necessary travel → Red: do not travel" in version_2
    assert "Khartoum added: Red: do not travel" in version_2
    diff = re.sub(r'<span class="portal-visually-hidden">[^<]*</span>', "", version_2)
    assert "<del>Only necessary </del><ins>Do not </ins>travel. Avoid the border." in diff
    version_3 = html[html.index('data-testid="advice-version-3"') :]
    version_3 = version_3[: version_3.index('data-testid="advice-version-2"')]
    assert "Darfur removed (was Red: do not travel)" in version_3
    assert "Kassala removed" in version_3
    assert "(unchanged)" in version_3

    # The overview lists the current version per country.
    html = post_a_client.get(reverse("registration:travel-advice-list")).content.decode()
    assert "Do not travel. Leave now." in _row(html, "advice-SD")

    # Who may not publish cannot post either.
    assert _publish(post_a_client, "green", "All fine.", {}).status_code == 404
    assert TravelAdvice.objects.count() == 3


# Embassy messages -------------------------------------------------------------------------


@pytest.mark.django_db
def test_embassy_message_goes_to_extended_registrants_of_own_country(
    post_a_client: Client, coordinator_client: Client
) -> None:
    _register("Limited", kind=RegistrationKind.LIMITED)
    extended = _register("Extended")
    _register("Cairo", country="EG")
    url = reverse("registration:embassy-message-new")

    # Post A (Sudan) cannot message Egypt: the country is not among its choices.
    response = post_a_client.post(url, {"country": "EG", "subject": "Hi", "body": "Hello"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = post_a_client.post(url, {"country": "SD", "subject": "", "body": ""})
    assert "This field is required." in response.content.decode()
    assert not Broadcast.objects.exists()

    response = post_a_client.post(
        url, {"country": "SD", "subject": "Assembly point", "body": "Go to the embassy."}
    )
    broadcast = Broadcast.objects.get()
    assert response["Location"] == reverse("registration:broadcast-detail", args=[broadcast.pk])
    broadcast_fan_out(broadcast=broadcast)
    assert list(broadcast.deliveries.values_list("registration_id", flat=True)) == [extended.pk]

    response = coordinator_client.post(url, {"country": "EG", "subject": "Hi", "body": "Hello"})
    assert response.status_code == 302 and Broadcast.objects.filter(country="EG").exists()


# Broadcasts -------------------------------------------------------------------------------


def _failed_broadcast(coordinator: Any, failures: int, *, country: str = "SD") -> Broadcast:
    """A sent embassy message whose emails to `failures` registrants bounced."""
    for i in range(failures):
        _register(f"Bounce{i}", country=country, email=f"bounce{i}@mail.example")
    broadcast = embassy_message_send(
        actor=coordinator, country=country, subject="Leave now", body="Go."
    )
    broadcast_fan_out(broadcast=broadcast)
    broadcast_send_batch(broadcast=broadcast)
    for delivery in broadcast.deliveries.select_related("registration", "notification"):
        assert delivery.notification is not None
        Notification.objects.filter(pk=delivery.notification.pk).update(
            email_status=DeliveryStatus.FAILED,
            email_error=f"SMTPRecipientsRefused: 550 <{delivery.registration.email}> unknown",
            email_attempts=5,
        )
    return broadcast


@pytest.mark.django_db
def test_broadcast_page_shows_failures_and_retry_requeues_them(
    coordinator: Any, coordinator_client: Client, post_a_client: Client
) -> None:
    broadcast = _failed_broadcast(coordinator, 2)
    url = reverse("registration:broadcast-detail", args=[broadcast.pk])
    html = coordinator_client.get(url).content.decode()
    assert _counts(html) == {"total": 2, "sent": 0, "failed": 2, "pending": 0}
    assert 'data-testid="failed-deliveries"' in html and "550 &lt;bounce0@mail.example&gt;" in html
    assert "hx-trigger" not in html  # nothing left to wait for

    listing = coordinator_client.get(reverse("registration:broadcast-list")).content.decode()
    assert "Leave now" in listing and 'portal-status--failed">2<' in listing

    response = post_a_client.post(reverse("registration:broadcast-retry", args=[broadcast.pk]))
    assert response.status_code == 302
    html = post_a_client.get(url).content.decode()
    assert "2 failed deliveries are queued again." in html
    assert _counts(html) == {"total": 2, "sent": 0, "failed": 0, "pending": 2}
    assert set(
        Notification.objects.filter(
            dedupe_key__startswith=f"broadcast:{broadcast.pk}:"
        ).values_list("email_status", flat=True)
    ) == {DeliveryStatus.PENDING}
    assert 'hx-trigger="every 3s"' in html

    post_a_client.post(reverse("registration:broadcast-retry", args=[broadcast.pk]))
    assert "No failed email deliveries to retry." in post_a_client.get(url).content.decode()


@pytest.mark.django_db
def test_retry_is_refused_to_who_could_not_have_sent_it(
    coordinator: Any, coordinator_client: Client, post_a_client: Client, post_b_client: Client
) -> None:
    broadcast = _failed_broadcast(coordinator, 1)
    retry = reverse("registration:broadcast-retry", args=[broadcast.pk])
    assert post_b_client.post(retry).status_code == 404
    advice = travel_advice_publish(actor=coordinator, country="SD", colour="red", text="Leave.")
    advice_retry = reverse("registration:broadcast-retry", args=[advice.broadcasts.get().pk])
    # Post staff see the travel advice broadcast of their country but do not publish advice.
    assert post_a_client.post(advice_retry).status_code == 404
    assert coordinator_client.post(advice_retry).status_code == 302
    assert coordinator_client.get(retry).status_code == 405


@pytest.mark.django_db
def test_addresses_are_masked_for_registrations_the_reader_may_not_see(
    coordinator: Any,
) -> None:
    broadcast = _failed_broadcast(coordinator, 1)
    [shown] = broadcast_failed_deliveries(
        broadcast, visible_registrations=NationalRegistration.objects.all()
    )
    assert shown.recipient == "bounce0@mail.example" and "bounce0@mail.example" in shown.reason
    [masked] = broadcast_failed_deliveries(
        broadcast, visible_registrations=NationalRegistration.objects.none()
    )
    assert masked.recipient == "b…@mail.example"
    assert "bounce0" not in masked.reason and "b…@mail.example" in masked.reason


@pytest.mark.django_db
def test_broadcast_page_and_list_query_counts_are_constant(
    coordinator: Any, coordinator_client: Client, django_assert_max_num_queries: Any
) -> None:
    broadcast = _failed_broadcast(coordinator, 2)
    url = reverse("registration:broadcast-detail", args=[broadcast.pk])
    listing = reverse("registration:broadcast-list")
    coordinator_client.get(url)
    # session, user, MFA, permissions, counts, failed deliveries, audit insert.
    with django_assert_max_num_queries(14) as small:
        assert coordinator_client.get(url).status_code == 200
    with django_assert_max_num_queries(12) as small_list:
        assert coordinator_client.get(listing).status_code == 200
    large = _failed_broadcast(coordinator, 6)
    for _ in range(3):
        embassy_message_send(actor=coordinator, country="SD", subject="More", body="More.")
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = coordinator_client.get(
            reverse("registration:broadcast-detail", args=[large.pk])
        ).content.decode()
    assert _counts(html)["failed"] == 8  # the earlier two registrants are recipients too
    with django_assert_max_num_queries(len(small_list.captured_queries)):
        assert coordinator_client.get(listing).status_code == 200


# With the real worker ---------------------------------------------------------------------


def _wait_for(predicate: Any, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
def test_published_advice_reaches_each_confirmed_registrant_once_with_a_real_worker(
    celery_worker: Any, coordinator: Any, client_for: Any
) -> None:
    def registration(i: int, **fields: Any) -> NationalRegistration:
        fields.setdefault("country", "SD")
        fields.setdefault("status", RegistrationStatus.CONFIRMED)
        return NationalRegistration(
            email=f"r{i}@example.org", token_hash=f"{i:064d}", language="en", **fields
        )

    NationalRegistration.objects.bulk_create(
        [
            *(registration(i, kind=RegistrationKind.LIMITED) for i in range(3)),
            *(registration(i, kind=RegistrationKind.EXTENDED) for i in range(3, 5)),
            registration(5, kind=RegistrationKind.EXTENDED, status=RegistrationStatus.PENDING),
            registration(6, kind=RegistrationKind.EXTENDED, country="EG"),
        ]
    )
    client = client_for(coordinator)
    response = _publish(client, "red", "Leave the country now.", {})
    assert response.status_code == 302
    broadcast = Broadcast.objects.get()

    def all_sent() -> bool:
        return (
            Notification.objects.filter(
                dedupe_key__startswith=f"broadcast:{broadcast.pk}:",
                email_status=DeliveryStatus.SENT,
            ).count()
            == 5
        )

    assert _wait_for(all_sent), "the worker did not send the broadcast"
    time.sleep(1)  # a duplicate task, if any, would send now
    recipients = Counter(
        address for message in mail.outbox if "Sudan" in message.subject for address in message.to
    )
    assert recipients == Counter({f"r{i}@example.org": 1 for i in range(5)})
    assert BroadcastDelivery.objects.filter(broadcast=broadcast).count() == 5

    html = client.get(response["Location"]).content.decode()
    assert _counts(html) == {"total": 5, "sent": 5, "failed": 0, "pending": 0}
    assert "hx-trigger" not in html
