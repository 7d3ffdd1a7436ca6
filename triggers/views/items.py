"""The content of a trigger document: its scenarios, precursor events (and their
observations), measures and positions of non-like-minded countries."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.typing import AuthenticatedRequest
from triggers.forms.items import EventForm, MeasureForm, PositionForm, ScenarioForm, WorsenedForm
from triggers.forms.observations import ObservationForm
from triggers.permissions import access_document
from triggers.selectors.observations import observation_picture_items, observation_sitreps
from triggers.selectors.participants import measure_contact_candidates
from triggers.services.agenda import scenario_worsened_declare
from triggers.services.items import (
    document_item_delete,
    measure_save,
    non_like_minded_position_save,
    precursor_event_save,
    scenario_save,
)
from triggers.services.observations import precursor_event_observe
from triggers.views.support import (
    document_form_view,
    document_item,
    initial_from,
    item_and_parent,
    to_document,
)

MEASURE_FIELDS = ("title", "owner", "owner_detail", "owner_contact", "status", "deadline")


@login_required
def scenario_edit(
    request: AuthenticatedRequest, document_id: str, scenario_id: int | None = None
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    scenario = document_item(document, "scenarios", scenario_id) if scenario_id else None
    form = ScenarioForm(
        request.POST or None,
        initial=initial_from(scenario, ("kind", "title", "description", "assessment")),
    )
    return document_form_view(
        request,
        document,
        form,
        service=partial(scenario_save, document=document, scenario=scenario),
        success=_("The scenario has been saved."),
        heading=_("Edit scenario") if scenario else _("Add a scenario"),
        submit=_("Save scenario"),
    )


@login_required
def event_edit(
    request: AuthenticatedRequest,
    document_id: str,
    scenario_id: int | None = None,
    event_id: int | None = None,
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    event, scenario = item_and_parent(document, "events", event_id, scenario_id)
    form = EventForm(request.POST or None, initial=initial_from(event, ("title", "description")))
    return document_form_view(
        request,
        document,
        form,
        service=partial(precursor_event_save, scenario=scenario, event=event),
        success=_("The precursor event has been saved."),
        heading=_("Edit precursor event") if event else _("Add a precursor event"),
        submit=_("Save event"),
        extra={"subheading": scenario.title},
    )


@login_required
def event_observe(request: AuthenticatedRequest, document_id: str, event_id: int) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    event = document_item(document, "events", event_id)
    form = ObservationForm(
        request.POST or None,
        initial={"status": event.status},
        sitreps=observation_sitreps(request.user, document),
        picture_items=observation_picture_items(request.user, document),
    )
    observations = event.observations.select_related(
        "recorded_by", "sitrep__post", "picture_item__meeting"
    )
    return document_form_view(
        request,
        document,
        form,
        service=partial(precursor_event_observe, event=event),
        success=_("The observation has been recorded."),
        heading=_("Record an observation"),
        submit=_("Record observation"),
        extra={"subheading": event.title, "observations": observations},
    )


@login_required
def measure_edit(
    request: AuthenticatedRequest,
    document_id: str,
    event_id: int | None = None,
    measure_id: int | None = None,
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    measure, event = item_and_parent(document, "measures", measure_id, event_id)
    form = MeasureForm(
        request.POST or None,
        initial=initial_from(measure, MEASURE_FIELDS),
        contacts=measure_contact_candidates(document),
    )
    return document_form_view(
        request,
        document,
        form,
        service=partial(measure_save, event=event, measure=measure),
        success=_("The measure has been saved."),
        heading=_("Edit measure") if measure else _("Add a measure"),
        submit=_("Save measure"),
        extra={"subheading": event.title},
    )


@login_required
def scenario_worsened(
    request: AuthenticatedRequest, document_id: str, scenario_id: int
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    scenario = document_item(document, "scenarios", scenario_id)
    return document_form_view(
        request,
        document,
        WorsenedForm(request.POST or None),
        service=partial(scenario_worsened_declare, scenario=scenario),
        success=_("The decision has been recorded."),
        heading=_("Has the scenario worsened?"),
        submit=_("Record decision"),
        extra={"subheading": scenario.title},
    )


@login_required
def position_edit(
    request: AuthenticatedRequest, document_id: str, position_id: int | None = None
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    position = document_item(document, "positions", position_id) if position_id else None
    initial = (
        {
            "country": position.country.code,
            "position_text": position.position,
            "why_not_us": position.why_not_us,
        }
        if position
        else {}
    )
    return document_form_view(
        request,
        document,
        PositionForm(request.POST or None, initial=initial),
        service=partial(non_like_minded_position_save, document=document, position=position),
        success=_("The position has been saved."),
        heading=_("Position of a non-like-minded country"),
        submit=_("Save position"),
    )


@login_required
@require_POST
def item_delete(
    request: AuthenticatedRequest, document_id: str, kind: str, item_id: int
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    item = document_item(document, kind, item_id)
    document_item_delete(actor=request.user, document=document, item=item)
    messages.success(request, _("Removed. Earlier versions keep it."))
    return to_document(document)
