"""Flights of a crisis (DCC): the list, one flight with its manifest, boarding and arrival,
and the manifest as a PDF."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action, service_action
from evacuation.forms.flights import FlightForm
from evacuation.models import Flight
from evacuation.models.cases import EvacuationCase
from evacuation.pdf import manifest_pdf
from evacuation.permissions import access_evacuation_managed, access_flight
from evacuation.selectors.cases import case_of_crisis, cases_of_crisis
from evacuation.selectors.flights import flight_candidates, flight_manifest, flights_for_crisis
from evacuation.services.flights import flight_create
from evacuation.services.manifests import (
    arrival_record,
    boarding_record,
    flight_eu_citizens_count,
    manifest_replace,
)


@login_required
def flight_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_evacuation_managed(request.user, crisis_id)
    form = FlightForm(request.POST or None)
    return form_action(
        request,
        form,
        partial(flight_create, actor=request.user, crisis=crisis),
        success=_("The flight has been added."),
        done=lambda flight: redirect("evacuation:flight-detail", flight_id=flight.pk),
    ) or render(
        request,
        "evacuation/flight_list.html",
        {"crisis": crisis, "flights": list(flights_for_crisis(crisis)), "form": form},
    )


@login_required
def flight_detail(request: AuthenticatedRequest, flight_id: str) -> HttpResponse:
    flight = access_flight(request.user, flight_id)
    if request.method == "POST":
        _flight_act(request, flight, request.POST.get("action", ""))
        return redirect("evacuation:flight-detail", flight_id=flight.pk)
    entries = flight_manifest(flight)
    candidates = flight_candidates(flight)
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:flight-detail",
        objects=[e.case.person for e in entries] + [c.person for c in candidates],
    )
    return render(
        request,
        "evacuation/flight_detail.html",
        {
            "flight": flight,
            "crisis": flight.crisis,
            "entries": entries,
            "candidates": candidates,
            "eu_citizens": flight_eu_citizens_count(flight),
        },
    )


def _flight_act(request: AuthenticatedRequest, flight: Flight, action: str) -> None:
    """The manifest, a boarding, or an arrival (of the flight or one case), with a message."""
    actor = request.user

    def posted_cases() -> list[EvacuationCase]:
        return list(cases_of_crisis(flight.crisis_id, request.POST.getlist("case")))

    actions: dict[str, tuple[Callable[[], Any], str]] = {
        "manifest": (
            lambda: manifest_replace(actor=actor, flight=flight, cases=posted_cases()),
            _("The manifest has been saved."),
        ),
        "board": (
            lambda: boarding_record(actor=actor, flight=flight, case=_flight_case(request, flight)),
            _("Boarding has been recorded."),
        ),
        "arrived": (
            lambda: arrival_record(actor=actor, flight=flight),
            _("The arrival has been recorded."),
        ),
        "arrived-case": (
            lambda: arrival_record(actor=actor, flight=flight, case=_flight_case(request, flight)),
            _("The arrival has been recorded."),
        ),
    }
    if action in actions:
        call, success = actions[action]
        service_action(request, call, success=success)


def _flight_case(request: AuthenticatedRequest, flight: Flight) -> EvacuationCase:
    case = case_of_crisis(flight.crisis_id, request.POST.get("case"))
    if case is None:
        raise Http404
    return case


@login_required
def flight_manifest_pdf(request: AuthenticatedRequest, flight_id: str) -> HttpResponse:
    """The manifest PDF. Rendered on request: a manifest is bounded by the flight's capacity
    (a few hundred rows), unlike case lists, which are generated in the background."""
    flight = access_flight(request.user, flight_id)
    entries = flight_manifest(flight)
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:flight-manifest-pdf",
        objects=[e.case.person for e in entries],
    )
    response = HttpResponse(manifest_pdf(flight, entries), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="manifest-{flight.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
