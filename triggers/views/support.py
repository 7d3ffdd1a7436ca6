"""What the pages of a trigger document share: the form page and the one shape of its forms."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action
from triggers.models import (
    Measure,
    NonLikeMindedPosition,
    OwnerContact,
    PrecursorEvent,
    Scenario,
    TriggerDocument,
)

# The items a document page edits and removes, by the name in their URLs: where they are
# found and the path from each to its document (every fetch is scoped to the document).
DOCUMENT_ITEMS: dict[str, tuple[Any, str]] = {
    "scenarios": (Scenario.objects.all(), "document"),
    "events": (PrecursorEvent.objects.select_related("scenario"), "scenario__document"),
    "measures": (Measure.objects.select_related("event__scenario"), "event__scenario__document"),
    "positions": (NonLikeMindedPosition.objects.all(), "document"),
    "owner-contacts": (OwnerContact.objects.all(), "document"),
}


def document_item(document: TriggerDocument, kind: str, item_id: Any) -> Any:
    """The item of this kind and id in document; 404 for an unknown kind, a missing item or
    an item of another document."""
    if kind not in DOCUMENT_ITEMS:
        raise Http404
    queryset, path = DOCUMENT_ITEMS[kind]
    return get_object_or_404(queryset, pk=item_id, **{path: document})


# The parent of an item kind: its kind and the item's field that holds it.
ITEM_PARENTS = {"events": ("scenarios", "scenario"), "measures": ("events", "event")}


def item_and_parent(
    document: TriggerDocument, kind: str, item_id: Any, parent_id: Any
) -> tuple[Any, Any]:
    """The item to edit (None when adding: item_id None) and its parent: the item's own, or
    when adding the parent named in the URL; both scoped to document."""
    parent_kind, parent_field = ITEM_PARENTS[kind]
    if item_id:
        item = document_item(document, kind, item_id)
        return item, getattr(item, parent_field)
    return None, document_item(document, parent_kind, parent_id)


def to_document(document: TriggerDocument) -> HttpResponse:
    return redirect("triggers:document-detail", document_id=document.pk)


def initial_from(item: Any, names: Iterable[str]) -> dict[str, Any]:
    """The form's initial values: the item's fields of these names (empty when adding)."""
    return {name: getattr(item, name) for name in names} if item is not None else {}


def document_form_view(
    request: AuthenticatedRequest,
    document: TriggerDocument | None,
    form: forms.BaseForm,
    *,
    service: Callable[..., Any],
    success: str,
    heading: str,
    submit: str,
    extra: dict[str, Any] | None = None,
    done: Callable[[Any], HttpResponse] | None = None,
) -> HttpResponse:
    """The shape of every form page of a trigger document (the caller has checked access and
    bound the form): form_action with service(actor=, ...), then back to the document (or
    done(result)); when the form or the service refuses, the page again with the errors."""
    return form_action(
        request,
        form,
        partial(service, actor=request.user),
        success=success,
        done=done or (lambda result: to_document(document or result)),
    ) or render(
        request,
        "triggers/form.html",
        {"form": form, "document": document, "heading": heading, "submit": submit, **(extra or {})},
    )
