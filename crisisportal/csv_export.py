"""Helpers for the streamed CSV exports of the portal's lists (evacuation, registration)."""

from collections.abc import Iterable
from typing import Any

from django.http import StreamingHttpResponse

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@")


class Echo:
    """A file-like object whose write() returns the line: csv.writer(Echo()).writerow(row)
    gives the CSV text of one row, so a generator can stream rows one at a time."""

    def write(self, value: str) -> str:
        return value


def csv_safe(value: Any) -> str:
    """Neutralise spreadsheet formulas in values that came from the public: a leading
    apostrophe makes the spreadsheet show the cell as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_PREFIXES else text


def csv_download(rows: Iterable[str], filename: str) -> StreamingHttpResponse:
    """Stream CSV lines (see Echo) as a download that no cache keeps: the files hold
    personal data."""
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
