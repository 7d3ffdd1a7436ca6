"""The local staff register's pages and the bulk import (upload, preview, import)."""

import io
import time
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from crisisportal.models import PersonalDataView
from registration.models import (
    FamilyTie,
    LocalStaffEmployment,
    LocalStaffImportStatus,
    LocalStaffImportUpload,
    Person,
)
from registration.services.local_staff import local_staff_upsert
from registration.services.local_staff_uploads import (
    local_staff_import_upload_apply,
    local_staff_import_upload_validate,
    local_staff_import_uploads_purge,
)
from tests.registration.factories import make_person
from tests.search import search

pytestmark = pytest.mark.django_db

HEADER = (
    "employer,employer_reference,contract_type,role,mission,start_date,end_date,"
    "given_names,family_name,date_of_birth,sex,nationalities\n"
)
GOOD_ROWS = [
    "defence,TFU-1,freelance,interpreter,TFU Uruzgan,2006-08-01,2010-08-01,Ahmad,Noori,1980-01-01,male,AF\n",
    "embassy,KBL-2,employment,driver,,2015-01-01,,Gul,Zazai,,female,AF\n",
    "police,EUPOL-3,employment,security,EUPOL,2012-05-01,2014-05-01,Wali,Haidari,1975-06-30,male,AF\n",
]
# Row 3 has three bad cells, row 5 an end before its start; rows 2 and 4 are fine.
BAD_ROWS = [
    GOOD_ROWS[0],
    "navy,X-1,permanent,interpreter,,2010-01-01,,Bashir,Ahmadzai,1990-01-01,male,XX\n",
    GOOD_ROWS[1],
    "police,EUPOL-3,employment,security,EUPOL,2014-05-01,2012-05-01,Wali,Haidari,,male,AF\n",
]


def _csv(rows: list[str]) -> bytes:
    return (HEADER + "".join(rows)).encode()


def _employment(post: Any = None, reference: str = "REF-1", **person: Any) -> Any:
    employment, _created = local_staff_upsert(
        actor=None,
        employer="embassy" if post else "defence",
        reference=reference,
        person_data={"family_name": person.pop("family_name", "Karimi"), **person},
        contract_type="employment",
        role="driver",
        mission="" if post else "TFU",
        post=post,
    )
    return employment


def _upload(client: Any, capture: Any, name: str, content: bytes) -> Any:
    """Upload a file as the page does; run the check the worker would run after commit."""
    with capture(execute=False) as callbacks:
        response = client.post(
            reverse("registration:local-staff-import"),
            {"file": SimpleUploadedFile(name, content)},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(callbacks) == 1  # the check was queued on commit
    upload = LocalStaffImportUpload.objects.order_by("-created_at").first()
    assert upload is not None
    assert response["Location"] == reverse("registration:local-staff-upload", args=[upload.pk])
    local_staff_import_upload_validate(upload_id=upload.pk)
    upload.refresh_from_db()
    return upload


def _apply(client: Any, capture: Any, upload: Any, **data: Any) -> Any:
    with capture(execute=False):
        response = client.post(
            reverse("registration:local-staff-upload-apply", args=[upload.pk]), data
        )
    assert response.status_code == 302
    local_staff_import_upload_apply(upload_id=upload.pk)
    upload.refresh_from_db()
    return upload


# Permissions ------------------------------------------------------------------------------

PAGES = [
    ("registration:local-staff-list", {
        "coordinator_client": 200, "dcc_member_client": 200, "post_a_client": 200,
        "post_b_client": 200, "call_team_client": 404, "partner_client": 404,
        "anonymous_client": 302}),
    ("registration:local-staff-new", {
        "coordinator_client": 200, "dcc_member_client": 200, "post_a_client": 200,
        "post_b_client": 200, "call_team_client": 404, "partner_client": 404,
        "anonymous_client": 302}),
    ("registration:local-staff-import", {
        "coordinator_client": 200, "dcc_member_client": 200, "post_a_client": 404,
        "post_b_client": 404, "call_team_client": 404, "partner_client": 404,
        "anonymous_client": 302}),
    ("registration:local-staff-import-template", {
        "coordinator_client": 200, "dcc_member_client": 200, "post_a_client": 404,
        "post_b_client": 404, "call_team_client": 404, "partner_client": 404,
        "anonymous_client": 302}),
]  # fmt: skip
ROLES = list(PAGES[0][1])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_page_permissions(request: Any, role: str, name: str, expected: dict[str, int]) -> None:
    client = request.getfixturevalue(role)
    assert client.get(reverse(name)).status_code == expected[role]


# An embassy staff member of post A, and a mission interpreter (no post).
RECORD_ACCESS = {
    "coordinator_client": (200, 200),
    "dcc_member_client": (200, 200),
    "post_a_client": (200, 404),
    "post_b_client": (404, 404),
    "call_team_client": (404, 404),
    "partner_client": (404, 404),
}


@pytest.mark.parametrize("role", list(RECORD_ACCESS))
@pytest.mark.parametrize(
    "page", ["registration:local-staff-detail", "registration:local-staff-edit"]
)
def test_record_permissions(request: Any, role: str, page: str, post_a: Any) -> None:
    client = request.getfixturevalue(role)
    embassy = _employment(post_a, "KBL-1")
    mission = _employment(None, "TFU-1", family_name="Noori")
    expected_embassy, expected_mission = RECORD_ACCESS[role]
    assert client.get(reverse(page, args=[embassy.pk])).status_code == expected_embassy
    assert client.get(reverse(page, args=[mission.pk])).status_code == expected_mission
    # A made-up id looks exactly like a forbidden one.
    assert (
        client.get(reverse(page, args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    )


def test_post_staff_list_shows_only_their_post(
    post_a: Any, post_b: Any, post_a_client: Any
) -> None:
    _employment(post_a, "KBL-1", family_name="Alphaman")
    _employment(post_b, "CAI-1", family_name="Bravoman")
    _employment(None, "TFU-1", family_name="Missionman")
    page = post_a_client.get(reverse("registration:local-staff-list")).content.decode()
    assert "Alphaman" in page and "Bravoman" not in page and "Missionman" not in page


# The register -----------------------------------------------------------------------------


def test_list_filters_and_search(post_a: Any, coordinator_client: Any) -> None:
    _employment(post_a, "KBL-1", family_name="Zazai", given_names="Gul")
    _employment(None, "TFU-7", family_name="Noori", given_names="Ahmad")
    url = reverse("registration:local-staff-list")
    assert "Noori" not in coordinator_client.get(url, {"employer": "embassy"}).content.decode()
    by_post = coordinator_client.get(url, {"post": post_a.pk}).content.decode()
    assert "Zazai" in by_post and "Noori" not in by_post
    by_mission = coordinator_client.get(url, {"mission": "tfu"}).content.decode()
    assert "Noori" in by_mission and "Zazai" not in by_mission
    assert "Zazai" not in search(coordinator_client, url, {"q": "TFU-7"}).content.decode()
    # Search by name finds spelling variants through the normalised name.
    found = search(coordinator_client, url, {"q": "zazay"}).content.decode()
    assert "Zazai" in found and "Noori" not in found
    assert (
        "No staff members match."
        in coordinator_client.get(url, {"role": "interpreter"}).content.decode()
    )


def test_list_query_count_does_not_grow_with_rows(
    coordinator_client: Any, coordinator: Any, post_a: Any, django_assert_max_num_queries: Any
) -> None:
    url = reverse("registration:local-staff-list")

    def add(count: int, start: int) -> None:
        for i in range(start, start + count):
            _employment(post_a if i % 2 else None, f"R-{i}", family_name=f"Name{i}")

    add(5, 0)
    # session, user, DCC permissions (user, group), posts for the filter, count, page rows,
    # permissions of the links, audit insert (+ savepoint)
    with django_assert_max_num_queries(14) as small:
        assert coordinator_client.get(url).status_code == 200
    add(10, 5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = coordinator_client.get(url)
    assert "15 staff members" in page.content.decode()
    assert PersonalDataView.objects.filter(view_name="registration:local-staff-list").exists()


FAMILY = {
    "family-TOTAL_FORMS": "2",
    "family-INITIAL_FORMS": "0",
    "family-MIN_NUM_FORMS": "0",
    "family-MAX_NUM_FORMS": "20",
}


def _staff_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "given_names": "Farid",
        "family_name": "Sultani",
        "date_of_birth": "1984-02-03",
        "sex": "male",
        "nationalities": "af",
        "phone": "+93 700 000 111",
        "email": "",
        "employer": "defence",
        "post": "",
        "mission": "TFU Uruzgan",
        "employer_reference": "TFU-100",
        "contract_type": "freelance",
        "role": "interpreter",
        "start_date": "2007-01-01",
        "end_date": "2010-01-01",
        **FAMILY,
    }
    data.update(overrides)
    return data


def test_register_with_family_members_creates_ties_on_both_sides(
    coordinator_client: Any,
) -> None:
    data = _staff_data(
        **{
            "family-0-given_names": "Laila",
            "family-0-family_name": "Sultani",
            "family-0-date_of_birth": "1986-05-05",
            "family-0-kind": "spouse",
            "family-1-given_names": "Omid",
            "family-1-family_name": "Sultani",
            "family-1-date_of_birth": "2012-09-09",
            "family-1-kind": "child",
            "family-1-dependent": "on",
        }
    )
    response = coordinator_client.post(reverse("registration:local-staff-new"), data)
    assert response.status_code == 302, response.content.decode()
    employment = LocalStaffEmployment.objects.get(employer_reference="TFU-100")
    staff = employment.person
    assert staff.nationalities == ["AF"] and employment.mission == "TFU Uruzgan"
    ties = {t.related_person.given_names: t for t in FamilyTie.objects.filter(person=staff)}
    assert ties["Laila"].kind == "spouse" and ties["Omid"].kind == "child"
    assert ties["Omid"].dependent
    # ... and seen from the family members.
    assert FamilyTie.objects.get(person=ties["Omid"].related_person).kind == "parent"
    assert FamilyTie.objects.get(person=ties["Laila"].related_person).kind == "spouse"
    detail = coordinator_client.get(response["Location"]).content.decode()
    assert "Laila Sultani" in detail and "Omid Sultani" in detail and "dependent" in detail
    assert PersonalDataView.objects.filter(
        view_name="registration:local-staff-detail", object_ids__contains=[str(staff.pk)]
    ).exists()


def test_bad_input_is_shown_in_the_form_and_nothing_is_written(
    coordinator_client: Any, post_a: Any
) -> None:
    url = reverse("registration:local-staff-new")
    # A mission without its name; an embassy without a post; a family member without a
    # relation; an end before the start.
    cases = [
        _staff_data(mission=""),
        _staff_data(employer="embassy"),
        _staff_data(**{"family-0-family_name": "Sultani"}),
        _staff_data(start_date="2010-01-01", end_date="2009-01-01"),
        _staff_data(nationalities="AF, QQ"),
    ]
    for data in cases:
        page = coordinator_client.post(url, data)
        assert page.status_code == 200 and 'aria-invalid="true"' in page.content.decode()
    assert not Person.objects.exists()
    # A reference the employer already registered is refused, not overwritten.
    _employment(None, "TFU-100", family_name="Other")
    page = coordinator_client.post(url, _staff_data())
    assert "already registered a staff member with this reference" in page.content.decode()
    assert LocalStaffEmployment.objects.get().person.family_name == "Other"


def test_post_staff_register_only_for_their_own_post(
    post_a: Any, post_b: Any, post_a_client: Any
) -> None:
    url = reverse("registration:local-staff-new")
    form = post_a_client.get(url).content.decode()
    assert "Embassy Alpha" in form and "Embassy Bravo" not in form
    assert 'value="defence"' not in form
    data = _staff_data(employer="embassy", mission="", post=str(post_b.pk))
    assert post_a_client.post(url, data).status_code == 200
    assert post_a_client.post(url, _staff_data()).status_code == 200  # Defence: not theirs
    assert not LocalStaffEmployment.objects.exists()
    response = post_a_client.post(url, {**data, "post": str(post_a.pk)})
    assert response.status_code == 302
    assert LocalStaffEmployment.objects.get().post == post_a


def test_likely_duplicate_must_be_confirmed_as_a_different_person(
    coordinator_client: Any,
) -> None:
    existing = make_person("Sultani", "Fareed", date_of_birth=date(1984, 2, 3))
    url = reverse("registration:local-staff-new")
    page = coordinator_client.post(url, _staff_data())
    text = page.content.decode()
    assert page.status_code == 200 and "Possible duplicates" in text
    assert "Fareed Sultani" in text and "confirm that this is a different person" in text
    assert not LocalStaffEmployment.objects.exists()
    # Sending again without ticking the box saves nothing either.
    page = coordinator_client.post(url, {**_staff_data(), "duplicates_shown": "1"})
    assert page.status_code == 200 and not LocalStaffEmployment.objects.exists()
    response = coordinator_client.post(
        url, {**_staff_data(), "duplicates_shown": "1", "confirm_different_person": "on"}
    )
    assert response.status_code == 302
    assert Person.objects.count() == 2 and Person.objects.filter(pk=existing.pk).exists()


def test_post_staff_are_not_shown_duplicates_they_may_not_see(
    post_a_client: Any, post_a: Any
) -> None:
    make_person("Sultani", "Fareed", date_of_birth=date(1984, 2, 3))
    data = _staff_data(employer="embassy", mission="", post=str(post_a.pk))
    response = post_a_client.post(reverse("registration:local-staff-new"), data)
    assert response.status_code == 302  # nothing they may see: saved at once


def test_edit_corrects_and_adds_a_family_member(coordinator_client: Any) -> None:
    employment = _employment(None, "TFU-1", family_name="Noori", given_names="Ahmad")
    url = reverse("registration:local-staff-edit", args=[employment.pk])
    form = coordinator_client.get(url).content.decode()
    assert 'value="Noori"' in form and 'value="TFU-1"' in form
    data = _staff_data(
        given_names="Ahmad",
        family_name="Noori",
        date_of_birth="",
        employer_reference="TFU-1B",
        **{"family-0-family_name": "Noori", "family-0-given_names": "Sara",
           "family-0-kind": "sibling"},
    )  # fmt: skip
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    employment.refresh_from_db()
    assert employment.employer_reference == "TFU-1B" and employment.role == "interpreter"
    assert LocalStaffEmployment.objects.count() == 1
    assert FamilyTie.objects.get(person=employment.person).kind == "sibling"


def test_detail_query_count_does_not_grow_with_family(
    coordinator_client: Any, django_assert_max_num_queries: Any
) -> None:
    from registration.services import family_tie_add

    employment = _employment(None, "TFU-1", family_name="Noori")
    url = reverse("registration:local-staff-detail", args=[employment.pk])

    def add(count: int) -> None:
        for _ in range(count):
            relative = make_person("Noori", f"Child{Person.objects.count()}")
            family_tie_add(
                actor=None, person=employment.person, related_person=relative, kind="child"
            )

    add(1)
    # session, user, staff profile, second factor, permissions (user, group), the
    # employment with person and post, the ties with their persons, the audit insert (with
    # pghistory's context), unread notifications, the session save (savepoint, release)
    with django_assert_max_num_queries(13) as small:
        assert coordinator_client.get(url).status_code == 200
    add(3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = coordinator_client.get(url)
    assert page.content.decode().count("<li>Child: Child") == 4


def test_saving_a_corrected_phone_does_not_ask_about_duplicates_again(
    coordinator_client: Any,
) -> None:
    employment = _employment(None, "TFU-100", family_name="Sultani", given_names="Farid",
                             date_of_birth=date(1984, 2, 3))  # fmt: skip
    make_person("Sultani", "Fareed", date_of_birth=date(1984, 2, 3))
    url = reverse("registration:local-staff-edit", args=[employment.pk])
    response = coordinator_client.post(url, _staff_data(phone="+93 700 999 999"))
    assert response.status_code == 302
    employment.person.refresh_from_db()
    assert employment.person.phone == "+93 700 999 999"
    # A changed name is checked again.
    page = coordinator_client.post(url, _staff_data(given_names="Fared"))
    assert page.status_code == 200 and "Possible duplicates" in page.content.decode()


# Import -----------------------------------------------------------------------------------


def test_file_with_errors_shows_every_error_and_writes_nothing(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    upload = _upload(
        coordinator_client, django_capture_on_commit_callbacks, "staff.csv", _csv(BAD_ROWS)
    )
    page = coordinator_client.get(reverse("registration:local-staff-upload", args=[upload.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="summary-rows">4<' in text and 'data-testid="summary-valid">2<' in text
    assert 'data-testid="summary-error-rows">2<' in text
    for row, column in [(3, "employer"), (3, "contract_type"), (3, "nationalities"),
                        (5, "end_date")]:  # fmt: skip
        assert (
            f'<td class="utrecht-table__cell">{row}</td><td class="utrecht-table__cell"><code>{column}</code>'
            in text
        )
    # Import all: refused while rows have errors; nothing written.
    upload = _apply(coordinator_client, django_capture_on_commit_callbacks, upload)
    assert upload.status == LocalStaffImportStatus.VALIDATED
    assert not Person.objects.exists() and not LocalStaffEmployment.objects.exists()
    # All errors as CSV.
    download = coordinator_client.get(
        reverse("registration:local-staff-upload-errors", args=[upload.pk])
    )
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert lines[0] == "row,column,error" and len(lines) == 1 + upload.error_count
    assert upload.error_count == 4


def test_only_the_valid_rows_imports_exactly_those_and_reimport_creates_nothing(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    upload = _upload(coordinator_client, capture, "staff.csv", _csv(BAD_ROWS))
    upload = _apply(coordinator_client, capture, upload, only_valid_rows="on")
    assert upload.status == LocalStaffImportStatus.APPLIED
    assert upload.result == {"created": 2, "updated": 0, "skipped": 2}
    assert set(LocalStaffEmployment.objects.values_list("employer_reference", flat=True)) == {
        "TFU-1",
        "KBL-2",
    }
    assert upload.content in (b"", memoryview(b"")) or bytes(upload.content) == b""
    result = coordinator_client.get(reverse("registration:local-staff-upload", args=[upload.pk]))
    assert 'data-testid="result-created">2<' in result.content.decode()
    # The corrected file: all rows valid, two already there (updated), none twice.
    fixed = _upload(coordinator_client, capture, "staff.csv", _csv(GOOD_ROWS))
    assert fixed.error_row_count == 0 and fixed.existing_count == 2
    assert fixed.duplicate_row_count == 0  # the rows it updates are not duplicates of themselves
    fixed = _apply(coordinator_client, capture, fixed)
    assert fixed.result == {"created": 1, "updated": 2, "skipped": 0}
    again = _apply(
        coordinator_client,
        capture,
        _upload(coordinator_client, capture, "staff.csv", _csv(GOOD_ROWS)),
    )
    assert again.result == {"created": 0, "updated": 3, "skipped": 0}
    assert LocalStaffEmployment.objects.count() == 3 and Person.objects.count() == 3
    page = coordinator_client.get(reverse("registration:local-staff-list")).content.decode()
    assert "Haidari" in page and "Noori" in page and "Zazai" in page


def test_duplicate_candidates_are_reported_never_merged(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    existing = make_person("Noori", "Ahmed", date_of_birth=date(1980, 1, 1))
    upload = _upload(coordinator_client, capture, "staff.csv", _csv(GOOD_ROWS[:1]))
    assert upload.duplicate_row_count == 1
    page = coordinator_client.get(reverse("registration:local-staff-upload", args=[upload.pk]))
    assert "Possible duplicates" in page.content.decode()
    assert "Ahmed Noori" in page.content.decode()
    upload = _apply(coordinator_client, capture, upload)
    assert upload.result["created"] == 1
    assert Person.objects.count() == 2 and Person.objects.filter(pk=existing.pk).exists()


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet: Any = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_imports_and_a_truncated_one_gets_a_clear_message(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    content = _xlsx(
        [HEADER.strip().split(","),
         ["embassy", "KBL-9", "employment", "driver", None, date(2015, 1, 1), None, "Gul",
          "Zazai", None, "female", "AF"]]
    )  # fmt: skip
    upload = _upload(coordinator_client, capture, "staff.xlsx", content)
    assert upload.valid_count == 1
    truncated = _upload(coordinator_client, capture, "staff.xlsx", content[: len(content) // 2])
    page = coordinator_client.get(reverse("registration:local-staff-upload", args=[truncated.pk]))
    text = page.content.decode()
    assert "The file cannot be read; is it a complete CSV or XLSX file?" in text
    assert "Import all" not in text and "Import the valid rows" not in text


def test_csv_with_bom_and_semicolons_is_read(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = ("\ufeff" + HEADER.replace(",", ";") + GOOD_ROWS[1].replace(",", ";")).encode()
    upload = _upload(coordinator_client, django_capture_on_commit_callbacks, "staff.csv", content)
    assert not upload.file_errors and upload.valid_count == 1 and upload.error_count == 0
    page = coordinator_client.get(reverse("registration:local-staff-upload", args=[upload.pk]))
    assert "Import all 1 rows" in page.content.decode() or "Import the row" in page.content.decode()


def test_wrong_headers_and_files_refused_at_upload(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    upload = _upload(
        coordinator_client, django_capture_on_commit_callbacks, "staff.csv", b"name,surname\nA,B\n"
    )
    text = coordinator_client.get(
        reverse("registration:local-staff-upload", args=[upload.pk])
    ).content.decode()
    assert "Missing columns: employer" in text and "Unknown columns: name, surname" in text
    url = reverse("registration:local-staff-import")
    page = coordinator_client.post(url, {"file": SimpleUploadedFile("staff.pdf", b"%PDF-1.4")})
    assert page.status_code == 200 and "Upload a .csv or .xlsx file." in page.content.decode()
    settings.LOCAL_STAFF_IMPORT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("staff.csv", _csv(GOOD_ROWS) + b"x" * (1024 * 1024))
    page = coordinator_client.post(url, {"file": big})
    assert "larger than 1 MB" in page.content.decode()
    assert LocalStaffImportUpload.objects.count() == 1


def test_preview_shows_the_first_errors_and_offers_all_as_csv(
    coordinator_client: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
    django_assert_max_num_queries: Any,
) -> None:
    from registration.views import local_staff as views

    monkeypatch.setattr(views, "ERRORS_SHOWN", 10)
    rows = [f"navy,N-{i},employment,driver,,,,A,B,,,\n" for i in range(30)]
    upload = _upload(coordinator_client, django_capture_on_commit_callbacks, "s.csv", _csv(rows))
    url = reverse("registration:local-staff-upload", args=[upload.pk])
    with django_assert_max_num_queries(12):
        text = coordinator_client.get(url).content.decode()
    assert "The first 10 of 30 errors are shown." in text and "Download all 30 errors" in text
    assert text.count("<code>employer</code></td>") == 10


def test_upload_of_another_user_is_404(
    coordinator_client: Any, dcc_member_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    upload = _upload(coordinator_client, capture, "staff.csv", _csv(GOOD_ROWS))
    for name in ("local-staff-upload", "local-staff-upload-errors"):
        url = reverse(f"registration:{name}", args=[upload.pk])
        assert dcc_member_client.get(url).status_code == 404
    apply_url = reverse("registration:local-staff-upload-apply", args=[upload.pk])
    with capture(execute=False) as callbacks:
        assert dcc_member_client.post(apply_url).status_code == 404
    assert not callbacks
    upload.refresh_from_db()
    assert upload.status == LocalStaffImportStatus.VALIDATED


def test_progress_page_while_the_worker_checks(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        coordinator_client.post(
            reverse("registration:local-staff-import"),
            {"file": SimpleUploadedFile("staff.csv", _csv(GOOD_ROWS))},
        )
    upload = LocalStaffImportUpload.objects.get()
    url = reverse("registration:local-staff-upload", args=[upload.pk])
    assert "Still checking every row" in coordinator_client.get(url).content.decode()
    partial = coordinator_client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in partial.content.decode()
    local_staff_import_upload_validate(upload_id=upload.pk)
    done = coordinator_client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_template_has_the_header_row(coordinator_client: Any) -> None:
    response = coordinator_client.get(reverse("registration:local-staff-import-template"))
    assert response.content.decode().strip() == HEADER.strip() + ",phone,email"


def test_old_uploads_are_purged(coordinator: Any, coordinator_client: Any) -> None:
    old = LocalStaffImportUpload.objects.create(
        filename="a.csv", content=b"x", size=1, uploaded_by=coordinator
    )
    LocalStaffImportUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    fresh = LocalStaffImportUpload.objects.create(
        filename="b.csv", content=b"x", size=1, uploaded_by=coordinator
    )
    assert local_staff_import_uploads_purge() == 1
    assert list(LocalStaffImportUpload.objects.all()) == [fresh]


@pytest.mark.worker
def test_preview_and_import_run_in_a_real_worker(celery_worker: Any, client_for: Any) -> None:
    from tests.factories import make_staff

    user = make_staff("importer@dcc.example", is_dcc=True)
    client = client_for(user)
    response = client.post(
        reverse("registration:local-staff-import"),
        {"file": SimpleUploadedFile("staff.csv", _csv(GOOD_ROWS))},
    )
    upload = LocalStaffImportUpload.objects.get()
    assert response.status_code == 302

    def wait_for(status: str) -> None:
        for _ in range(150):
            upload.refresh_from_db()
            if upload.status == status:
                return
            time.sleep(0.2)
        raise AssertionError(f"upload stayed {upload.status}")

    wait_for(LocalStaffImportStatus.VALIDATED)
    assert upload.valid_count == 3
    client.post(reverse("registration:local-staff-upload-apply", args=[upload.pk]))
    wait_for(LocalStaffImportStatus.APPLIED)
    assert upload.result == {"created": 3, "updated": 0, "skipped": 0}
    assert LocalStaffEmployment.objects.count() == 3
