"""Staff pages on family ties: add a tie between two persons the user may see, remove one.
The tie shows on both persons.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import service_errors_in_form
from crisisportal.views.saved_search import search_params, search_redirect
from registration.forms.persons import (
    FamilyTieForm,
    PersonSearchForm,
)
from registration.models import Person
from registration.permissions import (
    access_family_tie,
    access_person,
    persons_visible,
)
from registration.selectors.persons import persons_search
from registration.services import (
    family_tie_add,
    family_tie_remove,
)
from registration.views.persons import SEARCH_LIMIT


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
        with service_errors_in_form(form):
            family_tie_add(
                actor=user,
                person=person,
                related_person=related,
                kind=form.cleaned_data["kind"],
                dependent=form.cleaned_data["dependent"],
            )
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
