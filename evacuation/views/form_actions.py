"""The shapes the evacuation pages share when they call a service: a form whose refusal
shows in the form, an action whose refusal shows as a message, and pages with several
named forms of which one is posted at a time (`action`)."""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from crisisportal.views.forms_support import add_service_errors, message_service_error

FormFactory = Callable[..., forms.BaseForm]


def posted_action(request: HttpRequest) -> str:
    """Which of the page's forms was posted (its `action` value); "" when nothing was."""
    return request.POST.get("action", "") if request.method == "POST" else ""


def page_forms(
    request: HttpRequest, action: str, factories: Mapping[str, FormFactory]
) -> dict[str, forms.BaseForm]:
    """One form per name, prefixed with its name; only the posted one is bound."""
    return {
        name: factory(request.POST if action == name else None, prefix=name)
        for name, factory in factories.items()
    }


def form_submit(
    request: HttpRequest,
    form: forms.BaseForm,
    service: Callable[..., Any],
    *,
    done: Callable[[Any], HttpResponse],
    success: str | None = None,
) -> HttpResponse | None:
    """When the form is valid, call service(**cleaned_data); on success the message (if any)
    and done(result), the response to send. None when the form or the service refused: the
    errors are on the form, and the caller shows the page again."""
    if not form.is_valid():
        return None
    try:
        result = service(**form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if success is not None:
        messages.success(request, success)
    return done(result)


def service_action(
    request: HttpRequest, call: Callable[[], Any], success: str | Callable[[Any], str]
) -> bool:
    """Run an action posted without a form (or with a valid one): the success message (or
    success(result)), or the service's refusal as a message on the next page. Whether it
    succeeded."""
    try:
        result = call()
    except ValidationError as error:
        message_service_error(request, error)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True
