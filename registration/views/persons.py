"""Staff pages on persons: search, detail, create and edit with duplicate detection,
family ties, and explicit merges of duplicates with their inspectable records.

Every fetch goes through registration.permissions (forbidden and missing are both 404); search
terms come by GET on these staff pages only and are never logged.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import add_service_errors
from crisisportal.views.saved_search import search_params, search_redirect
from registration.forms.persons import (
    DuplicateConfirmForm,
    FamilyTieForm,
    IdentityDocumentFormSet,
    PersonForm,
    PersonMergeForm,
    PersonSearchForm,
    ResidencePermitFormSet,
    formset_entries,
)
from registration.models import Person, PersonSource, Sex
from registration.permissions import (
    access_family_tie,
    access_person,
    access_person_merge,
    access_persons_to_merge,
    can_create_persons,
    can_merge_persons,
    can_see_all_persons,
    is_registration_staff,
    local_staff_visible,
    person_merges_visible,
    persons_visible,
    registrations_visible,
    staff_posts,
)
from registration.selectors.merges import (
    person_merge_list,
    person_merge_moves,
    person_merge_plan,
    person_merges_into,
)
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
    family_tie_add,
    family_tie_remove,
    person_create,
    person_merge,
    person_update,
)

PAGE_SIZE = 50
SEARCH_LIMIT = 50


def _visible_ids(user: Any, ids: list[Any]) -> set[Any]:
    """Which of these persons the user may open (one query, whatever the number)."""
    if not ids:
        return set()
    return set(persons_visible(user).filter(pk__in=ids).values_list("pk", flat=True))


# Search -------------------------------------------------------------------------------


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


# Detail -------------------------------------------------------------------------------


@login_required
def person_detail(request: AuthenticatedRequest, person_id: str) -> HttpResponse:
    user = request.user
    person = access_person(user, person_id)
    ties = list(family_ties_of(person))
    duplicates = person_duplicates_of(person)
    openable = _visible_ids(
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


# Create and edit ----------------------------------------------------------------------


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
            openable = _visible_ids(user, [c.person.pk for c in found])
            candidates = [c for c in found if c.person.pk in openable]
        unconfirmed = {str(c.person.pk) for c in candidates} - confirm.confirmed_ids()
        if not unconfirmed:
            if "registered_by_post" in fields:
                post_id = fields.pop("registered_by_post")
                fields["registered_by_post"] = staff_posts(user).get(pk=post_id)
            try:
                if person is None:
                    person = person_create(
                        actor=user,
                        residence_permits=formset_entries(permits),
                        identity_documents=document_entries,
                        **fields,
                    )
                    messages.success(request, _("The person has been registered."))
                else:
                    person = person_update(
                        actor=user,
                        person=person,
                        residence_permits=formset_entries(permits),
                        identity_documents=document_entries,
                        **fields,
                    )
                    messages.success(request, _("The person's details have been saved."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
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


# Family ties --------------------------------------------------------------------------


@login_required
def family_tie_new(request: AuthenticatedRequest, person_id: str) -> HttpResponse:
    """Add a family member: search among the persons the user may see, pick one, say how
    they are related. The tie then shows on both persons."""
    user = request.user
    person = access_person(user, person_id)
    if request.method == "POST" and "find" in request.POST:
        return search_redirect(request, ["q"])
    source = request.POST if request.method == "POST" else search_params(request)
    search = PersonSearchForm(source)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    candidates: list[Person] = []
    if query:
        candidates = [
            candidate
            for candidate in persons_search(query, within=persons_visible(user), limit=SEARCH_LIMIT)
            if candidate.pk != person.pk
        ]
    form = FamilyTieForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        initial={"q": query},
    )
    if request.method == "POST" and form.is_valid():
        related = access_person(user, form.cleaned_data["related_person"])
        try:
            family_tie_add(
                actor=user,
                person=person,
                related_person=related,
                kind=form.cleaned_data["kind"],
                dependent=form.cleaned_data["dependent"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The family tie has been added."))
            return redirect("registration:person-detail", person_id=person.pk)
    personal_data_viewed(
        actor=user, view_name="registration:family-tie-new", objects=[person, *candidates]
    )
    return render(
        request,
        "registration/persons/tie_form.html",
        {
            "person": person,
            "search": search,
            "query": query,
            "form": form,
            "candidates": candidates,
        },
    )


@login_required
def family_tie_delete(request: AuthenticatedRequest, person_id: str, tie_id: str) -> HttpResponse:
    """Remove a tie (from both persons) after a confirmation page."""
    person = access_person(request.user, person_id)
    tie = access_family_tie(request.user, person, tie_id)
    if request.method == "POST":
        family_tie_remove(actor=request.user, tie=tie)
        messages.success(request, _("The family tie has been removed from both persons."))
        return redirect("registration:person-detail", person_id=person.pk)
    personal_data_viewed(
        actor=request.user,
        view_name="registration:family-tie-delete",
        objects=[person, tie.related_person],
    )
    return render(request, "registration/persons/tie_remove.html", {"person": person, "tie": tie})


# Merges -------------------------------------------------------------------------------


def _birth(person: Person) -> str:
    if person.date_of_birth:
        return person.date_of_birth.isoformat()
    return str(person.birth_year) if person.birth_year else ""


def _compared_fields(surviving: Person, merged: Person) -> list[dict[str, Any]]:
    """The two records side by side, field by field, with what the merged record adds
    (blank fields of the survivor are filled from it, nationalities are combined)."""

    def rows(person: Person) -> list[tuple[str, str]]:
        return [
            (_("Given names"), person.given_names),
            (_("Family name"), person.family_name),
            (_("Name in original script"), person.original_script_name),
            (_("Date or year of birth"), _birth(person)),
            (_("Sex"), "" if person.sex == Sex.UNKNOWN else person.get_sex_display()),
            (_("Nationalities"), ", ".join(person.nationalities)),
            (_("Phone number"), person.phone),
            (_("Email address"), person.email),
            (_("Messaging handle"), person.messaging_handle),
            (_("Current country"), person.location_country),
            (_("Current place"), person.location_place),
            (_("Source"), person.get_source_display()),
            (
                _("Residence permits"),
                "; ".join(
                    f"{p.get_territory_display()} {p.valid_until or ''}".strip()
                    for p in person.residence_permits.all()
                ),
            ),
            (
                _("Identity documents"),
                "; ".join(
                    f"{d.get_kind_display()} {d.number} ({d.issuing_country})"
                    for d in person.identity_documents.all()
                ),
            ),
        ]

    return [
        {"label": label, "surviving": kept, "merged": removed, "differs": kept != removed}
        for (label, kept), (_label, removed) in zip(rows(surviving), rows(merged), strict=True)
    ]


@login_required
def person_merge_preview(
    request: AuthenticatedRequest, surviving_id: str, merged_id: str
) -> HttpResponse:
    """Compare two records and, on an explicit confirmation with a reason, merge the second
    into the first. Blocking conflicts are shown and refuse the merge."""
    user = request.user
    surviving, merged = access_persons_to_merge(user, surviving_id, merged_id)
    if surviving.pk == merged.pk:
        raise Http404
    form = PersonMergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merge = person_merge(
                actor=user, surviving=surviving, merged=merged, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                format_html(
                    '{} <a class="utrecht-link" href="{}">{}</a>',
                    _("The records have been merged."),
                    reverse("registration:merge-detail", args=[merge.pk]),
                    _("See the merge record."),
                ),
            )
            return redirect("registration:person-detail", person_id=surviving.pk)
    plan = person_merge_plan(surviving, merged)
    blocking = [step for step in plan if step.blocking]
    personal_data_viewed(
        actor=user, view_name="registration:person-merge", objects=[surviving, merged]
    )
    return render(
        request,
        "registration/persons/merge.html",
        {
            "surviving": surviving,
            "merged": merged,
            "fields": _compared_fields(surviving, merged),
            "moves": person_merge_moves(merged),
            "steps": [step for step in plan if not step.blocking],
            "blocking": blocking,
            "form": form,
        },
    )


@login_required
def merge_detail(request: AuthenticatedRequest, merge_id: str) -> HttpResponse:
    merge = access_person_merge(request.user, merge_id)
    personal_data_viewed(actor=request.user, view_name="registration:merge-detail", objects=[merge])
    snapshot = dict(merge.merged_person_snapshot)
    moved: dict[str, list[dict[str, str]]] = {}
    for row in merge.moved_objects:
        moved.setdefault(row["model"], []).append(row)
    return render(
        request,
        "registration/persons/merge_detail.html",
        {
            "merge": merge,
            "snapshot": sorted(snapshot.items()),
            "merged_name": " ".join(
                part for part in (snapshot.get("given_names"), snapshot.get("family_name")) if part
            ),
            "moved": sorted(moved.items()),
            "combined": merge.combined_objects,
        },
    )


@login_required
def merge_list(request: AuthenticatedRequest) -> HttpResponse:
    if not can_merge_persons(request.user):
        raise Http404
    merges = person_merge_list(person_merges_visible(request.user))
    page = Paginator(merges, PAGE_SIZE).get_page(request.GET.get("page"))
    page_merges = list(page.object_list)
    personal_data_viewed(
        actor=request.user, view_name="registration:merge-list", objects=page_merges
    )
    rows = [
        {
            "merge": merge,
            "merged_name": " ".join(
                part
                for part in (
                    merge.merged_person_snapshot.get("given_names"),
                    merge.merged_person_snapshot.get("family_name"),
                )
                if part
            ),
        }
        for merge in page_merges
    ]
    return render(request, "registration/persons/merge_list.html", {"page": page, "rows": rows})
