"""The public self-registration pages of nationals abroad (no account)."""

import logging
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from crisisportal.models import Notification
from registration.forms.public import CONSENT_TEXTS
from registration.log_filters import PersonalLinkRedactionFilter
from registration.models import (
    FamilyTie,
    NationalRegistration,
    Person,
    RegistrationStatus,
)
from registration.services.registrations import (
    registration_confirm,
    registration_submit,
    registrations_expire_and_purge,
)
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

IN_A_MONTH = date.today() + timedelta(days=30)


def _form_data(email: str = "anna@example.org", **overrides: Any) -> dict[str, Any]:
    data = {
        "country": "SD",
        "given_names": "Anna",
        "family_name": "Jansen",
        "date_of_birth": "1985-04-02",
        "email": email,
        "whereabouts": "Khartoum, Hotel Nile",
        "stay_from": "",
        "stay_until": IN_A_MONTH.isoformat(),
        "phone": "+249 111 222",
        "consent": "on",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "10",
        "members-0-given_names": "Sam",
        "members-0-family_name": "Jansen",
        "members-0-date_of_birth": "2015-06-01",
        "members-0-kind": "child",
        "members-0-dependent": "on",
    }
    data.update(overrides)
    return data


def _page(response: Any) -> str:
    """The page as the person sees it (without the per-request CSRF token)."""
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "<csrf>", response.content.decode())


def _last_link(email: str) -> str:
    """The path of the personal link in the last email to this address."""
    body = Notification.objects.filter(to_email=email).latest("created_at").body
    return "/register/link/" + body.split("/register/link/")[1].split()[0]


def _registered(client: Client, email: str = "anna@example.org", **overrides: Any) -> str:
    response = client.post("/register/extended", _form_data(email, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return _last_link(email)


def _opened(client: Client, email: str = "anna@example.org") -> NationalRegistration:
    link = _registered(client, email)
    assert client.get(link).status_code == 302
    return NationalRegistration.objects.get(email=email)


def test_start_page_offers_both_types_and_says_registering_is_voluntary(client: Client) -> None:
    response = client.get("/register")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Registering is voluntary." in page
    assert 'href="/register/limited"' in page and 'href="/register/extended"' in page
    assert response["Referrer-Policy"] == "same-origin"  # no Referer leaves the portal
    assert "no-store" in response["Cache-Control"]


def test_each_type_shows_and_stores_its_own_consent_text(client: Client) -> None:
    limited = client.get("/register/limited").content.decode()
    assert escape(str(CONSENT_TEXTS["limited"])) in limited
    assert escape(str(CONSENT_TEXTS["extended"])) not in limited
    assert 'name="whereabouts"' not in limited  # a limited registration asks no stay
    extended = client.get("/register/extended").content.decode()
    assert escape(str(CONSENT_TEXTS["extended"])) in extended and 'name="whereabouts"' in extended
    assert client.get("/register/unlimited").status_code == 404

    response = client.post(
        "/register/limited",
        _form_data(whereabouts="", phone="", stay_until="", **{"members-TOTAL_FORMS": "0"}),
    )
    assert response.status_code == 302
    registration = NationalRegistration.objects.get()
    assert registration.kind == "limited"
    assert registration.consent_text == str(CONSENT_TEXTS["limited"])
    assert (registration.whereabouts, registration.stay_until) == ("", None)


def test_bad_input_shows_errors_in_the_page_and_writes_nothing(client: Client) -> None:
    response = client.post(
        "/register/extended",
        _form_data(
            email="not-an-address",
            family_name="",
            stay_until=(date.today() - timedelta(days=1)).isoformat(),
            consent="",
            **{"members-0-family_name": "", "members-0-kind": "spouse"},
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your registration has not been sent." in page
    assert "Enter a valid email address." in page
    assert "The end of your stay is in the past." in page
    assert 'aria-invalid="true"' in page
    # The family member keeps its typed values and says what is missing; a spouse
    # cannot be "dependent".
    assert "Only a child can be dependent." in page
    assert not NationalRegistration.objects.exists()
    assert not Person.objects.exists()
    assert not Notification.objects.exists()


def test_add_another_family_member_keeps_what_was_typed_and_stores_nothing(
    client: Client,
) -> None:
    response = client.post("/register/extended", {**_form_data(), "add_member": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Family member 2" in page
    assert 'value="Sam"' in page and 'value="Khartoum, Hotel Nile"' in page
    assert "This field is required" not in page
    assert not NationalRegistration.objects.exists()


def test_honeypot_stores_nothing_but_shows_the_same_page(client: Client) -> None:
    bot = client.post("/register/extended", {**_form_data(), "website": "spam"}, follow=True)
    assert not NationalRegistration.objects.exists() and not Person.objects.exists()
    human = client.post("/register/extended", _form_data("real@example.org"), follow=True)
    assert bot.redirect_chain == human.redirect_chain == [("/register/check-email", 302)]
    assert _page(bot) == _page(human)
    assert NationalRegistration.objects.count() == 1


def test_same_answer_whether_the_email_is_known(client: Client) -> None:
    _opened(client)  # anna@example.org has a confirmed registration
    known = client.post("/register/extended", _form_data(), follow=True)
    unknown = client.post("/register/extended", _form_data("new@example.org"), follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/register/check-email", 302)]
    assert _page(known) == _page(unknown)
    assert "Check your email" in _page(known)


def test_rate_limits_answer_429_with_a_clear_message(client: Client, settings: Any) -> None:
    settings.REGISTRATION_RATE_LIMIT_PER_EMAIL = 2
    settings.REGISTRATION_RATE_LIMIT_PER_IP = 4
    for _ in range(2):
        assert client.post("/register/extended", _form_data()).status_code == 302
    too_many = client.post("/register/extended", _form_data())
    assert too_many.status_code == 429
    assert "Too many attempts" in too_many.content.decode()
    # Every attempt counts for the IP: another address gets through once, then not.
    assert client.post("/register/extended", _form_data("b@example.org")).status_code == 302
    assert client.post("/register/extended", _form_data("c@example.org")).status_code == 429
    other_ip = Client(REMOTE_ADDR="10.1.2.3")
    assert other_ip.post("/register/extended", _form_data("c@example.org")).status_code == 302
    assert NationalRegistration.objects.count() == 4


def test_link_confirms_and_redirects_to_a_clean_url(client: Client) -> None:
    link = _registered(client)
    registration = NationalRegistration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    token = link.rsplit("/", 1)[1]

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/register/my-registration"
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED

    page = client.get("/register/my-registration")
    text = page.content.decode()
    assert page.status_code == 200 and token not in text
    assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]
    assert "Anna Jansen" in text and "Khartoum, Hotel Nile" in text and "+249 111 222" in text
    assert "Sam Jansen (child, dependent)" in text
    assert "Confirmed" in text and "Sudan" in text

    # The link keeps working (it is the registrant's personal link), in another browser too.
    assert Client().get(link)["Location"] == "/register/my-registration"


def test_my_registration_without_the_session_asks_to_open_the_link(client: Client) -> None:
    _registered(client)  # registered, but the link was never opened in this browser
    for path in ("/register/my-registration", "/register/my-registration/deregister"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Open the personal link in your email" in response.content.decode()
        assert "Anna" not in response.content.decode()
    assert client.post("/register/my-registration/deregister").status_code == 200
    assert NationalRegistration.objects.get().status == RegistrationStatus.PENDING


def test_update_stay_phone_and_family_members(client: Client) -> None:
    registration = _opened(client)
    new_end = (date.today() + timedelta(days=90)).isoformat()
    response = client.post(
        "/register/my-registration",
        {
            "whereabouts": "Port Sudan, Hotel Red Sea",
            "phone": "+249 999",
            "stay_until": new_end,
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "1",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "10",
            # Sam is removed, Eva is added.
            "members-0-given_names": "Sam",
            "members-0-family_name": "Jansen",
            "members-0-kind": "child",
            "members-0-DELETE": "on",
            "members-1-given_names": "Eva",
            "members-1-family_name": "de Vries",
            "members-1-kind": "spouse",
        },
    )
    assert response.status_code == 302
    page = client.get("/register/my-registration").content.decode()
    assert "Your registration has been updated." in page
    assert "Eva de Vries (spouse)" in page and "Sam Jansen" not in page
    registration.refresh_from_db()
    assert registration.whereabouts == "Port Sudan, Hotel Red Sea"
    assert str(registration.stay_until) == new_end
    assert registration.registrant is not None and registration.registrant.phone == "+249 999"
    assert sorted(Person.objects.values_list("given_names", flat=True)) == ["Anna", "Eva"]
    assert FamilyTie.objects.count() == 2  # one tie, both directions


def test_update_with_bad_input_changes_nothing(client: Client) -> None:
    registration = _opened(client)
    response = client.post(
        "/register/my-registration",
        {
            "whereabouts": "",
            "phone": "+249 999",
            "stay_until": "",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Your changes have not been saved." in response.content.decode()
    registration.refresh_from_db()
    assert registration.whereabouts == "Khartoum, Hotel Nile"
    assert registration.registrant is not None and registration.registrant.phone == "+249 111 222"
    assert registration.members.count() == 1


def test_deregister_deletes_personal_data_and_keeps_the_anonymous_count(client: Client) -> None:
    registration = _opened(client)
    other = _opened(Client(), "other@example.org")
    link = _last_link("anna@example.org")

    confirm = client.get("/register/my-registration/deregister")
    assert "Yes, end my registration" in confirm.content.decode()
    assert NationalRegistration.objects.get(pk=registration.pk).email  # asked, not done
    done = client.post("/register/my-registration/deregister", follow=True)
    assert done.redirect_chain == [("/register/deregistered", 302)]
    assert "we have deleted your details" in done.content.decode()

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DEREGISTERED
    assert (registration.email, registration.whereabouts, registration.registrant) == (
        "",
        "",
        None,
    )
    assert not Person.objects.filter(family_name="Jansen", email="anna@example.org").exists()
    assert Person.objects.count() == 2  # the other registrant and their child
    assert NationalRegistration.objects.filter(country="SD").count() == 2
    # The session is closed and the link no longer opens anything.
    assert "Open the personal link" in client.get("/register/my-registration").content.decode()
    assert client.get(link)["Location"] == "/register/link-invalid"
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED


def test_invalid_and_ended_links_show_the_same_clear_page(client: Client) -> None:
    unknown = client.get("/register/link/not-a-real-secret", follow=True)
    assert unknown.redirect_chain == [("/register/link-invalid", 302)]
    text = unknown.content.decode()
    assert "not-a-real-secret" not in text
    assert "This link does not work" in text and 'href="/register/new-link"' in text

    _opened(client)
    link = _last_link("anna@example.org")
    client.post("/register/my-registration/deregister")
    ended = client.get(link, follow=True)
    assert ended.redirect_chain == [("/register/link-invalid", 302)]
    assert _page(ended) == _page(unknown)
    assert client.get(link)["Referrer-Policy"] == "no-referrer"


def test_new_link_same_answer_rotates_the_link_and_closes_old_sessions(client: Client) -> None:
    _opened(client)
    old_link = _last_link("anna@example.org")

    known = client.post("/register/new-link", {"email": "Anna@Example.org "}, follow=True)
    unknown = client.post("/register/new-link", {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/register/new-link/sent", 302)]
    assert _page(known) == _page(unknown)
    assert not Notification.objects.filter(to_email="nobody@example.org").exists()

    mail = Notification.objects.filter(kind="registration_new_link").get()
    new_link = _last_link("anna@example.org")
    assert new_link != old_link and new_link in mail.body
    # The old link and the session opened with it stop working; the new one works.
    assert "Open the personal link" in client.get("/register/my-registration").content.decode()
    assert client.get(old_link)["Location"] == "/register/link-invalid"
    assert client.get(new_link)["Location"] == "/register/my-registration"
    assert "Anna Jansen" in client.get("/register/my-registration").content.decode()


def test_new_link_not_sent_for_pending_registrations_and_rate_limited(
    client: Client, settings: Any
) -> None:
    _registered(client)  # pending: never confirmed
    settings.REGISTRATION_RATE_LIMIT_PER_EMAIL = 1
    assert client.post("/register/new-link", {"email": "anna@example.org"}).status_code == 302
    assert not Notification.objects.filter(kind="registration_new_link").exists()
    limited = client.post("/register/new-link", {"email": "anna@example.org"})
    assert limited.status_code == 429 and "Too many attempts" in limited.content.decode()
    bot = client.post("/register/new-link", {"email": "x@example.org", "website": "x"})
    assert bot["Location"] == "/register/new-link/sent"
    bad = client.post("/register/new-link", {"email": "no"})
    assert bad.status_code == 200 and "Enter a valid email address." in bad.content.decode()


def test_expiry_reminder_carries_a_working_personal_link(client: Client) -> None:
    registration = registration_submit(
        kind="extended",
        country="SD",
        email="anna@example.org",
        given_names="Anna",
        family_name="Jansen",
        consent_text="shown text",
        whereabouts="Khartoum",
        stay_until=date.today() + timedelta(days=5),
    )
    registration_confirm(registration=registration)
    confirmation_link = _last_link("anna@example.org")
    assert registrations_expire_and_purge()["reminded"] == 1

    reminder = Notification.objects.get(kind="registration_expiry_reminder")
    assert "week" in reminder.subject  # "ends in a week", Dutch or English
    assert "Soedan" in reminder.body  # in the registration's language (Dutch by default)
    link = _last_link("anna@example.org")
    assert link in reminder.body and link != confirmation_link
    assert client.get(link)["Location"] == "/register/my-registration"
    # Extending the stay from the page the link opens.
    later = (date.today() + timedelta(days=60)).isoformat()
    client.post(
        "/register/my-registration",
        {
            "whereabouts": "Khartoum",
            "phone": "",
            "stay_until": later,
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    registration.refresh_from_db()
    assert str(registration.stay_until) == later
    assert registration.reminder_sent_at is None  # a new reminder before the new end


def test_emails_read_in_the_registrants_language(client: Client) -> None:
    client.cookies["django_language"] = "nl"
    _registered(client)
    confirmation = Notification.objects.get(kind="registration_confirm")
    assert "Soedan" in confirmation.body  # the country in Dutch
    assert "/register/link/" in confirmation.body
    assert NationalRegistration.objects.get().language == "nl"


def test_token_redaction_filter_on_a_log_record() -> None:
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /register/link/s3cr3t-T0ken_x HTTP/1.1", "302", "0"),
        None,
    )
    assert PersonalLinkRedactionFilter().filter(record) is True
    message = record.getMessage()
    assert "s3cr3t" not in message
    assert message == '"GET /register/link/[redacted] HTTP/1.1" 302 0'

    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: /register/link/abc", None, None
    )
    PersonalLinkRedactionFilter().filter(record)
    assert record.getMessage() == "Not Found: /register/link/[redacted]"


def test_request_loggers_redact_the_token() -> None:
    """The filter is configured on Django's request loggers: what they write about a
    personal link (in the formats runserver and the request handler use) has no secret."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect()
    request_logger = logging.getLogger("django.request")
    server_logger = logging.getLogger("django.server")
    request_logger.addHandler(handler)
    server_logger.addHandler(handler)
    try:
        server_logger.warning('"%s" %s %s', "GET /register/link/leaky-secret-123 HTTP/1.1", 302, 0)
        request_logger.error("Internal Server Error: %s", "/register/link/leaky-secret-123")
    finally:
        request_logger.removeHandler(handler)
        server_logger.removeHandler(handler)
    assert messages == [
        '"GET /register/link/[redacted] HTTP/1.1" 302 0',
        "Internal Server Error: /register/link/[redacted]",
    ]


def test_staff_without_second_factor_may_open_the_public_pages(client_for: Any) -> None:
    staff = make_staff("new@dcc.example", with_totp=False)
    client = client_for(staff)
    assert client.get("/register").status_code == 200
    assert client.get("/register/extended").status_code == 200
    assert client.get("/home").status_code == 302  # the portal itself still asks for it


def test_my_registration_query_count_does_not_grow_with_members(
    client: Client, django_assert_num_queries: Any
) -> None:
    def open_with(members: int, email: str) -> Client:
        browser = Client()
        data = _form_data(email, **{"members-TOTAL_FORMS": str(members)})
        for index in range(members):
            data.update(
                {
                    f"members-{index}-given_names": f"Child{index}",
                    f"members-{index}-family_name": "Jansen",
                    f"members-{index}-kind": "child",
                }
            )
        assert browser.post("/register/extended", data).status_code == 302
        browser.get(_last_link(email))
        return browser

    few, many = open_with(2, "few@example.org"), open_with(6, "many@example.org")
    # Session, registration with registrant, members with their persons, their ties; then
    # the session is saved (SESSION_SAVE_EVERY_REQUEST: savepoint, update, release).
    with django_assert_num_queries(7) as few_queries:
        assert few.get("/register/my-registration").content.count(b"Jansen (child") == 2
    with django_assert_num_queries(len(few_queries.captured_queries)):
        assert many.get("/register/my-registration").content.count(b"Jansen (child") == 6


def test_a_sent_confirmation_keeps_no_working_link_in_the_database(client: Client) -> None:
    from django.core import mail

    from crisisportal.tasks import notification_deliver

    link = _registered(client)
    notification = Notification.objects.filter(to_email="anna@example.org").latest("created_at")

    assert notification_deliver.apply(args=(str(notification.pk),)).get() == "sent"

    assert link in mail.outbox[-1].body  # the registrant got the working link
    notification.refresh_from_db()
    assert link not in notification.body
    assert "/register/link/[redacted]" in notification.body
