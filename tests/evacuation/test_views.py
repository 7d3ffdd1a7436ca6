"""Pages: permission matrix, lists with filters and counts, exports, pinned query counts."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from crisisportal.models import CrisisRole, PersonalDataView
from crisisportal.services.roles import crisis_member_set
from evacuation.models import CaseListExport, HelpRequest
from evacuation.services.cases import cases_assign
from evacuation.services.flights import flight_create
from evacuation.services.help_requests import help_request_submit
from evacuation.services.teams import call_team_create, call_team_member_add, help_requests_assign
from tests.conftest import ROLE_CLIENTS
from tests.evacuation.factories import approve, make_case, make_person
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_caller(crisis: Any, coordinator: Any) -> Any:
    user = make_staff("caller2@dcc.example", first_name="Bram", last_name="Belteam")
    crisis_member_set(actor=coordinator, crisis=crisis, user=user, role=CrisisRole.CALL_TEAM)
    return user


@pytest.fixture
def setup(
    crisis: Any, call_team: Any, second_caller: Any, coordinator: Any, post_a: Any, post_b: Any
) -> dict[str, Any]:
    owned = make_case(crisis, make_person(family_name="Owned", nationalities=["NL"]), post=post_a)
    other = make_case(crisis, make_person(family_name="Unowned", nationalities=["NL"]), post=post_a)
    cases_assign(actor=coordinator, crisis=crisis, case_ids=[owned.pk], owner=call_team)
    # call_team is in team A, second_caller in team B.
    team_a = call_team_create(actor=coordinator, crisis=crisis, name="Team A")
    team_b = call_team_create(actor=coordinator, crisis=crisis, name="Team B")
    call_team_member_add(actor=coordinator, team=team_a, user=call_team)
    call_team_member_add(actor=coordinator, team=team_b, user=second_caller)
    of_team_a = make_case(crisis, make_person(family_name="Teamalpha"), post=post_a)
    of_team_b = make_case(crisis, make_person(family_name="Teambravo"), post=post_a)
    cases_assign(actor=coordinator, crisis=crisis, case_ids=[of_team_a.pk], owner=None, team=team_a)
    cases_assign(actor=coordinator, crisis=crisis, case_ids=[of_team_b.pk], owner=second_caller)
    # A case of the crisis handled by another post than post A.
    elsewhere = make_case(crisis, make_person(family_name="Elsewhere"), post=post_b)
    from datetime import date

    def submit(name: str) -> Any:
        return help_request_submit(
            crisis=crisis, given_names="Req", family_name=name, date_of_birth=date(1981, 1, 1),
            claimed_basis="interpreter", location="Khartoum", phone="2",
        ).request  # fmt: skip

    request_a, request_b = submit("Forteama"), submit("Forteamb")
    help_requests_assign(actor=coordinator, crisis=crisis, request_ids=[request_a.pk], team=team_a)
    help_requests_assign(actor=coordinator, crisis=crisis, request_ids=[request_b.pk], team=team_b)

    submission = help_request_submit(
        crisis=crisis,
        given_names="Req",
        family_name="Uester",
        date_of_birth=date(1980, 1, 1),
        claimed_basis="dutch-national",
        location="Khartoum",
        phone="1",
    )
    flight = flight_create(
        actor=coordinator, crisis=crisis, operator="charter", call_sign="CH1", capacity=5,
        origin="KRT", destination="AMS",
    )  # fmt: skip
    return {
        "owned": owned, "other": other, "request": submission.request, "flight": flight,
        "team_a": of_team_a, "team_b": of_team_b, "elsewhere": elsewhere,
        "request_a": request_a, "request_b": request_b, "teams": (team_a, team_b),
    }  # fmt: skip


# What each role gets. call_team is in team A: it sees its own case, team A's case and
# request, the open queue; not team B's case or request, nor unassigned cases. Post A staff
# see the cases of post A, not the one handled by post B. Partners get counts only.
MATRIX = {
    "coordinator_client": {"list": 200, "owned": 200, "other": 200, "team_a": 200, "team_b": 200, "elsewhere": 200, "triage": 200, "request": 200, "request_a": 200, "request_b": 200, "teams": 200, "flight": 200, "csv": 200},
    "dcc_member_client": {"list": 200, "owned": 200, "other": 200, "team_a": 200, "team_b": 200, "elsewhere": 200, "triage": 200, "request": 200, "request_a": 200, "request_b": 200, "teams": 200, "flight": 200, "csv": 200},
    "call_team_client": {"list": 200, "owned": 200, "other": 404, "team_a": 200, "team_b": 404, "elsewhere": 404, "triage": 200, "request": 200, "request_a": 200, "request_b": 404, "teams": 404, "flight": 404, "csv": 200},
    "post_a_client": {"list": 200, "owned": 200, "other": 200, "team_a": 200, "team_b": 200, "elsewhere": 404, "triage": 404, "request": 404, "request_a": 404, "request_b": 404, "teams": 404, "flight": 404, "csv": 200},
    "post_b_client": {"list": 404, "owned": 404, "other": 404, "team_a": 404, "team_b": 404, "elsewhere": 404, "triage": 404, "request": 404, "request_a": 404, "request_b": 404, "teams": 404, "flight": 404, "csv": 404},
    "partner_client": {"list": 200, "owned": 404, "other": 404, "team_a": 404, "team_b": 404, "elsewhere": 404, "triage": 404, "request": 404, "request_a": 404, "request_b": 404, "teams": 404, "flight": 404, "csv": 404},
    "anonymous_client": {"list": 302, "owned": 302, "other": 302, "team_a": 302, "team_b": 302, "elsewhere": 302, "triage": 302, "request": 302, "request_a": 302, "request_b": 302, "teams": 302, "flight": 302, "csv": 302},
}  # fmt: skip


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_permission_matrix(
    request: Any, client_name: str, crisis: Any, setup: dict[str, Any]
) -> None:
    client = request.getfixturevalue(client_name)
    expected = MATRIX[client_name]
    urls = {
        "list": reverse("evacuation:case-list", args=[crisis.pk]),
        "owned": reverse("evacuation:case-detail", args=[setup["owned"].pk]),
        "other": reverse("evacuation:case-detail", args=[setup["other"].pk]),
        "team_a": reverse("evacuation:case-detail", args=[setup["team_a"].pk]),
        "team_b": reverse("evacuation:case-detail", args=[setup["team_b"].pk]),
        "elsewhere": reverse("evacuation:case-detail", args=[setup["elsewhere"].pk]),
        "triage": reverse("evacuation:triage-queue", args=[crisis.pk]),
        "request": reverse("evacuation:help-request-detail", args=[setup["request"].pk]),
        "request_a": reverse("evacuation:help-request-detail", args=[setup["request_a"].pk]),
        "request_b": reverse("evacuation:help-request-detail", args=[setup["request_b"].pk]),
        "teams": reverse("evacuation:call-teams", args=[crisis.pk]),
        "flight": reverse("evacuation:flight-detail", args=[setup["flight"].pk]),
        "csv": reverse("evacuation:case-export-csv", args=[crisis.pk]),
    }
    got = {name: client.get(url).status_code for name, url in urls.items()}
    assert got == expected


def test_list_shows_what_each_role_may_see(
    crisis: Any, setup: dict[str, Any], call_team_client: Any, partner_client: Any,
    coordinator_client: Any,
) -> None:  # fmt: skip
    url = reverse("evacuation:case-list", args=[crisis.pk])
    mine = call_team_client.get(url).content.decode()
    assert "Owned" in mine and "Unowned" not in mine
    assert "Teamalpha" in mine and "Teambravo" not in mine
    queue = call_team_client.get(reverse("evacuation:triage-queue", args=[crisis.pk]))
    assert "Forteama" in queue.content.decode() and "Forteamb" not in queue.content.decode()
    counts_only = partner_client.get(url).content.decode()
    assert "Owned" not in counts_only and 'data-testid="case-counts"' in counts_only
    assert "5 cases" in partner_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    everything = coordinator_client.get(url).content.decode()
    assert "Owned" in everything and "Unowned" in everything
    assert PersonalDataView.objects.filter(view_name="evacuation:case-list").exists()


def test_call_team_sees_queue_and_claims_but_not_others_claims(
    setup: dict[str, Any], call_team_client: Any, dcc_member: Any, client_for: Any
) -> None:
    url = reverse("evacuation:help-request-detail", args=[setup["request"].pk])
    assert call_team_client.post(url, {"action": "claim"}).status_code == 302
    claimed_by = HelpRequest.objects.get(pk=setup["request"].pk).claimed_by
    assert claimed_by is not None and claimed_by.email == "caller@dcc.example"
    # The DCC sees it; a second claim is refused with a message.
    response = client_for(dcc_member).post(url, {"action": "claim"}, follow=True)
    assert "already working" in response.content.decode() or "al aan" in response.content.decode()


def test_filters(
    crisis: Any, coordinator_client: Any, setup: dict[str, Any], call_team: Any
) -> None:
    make_case(crisis, make_person(family_name="Syrian", nationalities=["SY"]))
    url = reverse("evacuation:case-list", args=[crisis.pk])
    assert "Syrian" in coordinator_client.get(url, {"nationality": "SY"}).content.decode()
    page = coordinator_client.get(url, {"nationality": "NL"}).content.decode()
    assert "Syrian" not in page and "Owned" in page
    page = coordinator_client.get(url, {"owner": call_team.pk}).content.decode()
    assert "Owned" in page and "Unowned" not in page
    page = coordinator_client.get(
        url, {"owner": "none", "group": "dutch-national"}
    ).content.decode()
    assert "Unowned" in page and "Owned<" not in page
    page = coordinator_client.get(url, {"status": "approved"}).content.decode()
    assert "Unowned" not in page
    page = coordinator_client.get(
        url, {"priority": "1", "post": setup["owned"].post_id}
    ).content.decode()
    assert "Owned" in page


def test_bulk_assign(
    crisis: Any, coordinator_client: Any, setup: dict[str, Any], call_team: Any
) -> None:
    response = coordinator_client.post(
        reverse("evacuation:case-assign", args=[crisis.pk]),
        {"case": [setup["other"].pk], "owner": call_team.pk},
    )
    assert response.status_code == 302
    setup["other"].refresh_from_db()
    assert setup["other"].owner == call_team


def test_csv_is_streamed_and_filtered(
    crisis: Any, coordinator_client: Any, setup: dict[str, Any]
) -> None:
    make_case(crisis, make_person(family_name="=HYPERLINK()", nationalities=["SY"]))
    response = coordinator_client.get(
        reverse("evacuation:case-export-csv", args=[crisis.pk]), {"nationality": "SY"}
    )
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "case" and len(rows) == 2
    assert rows[1][2] == "'=HYPERLINK()"


def _many_cases(crisis: Any, n: int) -> None:
    for i in range(n):
        make_case(crisis, make_person(family_name=f"P{i}", nationalities=["NL"]))


def test_list_query_count_is_constant(
    crisis: Any, coordinator_client: Any, django_assert_max_num_queries: Any
) -> None:
    url = reverse("evacuation:case-list", args=[crisis.pk])
    _many_cases(crisis, 2)
    coordinator_client.get(url)
    # session, user, MFA, guardian perms (crisis + globals), counts ×2, owners, posts,
    # paginator count, page, audit insert, ... — the same for 2 and for 30 cases.
    with django_assert_max_num_queries(22) as small:
        coordinator_client.get(url)
    _many_cases(crisis, 28)
    with django_assert_max_num_queries(len(small.captured_queries)):
        coordinator_client.get(url)


def test_case_detail_and_triage_query_counts_are_constant(
    crisis: Any, coordinator_client: Any, django_assert_max_num_queries: Any
) -> None:
    from datetime import date

    def submit(i: int) -> None:
        help_request_submit(
            crisis=crisis, given_names=f"G{i}", family_name="F", date_of_birth=date(1990, 1, 1),
            claimed_basis="other", location="X", phone="1",
        )  # fmt: skip

    submit(0)
    url = reverse("evacuation:triage-queue", args=[crisis.pk])
    coordinator_client.get(url)
    with django_assert_max_num_queries(20) as small:
        coordinator_client.get(url)
    for i in range(1, 15):
        submit(i)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert coordinator_client.get(url).status_code == 200


def test_flight_manifest_and_pdf(
    crisis: Any, coordinator_client: Any, setup: dict[str, Any]
) -> None:
    from pypdf import PdfReader

    case = approve(setup["other"])
    flight = setup["flight"]
    url = reverse("evacuation:flight-detail", args=[flight.pk])
    assert (
        coordinator_client.post(url, {"action": "manifest", "case": [case.pk]}).status_code == 302
    )
    assert coordinator_client.post(url, {"action": "board", "case": case.pk}).status_code == 302
    case.refresh_from_db()
    assert case.status == "boarded"
    response = coordinator_client.get(reverse("evacuation:flight-manifest-pdf", args=[flight.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Unowned" in text


def test_manifest_over_capacity_shows_error(
    crisis: Any, coordinator_client: Any, coordinator: Any
) -> None:
    flight = flight_create(
        actor=coordinator, crisis=crisis, operator="defence", call_sign="X", capacity=1,
        origin="A", destination="B",
    )  # fmt: skip
    cases = [approve(make_case(crisis)) for _ in range(2)]
    response = coordinator_client.post(
        reverse("evacuation:flight-detail", args=[flight.pk]),
        {"action": "manifest", "case": [c.pk for c in cases]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "1 seats" in response.content.decode()
    assert flight.manifest.count() == 0


def test_public_help_request_form(crisis: Any, anonymous_client: Any) -> None:
    url = reverse("evacuation:help-request-new", args=[crisis.pk])
    assert anonymous_client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    data = {
        "given_names": "Amina", "family_name": "Ahmadi", "date_of_birth": "1990-05-01",
        "claimed_basis": "family-member", "location": "Khartoum", "phone": "+249 1",
    }  # fmt: skip
    response = anonymous_client.post(url, data)
    assert response.status_code == 302
    anonymous_client.post(url, {**data, "location": "Airport"})
    request = HelpRequest.objects.get()
    assert request.submissions.count() == 2
    # Missing contact details: a field error, nothing stored.
    response = anonymous_client.post(url, {**data, "phone": "", "given_names": "B"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert HelpRequest.objects.count() == 1


@pytest.mark.worker
def test_pdf_list_export_in_background(
    celery_worker: Any, crisis: Any, coordinator: Any, client_for: Any
) -> None:
    import time

    _many_cases(crisis, 3)
    client = client_for(coordinator)
    response = client.post(reverse("evacuation:case-export-pdf", args=[crisis.pk]))
    export = CaseListExport.objects.get()
    assert response.status_code == 302
    for _ in range(100):
        export.refresh_from_db()
        if export.status == "done":
            break
        time.sleep(0.2)
    assert export.status == "done" and export.total == 3
    download = client.get(reverse("evacuation:export-download", args=[export.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_coordinator_forms_teams_and_assigns_to_a_team(
    crisis: Any, coordinator_client: Any, dcc_member_client: Any, setup: dict[str, Any],
    call_team: Any, second_caller: Any,
) -> None:  # fmt: skip
    url = reverse("evacuation:call-teams", args=[crisis.pk])
    assert coordinator_client.post(url, {"action": "create", "name": "Night"}).status_code == 302
    # A duplicate name is a field error in the page, nothing stored.
    page = coordinator_client.post(url, {"action": "create", "name": "Night"})
    assert page.status_code == 200 and 'aria-invalid="true"' in page.content.decode()
    night = crisis.call_teams.get(name="Night")
    # Moving a member to another team: they now see that team's cases, no longer team A's.
    coordinator_client.post(url, {"action": "add", "team": night.pk, "user": call_team.pk})
    assert night.members.get().user == call_team
    # DCC members see the teams but do not change them.
    assert dcc_member_client.get(url).status_code == 200
    assert dcc_member_client.post(url, {"action": "create", "name": "X"}).status_code == 404
    # Bulk assignment to a team: its members see the case; a non-member of the crisis refused.
    coordinator_client.post(
        reverse("evacuation:case-assign", args=[crisis.pk]),
        {"case": [setup["other"].pk], "team": night.pk},
    )
    setup["other"].refresh_from_db()
    assert setup["other"].team == night and setup["other"].owner is None
    caller = Client()
    caller.force_login(call_team)
    assert (
        caller.get(reverse("evacuation:case-detail", args=[setup["other"].pk])).status_code == 200
    )
    assert (
        caller.get(reverse("evacuation:case-detail", args=[setup["team_a"].pk])).status_code == 404
    )
    page = coordinator_client.post(
        url, {"action": "add", "team": night.pk, "user": 999999}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200 and night.members.count() == 1


def test_team_filter_and_request_assignment(
    crisis: Any, coordinator_client: Any, setup: dict[str, Any]
) -> None:
    team_a, team_b = setup["teams"]
    url = reverse("evacuation:case-list", args=[crisis.pk])
    page = coordinator_client.get(url, {"team": team_a.pk}).content.decode()
    assert "Teamalpha" in page and "Teambravo" not in page and "Unowned" not in page
    page = coordinator_client.get(url, {"team": "none"}).content.decode()
    assert "Unowned" in page and "Teamalpha" not in page
    # A member's case goes to the member's team too.
    assert setup["team_b"].__class__.objects.get(pk=setup["team_b"].pk).team == team_b
    detail = reverse("evacuation:help-request-detail", args=[setup["request"].pk])
    coordinator_client.post(detail, {"action": "team", "team": team_b.pk})
    setup["request"].refresh_from_db()
    assert setup["request"].team == team_b


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_public_form_documents_checked_stored_and_served_with_access_check(
    crisis: Any, anonymous_client: Any, coordinator_client: Any, post_a_client: Any,
    partner_client: Any, call_team: Any, client_for: Any,
) -> None:  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evacuation.models import EvacuationDocument

    url = reverse("evacuation:help-request-new", args=[crisis.pk])
    data = {
        "given_names": "Amina", "family_name": "Ahmadi", "date_of_birth": "1990-05-01",
        "claimed_basis": "family-member", "location": "Khartoum", "phone": "+249 1",
    }  # fmt: skip
    # A program disguised as a PDF: a field error in the page, nothing of the request stored.
    fake = SimpleUploadedFile("passport.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    page = anonymous_client.post(url, {**data, "attachments": [fake]}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Only images" in page.content.decode()
    assert HelpRequest.objects.count() == 0 and EvacuationDocument.objects.count() == 0
    files = [
        SimpleUploadedFile("passport.pdf", PDF, "application/pdf"),
        SimpleUploadedFile("permit.png", _png(), "image/png"),
    ]
    assert anonymous_client.post(url, {**data, "attachments": files}).status_code == 302
    request = HelpRequest.objects.get()
    documents = list(EvacuationDocument.objects.order_by("original_name"))
    assert [d.content_type for d in documents] == ["application/pdf", "image/png"]
    # Stored under MEDIA_ROOT by id (no name of the person in the path), not in static.
    assert "Ahmadi" not in str(documents[0].file.name) and "passport" not in str(
        documents[0].file.name
    )
    detail = coordinator_client.get(reverse("evacuation:help-request-detail", args=[request.pk]))
    download = reverse("evacuation:document-download", args=[documents[0].pk])
    assert download in detail.content.decode() and "passport.pdf" in detail.content.decode()
    response = coordinator_client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert (
        response["Content-Type"] == "application/pdf"
        and "attachment" in response["Content-Disposition"]
    )
    assert PersonalDataView.objects.filter(view_name="evacuation:document-download").exists()
    assert post_a_client.get(download).status_code == 404
    assert partner_client.get(download).status_code == 404
    assert anonymous_client.get(download).status_code == 302
    # Triage into a case: the documents go with it, and its owner can download them.
    caller = client_for(call_team)
    request_url = reverse("evacuation:help-request-detail", args=[request.pk])
    caller.post(request_url, {"action": "claim"})
    caller.post(request_url, {"action": "convert"})
    request.refresh_from_db()
    page = caller.get(reverse("evacuation:case-detail", args=[request.case_id])).content.decode()
    assert "passport.pdf" in page and "permit.png" in page
    assert caller.get(download).status_code == 200


def test_case_documents_upload(
    crisis: Any, setup: dict[str, Any], call_team_client: Any, second_caller: Any,
    client_for: Any, partner_client: Any,
) -> None:  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evacuation.models import EvacuationDocument

    case = setup["owned"]
    url = reverse("evacuation:case-documents", args=[case.pk])
    upload = SimpleUploadedFile("contract.pdf", PDF, "application/pdf")
    assert call_team_client.post(url, {"attachments": [upload]}).status_code == 302
    document = EvacuationDocument.objects.get(case=case)
    download = reverse("evacuation:document-download", args=[document.pk])
    assert call_team_client.get(download).status_code == 200
    # A member of another team, and a partner, neither upload nor download.
    other = client_for(second_caller)
    assert other.get(download).status_code == 404
    again = SimpleUploadedFile("x.pdf", PDF, "application/pdf")
    assert other.post(url, {"attachments": [again]}).status_code == 404
    assert partner_client.get(download).status_code == 404
    too_big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, "application/pdf")
    from django.test import override_settings

    with override_settings(EVACUATION_DOCUMENT_MAX_BYTES=1024):
        page = call_team_client.post(
            url, {"attachments": [too_big]}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert "larger than" in page.content.decode()
    assert EvacuationDocument.objects.filter(case=case).count() == 1


HELP_DATA = {
    "given_names": "Amina", "family_name": "Ahmadi", "date_of_birth": "1990-05-01",
    "claimed_basis": "family-member", "location": "Khartoum", "email": "amina@example.org",
}  # fmt: skip


def test_public_form_honeypot_stores_nothing_but_looks_like_success(
    crisis: Any, anonymous_client: Any
) -> None:
    url = reverse("evacuation:help-request-new", args=[crisis.pk])
    response = anonymous_client.post(url, {**HELP_DATA, "website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("evacuation:help-request-thanks", args=[crisis.pk])
    assert HelpRequest.objects.count() == 0


def test_public_form_rate_limits_per_contact_and_per_address(
    crisis: Any, anonymous_client: Any, settings: Any
) -> None:
    settings.HELP_REQUEST_RATE_LIMIT_PER_CONTACT = 2
    settings.HELP_REQUEST_RATE_LIMIT_PER_IP = 3
    url = reverse("evacuation:help-request-new", args=[crisis.pk])
    for address in ("10.0.0.1", "10.0.0.2"):
        assert anonymous_client.post(url, HELP_DATA, REMOTE_ADDR=address).status_code == 302
    # A third request for the same email address, even from another address: refused.
    page = anonymous_client.post(url, HELP_DATA, REMOTE_ADDR="10.0.0.3", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 429 and "Too many requests" in page.content.decode()
    assert HelpRequest.objects.get().submissions.count() == 2
    # The same phone number written differently counts as one contact.
    phone = {**HELP_DATA, "email": "", "phone": "+93 700 000"}
    assert anonymous_client.post(url, phone, REMOTE_ADDR="10.0.0.4").status_code == 302
    assert (
        anonymous_client.post(url, {**phone, "phone": "+93700000"}, REMOTE_ADDR="10.0.0.5")
    ).status_code == 302
    assert (
        anonymous_client.post(
            url, {**phone, "phone": "93-700-000"}, REMOTE_ADDR="10.0.0.6"
        ).status_code
        == 429
    )
    # Per address: the fourth valid request from 10.0.0.9 is refused whatever the contact.
    for i in range(3):
        other = {**HELP_DATA, "email": f"p{i}@example.org", "family_name": f"F{i}"}
        assert anonymous_client.post(url, other, REMOTE_ADDR="10.0.0.9").status_code == 302
    fourth = {**HELP_DATA, "email": "p4@example.org", "family_name": "F4"}
    assert anonymous_client.post(url, fourth, REMOTE_ADDR="10.0.0.9").status_code == 429


def test_public_form_does_not_reveal_who_is_known(crisis: Any, anonymous_client: Any) -> None:
    from datetime import date

    make_person(given_names="Known", family_name="Person", date_of_birth=date(1970, 1, 1))
    url = reverse("evacuation:help-request-new", args=[crisis.pk])
    known = anonymous_client.post(
        url, {**HELP_DATA, "given_names": "Known", "family_name": "Person",
              "date_of_birth": "1970-01-01", "email": "k@example.org"},
    )  # fmt: skip
    new = anonymous_client.post(url, {**HELP_DATA, "email": "n@example.org"})
    again = anonymous_client.post(url, {**HELP_DATA, "email": "n@example.org"})
    assert known.status_code == new.status_code == again.status_code == 302
    assert known["Location"] == new["Location"] == again["Location"]


def test_public_form_is_translated_and_sets_direction_from_language(
    crisis: Any, anonymous_client: Any, settings: Any
) -> None:
    url = reverse("evacuation:help-request-new", args=[crisis.pk])
    dutch = anonymous_client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="nl" dir="ltr">' in dutch
    assert "Voornamen" in dutch and "Given names" not in dutch
    assert "Copies of your documents" not in dutch
    # A right-to-left language added to LANGUAGES (Persian stands in for Dari here, as Django
    # ships its locale data) turns the page around without code changes.
    settings.LANGUAGES = [*settings.LANGUAGES, ("fa", "فارسی")]
    rtl = anonymous_client.get(url, HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert '<html lang="fa" dir="rtl">' in rtl and "فارسی" in rtl


def test_manual_priority_set_by_dcc_with_reason_survives_recompute_and_filters(
    crisis: Any, coordinator: Any, coordinator_client: Any, call_team_client: Any,
    setup: dict[str, Any],
) -> None:  # fmt: skip
    from evacuation.services.cases import case_eligibility_refresh

    case = setup["other"]
    url = reverse("evacuation:case-priority", args=[case.pk])
    # Without a reason: refused with a message, nothing changed.
    page = coordinator_client.post(url, {"priority": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "State why" in page.content.decode()
    case.refresh_from_db()
    assert not case.priority_manual
    coordinator_client.post(url, {"priority": "1", "reason": "Medical emergency"})
    case.refresh_from_db()
    assert case.priority == 1 and case.priority_manual and case.priority_set_by == coordinator
    event = case.events.order_by("-pgh_id").first()
    assert event.priority_manual and event.pgh_context.metadata["user"] == coordinator.pk
    case_eligibility_refresh(case=case)
    case.refresh_from_db()
    assert case.priority == 1
    detail = coordinator_client.get(reverse("evacuation:case-detail", args=[case.pk]))
    assert "Medical emergency" in detail.content.decode()
    listing = reverse("evacuation:case-list", args=[crisis.pk])
    page = coordinator_client.get(listing, {"manual": "yes"}).content.decode()
    assert "Unowned" in page and "Teamalpha" not in page
    page = coordinator_client.get(listing, {"manual": "no"}).content.decode()
    assert "Unowned" not in page and "Teamalpha" in page
    # Back to the groups' priority; call teams cannot set priorities.
    coordinator_client.post(url, {"priority": "", "reason": ""})
    case.refresh_from_db()
    assert not case.priority_manual
    owned = reverse("evacuation:case-priority", args=[setup["owned"].pk])
    assert call_team_client.post(owned, {"priority": "1", "reason": "x"}).status_code == 404


def test_accompanying_persons_editable(
    setup: dict[str, Any], call_team_client: Any, client_for: Any, second_caller: Any
) -> None:
    case = setup["owned"]
    url = reverse("evacuation:case-accompanying", args=[case.pk])
    text = "Zahra Ahmadi, 2015-03-01, daughter"
    assert call_team_client.post(url, {"accompanying": text}).status_code == 302
    page = call_team_client.get(reverse("evacuation:case-detail", args=[case.pk]))
    assert text in page.content.decode()
    assert client_for(second_caller).post(url, {"accompanying": "x"}).status_code == 404
    case.refresh_from_db()
    assert case.accompanying == text


def test_arrival_recorded_per_case_and_household_warning(
    crisis: Any, coordinator_client: Any, coordinator: Any
) -> None:
    from evacuation.selectors.cases import case_household
    from evacuation.services.manifests import boarding_record, manifest_replace
    from tests.evacuation.factories import tie

    dutch = make_person(family_name="Husband", nationalities=["NL"])
    wife = make_person(family_name="Wife", nationalities=["AF"])
    tie(dutch, wife, "spouse")
    cases = [approve(make_case(crisis, dutch)), approve(make_case(crisis, wife))]
    flight = flight_create(
        actor=coordinator, crisis=crisis, operator="defence", call_sign="NLD9", capacity=5,
        origin="KBL", destination="EIN",
    )  # fmt: skip
    manifest_replace(actor=coordinator, flight=flight, cases=cases)
    for case in cases:
        boarding_record(actor=coordinator, flight=flight, case=case)
    url = reverse("evacuation:flight-detail", args=[flight.pk])
    coordinator_client.post(url, {"action": "arrived-case", "case": cases[0].pk})
    for case in cases:
        case.refresh_from_db()
    assert [c.status for c in cases] == ["arrived", "boarded"]
    # The household is now in two statuses: the case page warns.
    assert "statuses" in case_household(cases[0])[1]
    page = coordinator_client.get(reverse("evacuation:case-detail", args=[cases[0].pk]))
    assert (
        "Arrived in the Netherlands" in page.content.decode()
        or "Aangekomen" in page.content.decode()
    )
    # Arriving twice or a case not boarded on this flight: a message, nothing changes.
    page = coordinator_client.post(
        url, {"action": "arrived-case", "case": cases[0].pk}, follow=True
    )
    assert page.status_code == 200
    cases[0].refresh_from_db()
    assert cases[0].status == "arrived"
    coordinator_client.post(url, {"action": "arrived"})
    cases[1].refresh_from_db()
    assert cases[1].status == "arrived"
