"""How a view shows a service's refusal (a ValidationError) to the person who asked."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


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
