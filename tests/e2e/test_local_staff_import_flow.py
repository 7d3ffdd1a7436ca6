"""A DCC member imports a local staff file from the archives: the first upload has errors,
shown by row and column; the corrected file is imported (checked and written by a real
Celery worker) and its staff appear in the register. axe-core on every page on the way."""

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, login_with_second_factor
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = (
    "employer,employer_reference,contract_type,role,mission,start_date,end_date,"
    "given_names,family_name,date_of_birth,sex,nationalities\n"
)
GOOD = [
    "defence,TFU-1,freelance,interpreter,TFU Uruzgan,2006-08-01,2010-08-01,Ahmad,Noori,1980-01-01,male,AF\n",
    "embassy,KBL-2,employment,driver,,2015-01-01,,Gul,Zazai,,female,AF\n",
    "police,EUPOL-3,employment,security,EUPOL,2012-05-01,2014-05-01,Wali,Haidari,1975-06-30,male,AF\n",
]
# Row 3: an unknown employer; row 4: a date that is not a date.
WITH_ERRORS = [
    GOOD[0],
    GOOD[1].replace("embassy", "navy"),
    GOOD[2].replace("2012-05-01", "first of May"),
]


def _file(rows: list[str]) -> dict[str, Any]:
    return {
        "name": "staff.csv",
        "mimeType": "text/csv",
        "buffer": (HEADER + "".join(rows)).encode(),
    }


def test_import_a_file_with_errors_fix_it_and_import_it(
    page: Any, live_server: Any, celery_worker: Any
) -> None:
    member = make_staff("daan@dcc.example", is_dcc=True, first_name="Daan", last_name="Member")
    login_with_second_factor(page, live_server, member, PASSWORD)

    page.goto(f"{live_server.url}/registration/local-staff")
    assert_accessible(page)
    page.get_by_role("link", name="Import a file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import local staff")
    expect(page.get_by_test_id("import-columns")).to_contain_text("interpreter")
    assert_accessible(page)

    # The archive file has errors: the worker checks it, the page shows each one.
    page.get_by_label("File (required)", exact=True).set_input_files(_file(WITH_ERRORS))
    page.get_by_role("button", name="Upload and check").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("summary-rows")).to_have_text("3")
    expect(page.get_by_test_id("summary-error-rows")).to_have_text("2")
    employer_error = errors.get_by_role("row").filter(has_text="employer")
    expect(employer_error).to_contain_text("3")
    expect(employer_error).to_contain_text("Unknown code “navy”")
    date_error = errors.get_by_role("row").filter(has_text="start_date")
    expect(date_error).to_contain_text("4")
    expect(date_error).to_contain_text("Not a date")
    # All or nothing: there is no "import all" while rows have errors.
    expect(page.get_by_role("button", name="Import all 3 rows")).to_have_count(0)
    assert_accessible(page)

    # The corrected file is imported.
    page.get_by_role("link", name="Upload another file").click()
    page.get_by_label("File (required)", exact=True).set_input_files(_file(GOOD))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_test_id("summary-valid")).to_have_text("3", timeout=30_000)
    expect(page.get_by_test_id("import-errors")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Import all 3 rows").click()
    expect(page.get_by_test_id("result-created")).to_have_text("3", timeout=30_000)
    expect(page.get_by_test_id("result-skipped")).to_have_text("0")
    assert_accessible(page)

    # The staff are in the register.
    page.get_by_role("link", name="Local staff register").click()
    table = page.get_by_test_id("staff-table")
    for name in ("Noori, Ahmad", "Zazai, Gul", "Haidari, Wali"):
        expect(table.get_by_role("link", name=name)).to_be_visible()
    assert_accessible(page)
    table.get_by_role("link", name="Noori, Ahmad").click()
    expect(page.get_by_test_id("staff-employment")).to_contain_text("TFU Uruzgan")
    assert_accessible(page)


def test_post_registers_a_staff_member_with_family(page: Any, live_server: Any) -> None:
    """Post staff register their embassy's driver with a dependent child; a likely duplicate
    is shown first and confirmed as a different person."""
    from datetime import date

    from crisisportal.services.posts import post_staff_add
    from tests.factories import PostFactory
    from tests.registration.factories import make_person

    post: Any = PostFactory(name="Embassy Kabul", country="AF", city="Kabul")
    staff = make_staff("sara@kabul.example", first_name="Sara", last_name="Post")
    post_staff_add(actor=None, post=post, user=staff)
    # Someone with a similar name on the post's own register (a colleague's brother, say).
    make_person("Zazai", "Gull", date_of_birth=date(1990, 4, 1))
    from registration.services.local_staff import local_staff_upsert

    local_staff_upsert(
        actor=None,
        employer="embassy",
        reference="KBL-1",
        person_data={
            "family_name": "Zazai",
            "given_names": "Gull",
            "date_of_birth": date(1990, 4, 1),
        },
        contract_type="employment",
        role="security",
        post=post,
    )
    login_with_second_factor(page, live_server, staff, PASSWORD)
    page.goto(f"{live_server.url}/registration/local-staff")
    page.get_by_role("link", name="Register a local staff member").click()
    assert_accessible(page)
    page.get_by_label("Given names", exact=True).first.fill("Gul")
    page.get_by_label("Family name (required)", exact=True).fill("Zazai")
    page.get_by_label("Date of birth", exact=True).first.fill("1990-04-01")
    page.get_by_label("Post", exact=True).select_option(label="Embassy Kabul")
    page.get_by_label("Employer's reference (required)", exact=True).fill("KBL-7")
    page.get_by_label("Role (required)", exact=True).select_option("driver")
    member = page.get_by_test_id("family-member").first
    member.get_by_label("Given names").fill("Mina")
    member.get_by_label("Family name").fill("Zazai")
    member.get_by_label("Relation to the staff member").select_option("child")
    member.get_by_label("Dependent (a child)").check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_test_id("duplicate-candidates")).to_contain_text("Gull Zazai")
    assert_accessible(page)
    page.get_by_label("This is a different person from the possible duplicates listed").check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("The local staff member has been registered.")).to_be_visible()
    expect(page.get_by_test_id("staff-family")).to_contain_text("Child: Mina Zazai")
    expect(page.get_by_test_id("staff-employment")).to_contain_text("Embassy Kabul")
    assert_accessible(page)
