"""How a view calls a service and shows its refusal (a ValidationError) to the person who asked.

Every page that posts to a service has one of two shapes, each written once here:
- a form: bind it, call the service with its cleaned data, then a message and a redirect; when
  the form or the service refuses, the page again with the errors in the form (form_action);
- an action without a form (a button): call the service, then a message either way and back
  to the page (service_action).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise

ResultT = TypeVar("ResultT")
SuccessMessage = str | Promise | Callable[[Any], str] | None


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal in the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def message_service_error(request: HttpRequest, error: ValidationError) -> None:
    """Show a service's refusal as a message on the next page (actions without a form)."""
    messages.error(request, " ".join(error.messages))


def _message_success(request: HttpRequest, success: SuccessMessage, result: Any) -> None:
    if success is not None:
        messages.success(request, success(result) if callable(success) else str(success))


def form_action(
    request: HttpRequest,
    form: forms.BaseForm,
    service: Callable[[dict[str, Any]], ResultT],
    *,
    redirect_to: Callable[[ResultT], HttpResponse],
    success: SuccessMessage = None,
) -> HttpResponse | None:
    """When the form is posted and valid, call service(cleaned_data); on success show success
    (a text, or a function of the result) and answer redirect_to(result). None when nothing
    was posted or the form or the service refused (the errors are in the form): the caller
    renders its page again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    _message_success(request, success, result)
    return redirect_to(result)


def service_action(
    request: HttpRequest,
    service: Callable[[], ResultT],
    *,
    success: SuccessMessage = None,
    refusal: Callable[[ValidationError], str] | None = None,
) -> ResultT | None:
    """Call a form-less action's service: its result, or None when it refused, with the
    refusal (its messages, or refusal(error)) shown on the next page."""
    try:
        result = service()
    except ValidationError as error:
        if refusal is None:
            message_service_error(request, error)
        else:
            messages.error(request, refusal(error))
        return None
    _message_success(request, success, result)
    return result
