"""The list of trigger documents, a document's page and its settings: the document itself,
the participants of its weekly review and the contacts of its measure owners."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from crisisportal.typing import AuthenticatedRequest
from triggers.forms.documents import DocumentForm, OwnerContactForm, ParticipantsForm
from triggers.permissions import access_document, can_create_document, documents_for_user
from triggers.selectors.documents import (
    crises_choosable,
    document_latest_export,
    document_scenarios,
    posts_choosable,
)
from triggers.selectors.owner_contacts import document_owner_contacts
from triggers.selectors.participants import document_participants, participant_candidates
from triggers.selectors.reviews import document_reviews
from triggers.selectors.versions import document_versions
from triggers.services.documents import trigger_document_create, trigger_document_update
from triggers.services.owner_contacts import owner_contact_save
from triggers.services.participants import document_participants_set
from triggers.views.support import document_form_view, document_item, initial_from

DOCUMENT_FIELDS = ("title", "review_weekday", "review_time", "active")


@login_required
def document_list(request: AuthenticatedRequest) -> HttpResponse:
    documents = documents_for_user(request.user).select_related("crisis").prefetch_related("posts")
    return render(
        request,
        "triggers/document_list.html",
        {"documents": documents, "can_create": can_create_document(request.user)},
    )


@login_required
def document_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_create_document(request.user):
        raise Http404
    initial = {"crisis": request.GET.get("crisis")} if request.GET.get("crisis") else {}
    form = DocumentForm(
        request.POST or None,
        initial=initial,
        crises=crises_choosable(request.user),
        posts=posts_choosable(request.user),
    )
    return document_form_view(
        request,
        None,
        form,
        service=trigger_document_create,
        success=_("The trigger document has been created."),
        heading=_("New trigger document"),
        submit=_("Create document"),
    )


@login_required
def document_edit(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    initial = {
        **initial_from(document, DOCUMENT_FIELDS),
        "crisis": document.crisis_id,
        "posts": list(document.posts.all()),
    }
    form = DocumentForm(
        request.POST or None,
        initial=initial,
        crises=crises_choosable(request.user, document),
        posts=posts_choosable(request.user, document),
    )
    return document_form_view(
        request,
        document,
        form,
        service=partial(trigger_document_update, document=document),
        success=_("The settings have been saved."),
        heading=_("Document settings"),
        submit=_("Save"),
    )


@login_required
def document_detail(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    access = access_document(request.user, document_id)
    document = access.document
    reviews = document_reviews(document)
    owner_contacts = document_owner_contacts(document)
    context = {
        "document": document,
        "can_edit": access.can_edit,
        "participants": document_participants(document),
        "owner_contacts": owner_contacts,
        "scenarios": document_scenarios(document, owner_contacts),
        "positions": list(document.positions.all()),
        "held_reviews": [r for r in reviews if r.is_held],
        "open_reviews": [r for r in reviews if not r.is_held],
        "versions": document_versions(document),
        "latest_export": document_latest_export(document),
    }
    return render(request, "triggers/document_detail.html", context)


@login_required
def participants_edit(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    """The standing participants of the document's weekly review."""
    document = access_document(request.user, document_id, write=True).document
    participants = document_participants(document)
    initial = {
        "users": [p.user for p in participants if p.user_id],
        "posts": [p.post for p in participants if p.post_id],
        "guests": document.review_guests,
        **{f"ministry_{p.organisation}": p.email for p in participants if p.email},
    }
    form = ParticipantsForm(
        request.POST or None,
        initial=initial,
        users=participant_candidates(document),
        posts=document.posts.order_by("name"),
    )
    return document_form_view(
        request,
        document,
        form,
        service=partial(document_participants_set, document=document),
        success=_("The review participants have been saved."),
        heading=_("Participants of the weekly review"),
        submit=_("Save participants"),
    )


@login_required
def owner_contact_edit(
    request: AuthenticatedRequest, document_id: str, contact_id: int | None = None
) -> HttpResponse:
    """How a measure owner without an account (a directorate, Defence, a ministry) is reached."""
    document = access_document(request.user, document_id, write=True).document
    contact = document_item(document, "owner-contacts", contact_id) if contact_id else None
    form = OwnerContactForm(
        request.POST or None, initial=initial_from(contact, ("kind", "name", "email"))
    )
    return document_form_view(
        request,
        document,
        form,
        service=partial(owner_contact_save, document=document, contact=contact),
        success=_("The owner contact has been saved."),
        heading=_("Edit owner contact") if contact else _("Add an owner contact"),
        submit=_("Save contact"),
    )
