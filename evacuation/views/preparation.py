"""The crisis's preparation page: conditions and the decision to evacuate, reception in the
Netherlands, information for evacuees. One form is posted at a time (its `action`)."""

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.permissions import access_crisis, crisis_permissions
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import FormFactory, form_action, page_forms, posted_action
from evacuation.forms.preparation import (
    ConditionsForm,
    EvacuationDecisionForm,
    EvacueeInformationForm,
    ReceptionForm,
    ReceptionInformedForm,
)
from evacuation.models import ReceptionOrganisation
from evacuation.services.conditions import evacuation_conditions_record, evacuation_decide
from evacuation.services.reception import (
    evacuee_information_publish,
    reception_organisation_informed,
    reception_organisation_save,
)

CRISIS_FORMS: dict[str, FormFactory] = {
    "conditions": ConditionsForm,
    "decision": EvacuationDecisionForm,
    "reception": ReceptionForm,
    "information": EvacueeInformationForm,
}


@login_required
def crisis_preparation(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    perms = crisis_permissions(request.user, crisis)
    can_work = "work_crisis" in perms
    can_decide = "manage_crisis" in perms
    latest = crisis.evacuation_conditions.first()
    reception = list(crisis.reception.all())
    action = posted_action(request)
    forms = page_forms(
        request,
        action,
        {**CRISIS_FORMS, "informed": partial(ReceptionInformedForm, organisations=reception)},
    )
    if action:
        if action not in forms or not can_work or (action == "decision" and not can_decide):
            raise Http404
        actor = request.user
        services: dict[str, Any] = {
            "conditions": partial(evacuation_conditions_record, actor=actor, crisis=crisis),
            "decision": partial(evacuation_decide, actor=actor, crisis=crisis, conditions=latest),
            "reception": partial(reception_organisation_save, actor=actor, crisis=crisis),
            "information": partial(evacuee_information_publish, actor=actor, crisis=crisis),
            "informed": partial(_organisation_informed, actor=actor, organisations=reception),
        }
        if response := form_action(
            request,
            forms[action],
            services[action],
            success=_("Saved."),
            done=lambda _saved: redirect("evacuation:crisis-preparation", crisis_id=crisis.pk),
        ):
            return response
    context = {
        "crisis": crisis,
        "can_work": can_work,
        "can_decide": can_decide,
        "forms": forms,
        "conditions": list(crisis.evacuation_conditions.select_related("recorded_by")[:10]),
        "latest": latest,
        "decisions": list(crisis.evacuation_decisions.select_related("conditions")[:10]),
        "reception": reception,
        "information": list(crisis.evacuee_information.select_related("published_by")[:20]),
    }
    return render(request, "evacuation/crisis_preparation.html", context)


def _organisation_informed(
    *, actor: Any, organisations: list[ReceptionOrganisation], organisation: str, **data: Any
) -> ReceptionOrganisation:
    """The form names one of the listed organisations by id (its choices are those ids)."""
    chosen = next(o for o in organisations if str(o.pk) == organisation)
    return reception_organisation_informed(actor=actor, organisation=chosen, **data)
