"""Small pieces the registration pages share."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, StreamingHttpResponse

from crisisportal.views.forms_support import add_service_errors, message_service_error

# Rows per page of the staff lists.
PAGE_SIZE = 50


@contextmanager
def service_errors_in_form(form: forms.BaseForm) -> Iterator[None]:
    """Run a service call (and the redirect after it) in this block: when the service
    refuses, its errors show in form and the view goes on to render the form again."""
    try:
        yield
    except ValidationError as error:
        add_service_errors(form, error)


@contextmanager
def service_errors_as_message(request: HttpRequest) -> Iterator[None]:
    """As service_errors_in_form, for actions without a form: the refusal shows as a
    message on the next page."""
    try:
        yield
    except ValidationError as error:
        message_service_error(request, error)


def csv_download(rows: Iterable[str], filename: str) -> StreamingHttpResponse:
    """Stream CSV lines (see crisisportal.csv_export.Echo) as a download that no cache keeps:
    the files hold personal data."""
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
