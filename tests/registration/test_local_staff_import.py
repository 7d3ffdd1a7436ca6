import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from registration.models import LocalStaffEmployment, Person
from registration.services.local_staff_import import (
    local_staff_import_apply,
    local_staff_import_preview,
)
from tests.registration.factories import make_person

pytestmark = pytest.mark.django_db

HEADER = "employer,employer_reference,contract_type,role,mission,start_date,end_date,given_names,family_name,date_of_birth,sex,nationalities\n"
GOOD = [
    "defence,TFU-1,freelance,interpreter,TFU Uruzgan,2006-08-01,2010-08-01,Ahmad,Noori,1980-01-01,male,AF\n",
    "embassy,KBL-2,employment,driver,,2015-01-01,,Gul,Zazai,,female,AF\n",
]


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(lines)).encode()


def test_good_file_imports_and_reimport_creates_nothing_new(coordinator: Any) -> None:
    preview = local_staff_import_preview(filename="staff.csv", content=_csv(*GOOD))
    assert not preview.errors and len(preview.valid_rows) == 2
    assert local_staff_import_apply(actor=coordinator, preview=preview) == {
        "created": 2,
        "updated": 0,
        "skipped": 0,
    }
    again = local_staff_import_preview(filename="staff.csv", content=_csv(*GOOD))
    assert local_staff_import_apply(actor=coordinator, preview=again)["created"] == 0
    assert Person.objects.count() == 2 and LocalStaffEmployment.objects.count() == 2


def test_every_bad_row_is_reported_and_nothing_is_written(coordinator: Any) -> None:
    content = _csv(
        GOOD[0],
        "navy,X-1,permanent,pilot,,01-13-2020,,A,,notadate,robot,XX\n",
        "defence,TFU-1,freelance,interpreter,,2010-01-01,2009-01-01,B,C,,,\n",
    )
    preview = local_staff_import_preview(filename="staff.csv", content=content)
    found = {(e.row, e.column) for e in preview.errors}
    assert {
        (3, "employer"),
        (3, "contract_type"),
        (3, "role"),
        (3, "start_date"),
        (3, "family_name"),
        (3, "date_of_birth"),
        (3, "sex"),
        (3, "nationalities"),
        (4, "end_date"),
        (4, "employer_reference"),
    } <= found
    with pytest.raises(ValidationError):
        local_staff_import_apply(actor=coordinator, preview=preview)
    assert not Person.objects.exists()
    # Only when the user chooses: the valid rows.
    result = local_staff_import_apply(actor=coordinator, preview=preview, only_valid_rows=True)
    assert result == {"created": 1, "updated": 0, "skipped": 2}


def test_wrong_headers() -> None:
    preview = local_staff_import_preview(filename="staff.csv", content=b"name,surname\nA,B\n")
    assert preview.file_errors and not preview.rows


def test_csv_with_bom_and_semicolons() -> None:
    content = "\ufeff" + HEADER.replace(",", ";") + GOOD[1].replace(",", ";")
    preview = local_staff_import_preview(filename="staff.csv", content=content.encode("utf-8"))
    assert not preview.file_errors and not preview.errors
    assert preview.rows[0].data["employer"] == "embassy"


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_import_and_truncated_xlsx() -> None:
    from datetime import datetime

    content = _xlsx(
        [
            HEADER.strip().split(","),
            [
                "police",
                "P-1",
                "employment",
                "security",
                "EUPOL",
                datetime(2012, 1, 1),
                None,
                "Rahim",
                "Safi",
                None,
                "male",
                "AF",
            ],
        ]
    )
    preview = local_staff_import_preview(filename="staff.xlsx", content=content)
    assert not preview.errors and preview.rows[0].data["start_date"].year == 2012
    truncated = local_staff_import_preview(
        filename="staff.xlsx", content=content[: len(content) // 2]
    )
    assert truncated.file_errors and not truncated.rows
    assert local_staff_import_preview(filename="staff.pdf", content=b"x").file_errors


def test_duplicate_candidates_are_reported_not_merged() -> None:
    existing = make_person(given_names="Mohammad", family_name="Noori", birth_year=1980)
    line = "defence,TFU-9,freelance,interpreter,,,,Muhammad,Noori,1980-01-01,male,AF\n"
    preview = local_staff_import_preview(filename="staff.csv", content=_csv(line))
    assert [c.person for c in preview.rows[0].duplicates] == [existing]
