"""Staff pages of the registrations of nationals abroad: counts per country and post, the
searchable list, a registration with its members, and the streamed CSV export.

DCC staff see every registration, post staff those of their post's country (or assigned to
their post), everybody else gets 404 (registration.permissions).
"""

import csv
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from crisisportal.csv_export import Echo, csv_download, csv_safe
from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.saved_search import page_query, search_params, search_redirect
from registration.forms.registers import RegistrationFilterForm
from registration.models import NationalRegistration, Person
from registration.permissions import (
    access_registration,
    embassy_message_countries,
    may_send_embassy_message,
    registration_countries_choosable,
    registration_posts_choosable,
    registrations_visible,
    require_registration_staff,
)
from registration.selectors import registrations as selectors
from registration.views.helpers import PAGE_SIZE

# Rows fetched per round trip by the export's server-side cursor, and audited together.
EXPORT_CHUNK_SIZE = 2000


def _filter_form(
    request: AuthenticatedRequest, *, with_search: bool = True
) -> RegistrationFilterForm:
    return RegistrationFilterForm(
        search_params(request),
        countries_choosable=registration_countries_choosable(request.user),
        posts=list(registration_posts_choosable(request.user)),
        with_search=with_search,
    )


def _registrations_searched(request: AuthenticatedRequest) -> QuerySet[NationalRegistration]:
    """The registrations the user may see, filtered as the saved search says (the list and
    its export show the same rows)."""
    filters = selectors.registration_filters_clean(search_params(request))
    return selectors.registration_list(
        selectors.registrations_filter(registrations_visible(request.user), filters)
    )


@login_required
def registration_overview(request: AuthenticatedRequest) -> HttpResponse:
    require_registration_staff(request.user)
    filters = selectors.registration_filters_clean(request.GET)
    # The overview counts per status and type itself: only place filters apply.
    filters = {name: value for name, value in filters.items() if name in ("country", "post")}
    counts = selectors.registration_counts(
        selectors.registrations_filter(registrations_visible(request.user), filters)
    )
    messageable = embassy_message_countries(request.user)
    return render(
        request,
        "registration/registers/overview.html",
        {
            "counts": counts,
            "filter_form": _filter_form(request, with_search=False),
            "messageable": messageable,
            "can_message_all": messageable is None,
        },
    )


@login_required
def registration_list(request: AuthenticatedRequest) -> HttpResponse:
    require_registration_staff(request.user)
    if request.method == "POST":  # the search term may be personal data: not in the URL
        return search_redirect(request, selectors.REGISTRATION_FILTERS)
    registrations = _registrations_searched(request)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[NationalRegistration] = list(page.object_list)
    personal_data_viewed(
        actor=request.user,
        view_name="registration:registration-list",
        objects=[r.registrant for r in rows if r.registrant is not None],
    )
    return render(
        request,
        "registration/registers/registration_list.html",
        {
            "filter_form": _filter_form(request),
            "page": page,
            "registrations": rows,
            "page_query": page_query(request),
        },
    )


@login_required
def registration_detail(request: AuthenticatedRequest, registration_id: str) -> HttpResponse:
    registration = access_registration(request.user, registration_id)
    members = selectors.registration_members(registration)
    shown: list[Person] = [member.person for member in members]
    if registration.registrant is not None:
        shown.insert(0, registration.registrant)
    personal_data_viewed(
        actor=request.user, view_name="registration:registration-detail", objects=shown
    )
    return render(
        request,
        "registration/registers/registration_detail.html",
        {
            "registration": registration,
            "registrant": registration.registrant,
            "members": members,
            "can_message": may_send_embassy_message(request.user, registration.country),
        },
    )


EXPORT_HEADER = [
    "registration", "type", "status", "country", "post", "given_names", "family_name",
    "email", "phone", "whereabouts", "stay_from", "stay_until", "members", "confirmed_at",
]  # fmt: skip


@login_required
def registration_export_csv(request: AuthenticatedRequest) -> HttpResponseBase:
    """Streamed CSV of the filtered list: a server-side cursor keeps memory flat however
    many rows; each chunk of exported registrants is audited as it is sent."""
    require_registration_staff(request.user)
    form = _filter_form(request)
    if not form.is_valid():  # show what is wrong rather than export something else
        return redirect(reverse("registration:registration-list") + "?" + page_query(request))
    registrations = _registrations_searched(request)
    writer = csv.writer(Echo())
    actor = request.user

    def audit(registrants: list[Person]) -> None:
        if registrants:
            personal_data_viewed(
                actor=actor, view_name="registration:registration-export-csv", objects=registrants
            )

    def rows() -> Iterator[str]:
        yield writer.writerow(EXPORT_HEADER)
        sent: list[Person] = []
        for registration in registrations.iterator(chunk_size=EXPORT_CHUNK_SIZE):
            person = registration.registrant
            yield writer.writerow(
                [
                    registration.pk,
                    registration.kind,
                    registration.status,
                    registration.country,
                    csv_safe(registration.post.name if registration.post else ""),
                    csv_safe(person.given_names if person else ""),
                    csv_safe(person.family_name if person else ""),
                    csv_safe(registration.email),
                    csv_safe(person.phone if person else ""),
                    csv_safe(registration.whereabouts),
                    registration.stay_from or "",
                    registration.stay_until or "",
                    registration.members_count,  # type: ignore[attr-defined]
                    registration.confirmed_at.isoformat() if registration.confirmed_at else "",
                ]
            )
            if person is not None:
                sent.append(person)
            if len(sent) >= EXPORT_CHUNK_SIZE:
                audit(sent)
                sent = []
        audit(sent)

    return csv_download(rows(), "registrations.csv")
