"""Bulk import of the local staff register from CSV or XLSX (back-filling from archives).

Two steps: `local_staff_import_preview` parses and validates every row and reports every
error by row and column, plus duplicate candidates; `local_staff_import_apply` writes in one
transaction, all rows or (only when the user chose so) the valid rows. Rows are upserted on
the employer's reference, so importing the same file again creates nothing new.
"""

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_countries import countries

from registration.models import (
    ContractType,
    Employer,
    LocalStaffEmployment,
    LocalStaffRole,
    PersonSource,
    Sex,
)
from registration.selectors.persons import person_duplicate_candidates
from registration.services.local_staff import LOCAL_STAFF_PERSON_FIELDS, local_staff_upsert

COLUMNS = [
    "employer",
    "employer_reference",
    "contract_type",
    "role",
    "mission",
    "start_date",
    "end_date",
    *LOCAL_STAFF_PERSON_FIELDS,
]
REQUIRED = {"employer", "employer_reference", "contract_type", "role", "family_name"}
MAX_ROWS = 200_000
# The longest value each text column may hold (the model's max_length).
MAX_LENGTHS = {
    "employer_reference": 100,
    "mission": 200,
    "given_names": 200,
    "family_name": 200,
    "phone": 40,
    "email": 254,
}
# Existing employments are looked up this many references at a time.
LOOKUP_CHUNK = 2000
PROGRESS_EVERY = 1000


@dataclass
class ImportError_:
    row: int  # 1-based line number in the file, the header being row 1
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    data: dict[str, Any]
    errors: list[ImportError_] = field(default_factory=list)
    duplicates: list[Any] = field(default_factory=list)
    # The person of the employment this row updates (same employer and reference), if any.
    existing_person_id: Any = None


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    file_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportError_]:
        return [error for row in self.rows for error in row.errors]

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.errors]


def _read_csv(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")  # a BOM from Excel is not part of the first header
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _validate_row(number: int, raw: dict[str, Any]) -> ImportRow:
    row = ImportRow(row=number, data={})
    values = {k: ("" if v is None else v) for k, v in raw.items()}

    def fail(column: str, message: str) -> None:
        row.errors.append(ImportError_(row=number, column=column, message=message))

    for column in REQUIRED:
        if not str(values.get(column, "")).strip():
            fail(column, _("This field is required."))
    choices = {
        "employer": Employer.values,
        "contract_type": ContractType.values,
        "role": LocalStaffRole.values,
        "sex": Sex.values,
    }
    for column, allowed in choices.items():
        value = str(values.get(column, "")).strip().lower()
        if value and value not in allowed:
            fail(
                column,
                _("Unknown code “%(value)s”; use one of: %(codes)s")
                % {"value": value, "codes": ", ".join(allowed)},
            )
        row.data[column] = value
    for column in ("start_date", "end_date", "date_of_birth"):
        value = values.get(column, "")
        if value in ("", None):
            row.data[column] = None
            continue
        try:
            row.data[column] = _parse_date(value)
        except ValueError:
            fail(column, _("Not a date (use YYYY-MM-DD)."))
            row.data[column] = None
    if (
        row.data["start_date"]
        and row.data["end_date"]
        and row.data["end_date"] < row.data["start_date"]
    ):
        fail("end_date", _("The end of employment is before its start."))
    nationalities = [
        code.strip().upper()
        for code in str(values.get("nationalities", "")).replace(";", ",").split(",")
        if code.strip()
    ]
    for code in nationalities:
        if not countries.alpha2(code):
            fail("nationalities", _("Unknown country code: %(code)s") % {"code": code})
    row.data["nationalities"] = nationalities
    for column in ("employer_reference", "mission", "given_names", "family_name", "phone", "email"):
        row.data[column] = str(values.get(column, "")).strip()
        if len(row.data[column]) > MAX_LENGTHS[column]:
            fail(
                column,
                _("Too long: at most %(limit)s characters.") % {"limit": MAX_LENGTHS[column]},
            )
    # Checked here as person_create would, so a row the preview passes also imports.
    if row.data["email"]:
        try:
            validate_email(row.data["email"])
        except ValidationError:
            fail("email", _("Not an email address."))
    if row.data["date_of_birth"] and row.data["date_of_birth"] > date.today():
        fail("date_of_birth", _("The date of birth is in the future."))
    return row


def _mark_existing(rows: list[ImportRow]) -> None:
    """Note which rows update an employment already registered (a re-import): their
    person is the one being updated, not a duplicate candidate of the row."""
    keyed = [row for row in rows if row.data["employer"] and row.data["employer_reference"]]
    for start in range(0, len(keyed), LOOKUP_CHUNK):
        chunk = keyed[start : start + LOOKUP_CHUNK]
        condition = Q()
        for row in chunk:
            condition |= Q(
                employer=row.data["employer"], employer_reference=row.data["employer_reference"]
            )
        existing = {
            (employer, reference): person_id
            for employer, reference, person_id in LocalStaffEmployment.objects.filter(
                condition
            ).values_list("employer", "employer_reference", "person_id")
        }
        for row in chunk:
            row.existing_person_id = existing.get(
                (row.data["employer"], row.data["employer_reference"])
            )


def local_staff_import_preview(
    *,
    filename: str,
    content: bytes,
    find_duplicates: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportPreview:
    """Parse and validate the whole file without writing anything.

    `on_progress(done, total)` is called every PROGRESS_EVERY rows (a page shows it while
    a big file is checked)."""
    try:
        if filename.lower().endswith(".xlsx"):
            table = _read_xlsx(content)
        elif filename.lower().endswith(".csv"):
            table = _read_csv(content)
        else:
            return ImportPreview(rows=[], file_errors=[_("Upload a .csv or .xlsx file.")])
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, UnicodeDecodeError):
        return ImportPreview(
            rows=[], file_errors=[_("The file cannot be read; is it a complete CSV or XLSX file?")]
        )
    table = [r for r in table if any(str(c).strip() for c in r if c is not None)]
    if not table:
        return ImportPreview(rows=[], file_errors=[_("The file is empty.")])
    header = [str(c or "").strip().lower().replace(" ", "_") for c in table[0]]
    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    file_errors = []
    if missing:
        file_errors.append(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        file_errors.append(_("Unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    if len(table) - 1 > MAX_ROWS:
        file_errors.append(_("Too many rows; split the file."))
    if file_errors:
        return ImportPreview(rows=[], file_errors=file_errors)
    rows: list[ImportRow] = []
    seen: dict[tuple[str, str], int] = {}
    for index, values in enumerate(table[1:], start=2):
        raw = {header[i]: values[i] if i < len(values) else "" for i in range(len(header))}
        row = _validate_row(index, raw)
        key = (row.data["employer"], row.data["employer_reference"])
        if key in seen:
            row.errors.append(
                ImportError_(
                    index,
                    "employer_reference",
                    _("Same reference as row %(row)s.") % {"row": seen[key]},
                )
            )
        seen.setdefault(key, index)
        rows.append(row)
    _mark_existing(rows)
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        if find_duplicates and not row.errors:
            row.duplicates = person_duplicate_candidates(
                given_names=row.data["given_names"],
                family_name=row.data["family_name"],
                date_of_birth=row.data["date_of_birth"],
                exclude=[row.existing_person_id] if row.existing_person_id else [],
                limit=3,
            )
        if on_progress and (done % PROGRESS_EVERY == 0 or done == total):
            on_progress(done, total)
    return ImportPreview(rows=rows)


@transaction.atomic
def local_staff_import_apply(
    *, actor: Any, preview: ImportPreview, only_valid_rows: bool = False
) -> dict[str, int]:
    """Write the previewed rows. With any invalid row nothing is written unless the user
    explicitly chose to import only the valid rows."""
    if preview.file_errors or not preview.rows:
        raise ValidationError(_("The file has errors; nothing was imported."))
    if preview.errors and not only_valid_rows:
        raise ValidationError(_("Some rows have errors; nothing was imported."))
    created = updated = 0
    for row in preview.valid_rows:
        data = row.data
        person_data = {
            "given_names": data["given_names"],
            "family_name": data["family_name"],
            "date_of_birth": data["date_of_birth"],
            "nationalities": data["nationalities"],
            "phone": data["phone"],
            "email": data["email"],
        }
        if data["sex"]:
            person_data["sex"] = data["sex"]
        try:
            _employment, was_created = local_staff_upsert(
                actor=actor,
                employer=data["employer"],
                reference=data["employer_reference"],
                person_data=person_data,
                contract_type=data["contract_type"],
                role=data["role"],
                mission=data["mission"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                source=PersonSource.IMPORT,
            )
        except ValidationError as error:
            # The whole import rolls back; say which row stopped it.
            raise ValidationError(
                _("Row %(row)s: %(errors)s; nothing was imported.")
                % {"row": row.row, "errors": " ".join(error.messages)}
            ) from error
        created += was_created
        updated += not was_created
    return {
        "created": created,
        "updated": updated,
        "skipped": len(preview.rows) - len(preview.valid_rows),
    }
