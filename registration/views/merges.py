"""Staff pages on explicit merges of duplicate persons: the side-by-side preview with what
would move or block, and the inspectable merge records.

Only staff who may merge (DCC) reach these pages (registration.permissions).
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
from registration.forms.persons import PersonMergeForm
from registration.models import Person, Sex
from registration.permissions import (
    access_person_merge,
    access_persons_to_merge,
    can_merge_persons,
    person_merges_visible,
)
from registration.selectors.merges import (
    person_merge_list,
    person_merge_moves,
    person_merge_plan,
)
from registration.services import person_merge
from registration.views.helpers import PAGE_SIZE


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
