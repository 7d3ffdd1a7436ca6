"""Staff pages on persons: search, detail, create and edit with duplicate detection (family
ties are in family_ties.py, merges in merges.py).

Every fetch goes through registration.permissions (forbidden and missing are both 404); search
terms come by GET on these staff pages only and are never logged."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import service_errors_in_form
from crisisportal.views.saved_search import search_params, search_redirect
from registration.forms.persons import (
    DuplicateConfirmForm,
    IdentityDocumentFormSet,
    PersonForm,
    PersonSearchForm,
    ResidencePermitFormSet,
    formset_entries,
)
from registration.models import Person, PersonSource
from registration.permissions import (
    access_person,
    can_create_persons,
    can_merge_persons,
    can_see_all_persons,
    is_registration_staff,
    local_staff_visible,
    person_merges_visible,
    persons_visible,
    persons_visible_among,
    registrations_visible,
    staff_posts,
)
from registration.selectors.merges import person_merges_into
from registration.selectors.persons import (
    DuplicateCandidate,
    family_ties_of,
    person_duplicate_candidates,
    person_duplicates_of,
    person_employments,
    person_registrations,
    persons_search,
)
from registration.services import (
    person_create,
    person_update,
)

SEARCH_LIMIT = 50


@login_required
def person_search(request: AuthenticatedRequest) -> HttpResponse:
    if not is_registration_staff(request.user):
        raise Http404
    if request.method == "POST":  # the search term may be personal data: not in the URL
        return search_redirect(request, ["q"])
    form = PersonSearchForm(search_params(request) or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results: list[Person] = []
    if query:
        results = list(
            persons_search(query, within=persons_visible(request.user), limit=SEARCH_LIMIT)
        )
        personal_data_viewed(
            actor=request.user, view_name="registration:person-search", objects=results
        )
    return render(
        request,
        "registration/persons/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "limit_reached": len(results) >= SEARCH_LIMIT,
            "can_create": can_create_persons(request.user),
            "can_merge": can_merge_persons(request.user),
        },
    )


@login_required
def person_detail(request: AuthenticatedRequest, person_id: str) -> HttpResponse:
    user = request.user
    person = access_person(user, person_id)
    ties = list(family_ties_of(person))
    duplicates = person_duplicates_of(person)
    openable = persons_visible_among(
        user, [tie.related_person_id for tie in ties] + [c.person.pk for c in duplicates]
    )
    # A post only sees duplicates among its own persons; the DCC sees every candidate.
    duplicates = [c for c in duplicates if c.person.pk in openable]
    can_merge = can_merge_persons(user)
    context = {
        "person": person,
        "registered_by_post": person.registered_by_post,
        "permits": list(person.residence_permits.all()),
        "documents": list(person.identity_documents.all()),
        "ties": [{"tie": tie, "openable": tie.related_person_id in openable} for tie in ties],
        "registrations": list(person_registrations(person, within=registrations_visible(user))),
        "employments": list(person_employments(person, within=local_staff_visible(user))),
        "merges": list(person_merges_into(person, within=person_merges_visible(user)))
        if can_merge
        else [],
        "duplicates": duplicates,
        "can_merge": can_merge,
    }
    personal_data_viewed(
        actor=user,
        view_name="registration:person-detail",
        objects=[person, *[tie.related_person for tie in ties], *[c.person for c in duplicates]],
    )
    return render(request, "registration/persons/detail.html", context)


def _source_choices(user: Any) -> list[tuple[str, Any]]:
    """Staff enter records as a post or, at the DCC, also as a call team; the other sources
    (self-registration, Defence, import) have their own channels."""
    if user.has_perm("registration.add_person"):
        return [
            (PersonSource.CALL_TEAM, PersonSource.CALL_TEAM.label),
            (PersonSource.POST, PersonSource.POST.label),
        ]
    return [(PersonSource.POST, PersonSource.POST.label)]


def _post_choices(user: Any) -> list[tuple[str, str]]:
    """Post staff register persons for their post, so they keep seeing them."""
    if can_see_all_persons(user):
        return []
    return [(str(post.pk), post.name) for post in staff_posts(user).order_by("name")]


def _identity(data: dict[str, Any], document_numbers: list[str]) -> tuple[Any, ...]:
    return (
        data.get("given_names", ""),
        data.get("family_name", ""),
        data.get("date_of_birth"),
        data.get("birth_year"),
        sorted(number.strip().upper() for number in document_numbers),
    )


def _person_form_page(request: AuthenticatedRequest, person: Person | None) -> HttpResponse:
    """Create (person None) or edit. Before saving, likely duplicates among the persons the
    user may see are shown; saving anyway needs "this is a different person" for exactly
    those candidates. On an edit that keeps names, birth and documents, nothing is asked."""
    user = request.user
    data = request.POST if request.method == "POST" else None
    creating = person is None
    sources = _source_choices(user) if creating else []
    posts = _post_choices(user) if creating else []
    if person is None:
        form = PersonForm(data, sources=sources, posts=posts)
        permits = ResidencePermitFormSet(data, prefix="permits")
        documents = IdentityDocumentFormSet(data, prefix="documents")
    else:
        form = PersonForm(data, initial=PersonForm.initial_for(person))
        permits = ResidencePermitFormSet(
            data,
            prefix="permits",
            initial=[
                {"territory": p.territory, "valid_until": p.valid_until}
                for p in person.residence_permits.all()
            ],
        )
        documents = IdentityDocumentFormSet(
            data,
            prefix="documents",
            initial=[
                {
                    "kind": d.kind,
                    "number": d.number,
                    "issuing_country": d.issuing_country,
                    "expires_on": d.expires_on,
                }
                for d in person.identity_documents.all()
            ],
        )
    confirm = DuplicateConfirmForm(data)
    candidates: list[DuplicateCandidate] = []
    if data is not None and form.is_valid() and permits.is_valid() and documents.is_valid():
        fields = dict(form.cleaned_data)
        document_entries = formset_entries(documents)
        numbers = [entry["number"] for entry in document_entries]
        changed_identity = person is None or _identity(fields, numbers) != _identity(
            {
                "given_names": person.given_names,
                "family_name": person.family_name,
                "date_of_birth": person.date_of_birth,
                "birth_year": None if person.date_of_birth else person.birth_year,
            },
            list(person.identity_documents.values_list("number", flat=True)),
        )
        if changed_identity:
            found = person_duplicate_candidates(
                given_names=fields["given_names"],
                family_name=fields["family_name"],
                date_of_birth=fields["date_of_birth"],
                birth_year=fields["birth_year"],
                document_numbers=numbers,
                exclude=[] if person is None else [person.pk],
            )
            openable = persons_visible_among(user, [c.person.pk for c in found])
            candidates = [c for c in found if c.person.pk in openable]
        unconfirmed = {str(c.person.pk) for c in candidates} - confirm.confirmed_ids()
        if not unconfirmed:
            if "registered_by_post" in fields:
                post_id = fields.pop("registered_by_post")
                fields["registered_by_post"] = staff_posts(user).get(pk=post_id)
            save, saved = (
                (person_create, _("The person has been registered."))
                if person is None
                else (
                    partial(person_update, person=person),
                    _("The person's details have been saved."),
                )
            )
            with service_errors_in_form(form):
                person = save(
                    actor=user,
                    residence_permits=formset_entries(permits),
                    identity_documents=document_entries,
                    **fields,
                )
                messages.success(request, saved)
                return redirect("registration:person-detail", person_id=person.pk)
        else:
            # Shown afresh: the confirmation covers the candidates on this page only.
            confirm = DuplicateConfirmForm(
                initial={"shown": ",".join(str(c.person.pk) for c in candidates)}
            )
    if candidates:
        personal_data_viewed(
            actor=user,
            view_name="registration:person-form-duplicates",
            objects=[c.person for c in candidates],
        )
    if person is not None and not creating:
        personal_data_viewed(actor=user, view_name="registration:person-edit", objects=[person])
    return render(
        request,
        "registration/persons/form.html",
        {
            "form": form,
            "permits": permits,
            "documents": documents,
            "person": None if creating else person,
            "candidates": candidates,
            "confirm": confirm,
        },
    )


@login_required
def person_new(request: AuthenticatedRequest) -> HttpResponse:
    if not can_create_persons(request.user):
        raise Http404
    return _person_form_page(request, None)


@login_required
def person_edit(request: AuthenticatedRequest, person_id: str) -> HttpResponse:
    person = access_person(request.user, person_id)
    return _person_form_page(request, person)
