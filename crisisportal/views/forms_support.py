"""How a view calls a service and shows its refusal (a ValidationError) to the person who asked.

The pages of every app post to services in a few shapes, each written once here:
- a form: bind it, call the service with its cleaned data, then a message and a redirect; when
  the form or the service refuses, the page again with the errors in the form (form_action);
- an action without a form (a button): call the service, then a message either way and back
  to the page (service_action);
- a service call whose arguments a view puts together itself: the same refusals, in the form
  (service_errors_in_form) or as a message (service_errors_as_message);
- a page with several named forms of which one is posted at a time, told apart by the posted
  `action` (posted_action) or by a field only one of them has (posted_form); page_forms.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise

ResultT = TypeVar("ResultT")
SuccessMessage = str | Promise | Callable[[Any], str] | None
FormFactory = Callable[..., forms.BaseForm]


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


def form_errors_message(form: forms.BaseForm) -> str:
    """Every error of a form in one line, for a form posted from a page it does not return to."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


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


def _message_success(request: HttpRequest, success: SuccessMessage, result: Any) -> None:
    if success is not None:
        messages.success(request, success(result) if callable(success) else str(success))


def form_action(
    request: HttpRequest,
    form: forms.BaseForm,
    service: Callable[..., ResultT],
    *,
    done: Callable[[ResultT], HttpResponse],
    success: SuccessMessage = None,
) -> HttpResponse | None:
    """When the form is posted and valid, call service(**arguments): the form's cleaned data
    or, for a form that reshapes them, its service_arguments(). On success show success (a
    text, or a function of the result) and answer done(result). None when nothing was posted
    or the form or the service refused (the errors are in the form): the caller renders its
    page again."""
    if request.method != "POST" or not form.is_valid():
        return None
    service_arguments = getattr(form, "service_arguments", None)
    arguments = service_arguments() if service_arguments else form.cleaned_data
    with service_errors_in_form(form):
        result = service(**arguments)
        _message_success(request, success, result)
        return done(result)
    return None


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


def posted_action(request: HttpRequest) -> str:
    """Which of the page's forms was posted (its `action` value); "" when nothing was."""
    return request.POST.get("action", "") if request.method == "POST" else ""


def posted_form(request: HttpRequest, marker: str, if_marked: str, otherwise: str) -> str:
    """For a page whose two forms carry no `action`: the name of the posted one, if_marked
    when the post holds the field marker (a field of that form only), else otherwise; ""
    when nothing was posted."""
    if request.method != "POST":
        return ""
    return if_marked if marker in request.POST else otherwise


def page_forms(
    request: HttpRequest, action: str, factories: Mapping[str, FormFactory]
) -> dict[str, forms.BaseForm]:
    """One form per name, prefixed with its name; only the posted one is bound."""
    return {
        name: factory(request.POST if action == name else None, prefix=name)
        for name, factory in factories.items()
    }
