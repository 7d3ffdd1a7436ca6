"""Preparation pages: conditions and the decision to evacuate, reception in the Netherlands,
information for evacuees (per crisis), and the evacuation plan of a post."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.permissions import (
    access_crisis,
    access_post,
    crisis_permissions,
    has_object_permission,
)
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import add_service_errors
from evacuation.forms import (
    AssemblyPointForm,
    BarrierForm,
    ConditionsForm,
    EvacuationDecisionForm,
    EvacueeInformationForm,
    PlanForm,
    ReceptionForm,
    ReceptionInformedForm,
    TargetSizeForm,
    ValidationForm,
)
from evacuation.models import EvacuationConditions, EvacuationPlan
from evacuation.services.conditions import evacuation_conditions_record, evacuation_decide
from evacuation.services.plans import (
    assembly_point_add,
    evacuation_plan_save,
    plan_barrier_add,
    plan_target_size_set,
    plan_validation_record,
)
from evacuation.services.reception import (
    evacuee_information_publish,
    reception_organisation_informed,
    reception_organisation_save,
)

CRISIS_FORMS: dict[str, Any] = {
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
    action = request.POST.get("action", "") if request.method == "POST" else ""
    reception = list(crisis.reception.all())
    forms = {
        name: form_class(request.POST if action == name else None, prefix=name)
        for name, form_class in CRISIS_FORMS.items()
    }
    forms["informed"] = ReceptionInformedForm(
        request.POST if action == "informed" else None, prefix="informed", organisations=reception
    )
    if action:
        if action not in forms or not can_work or (action == "decision" and not can_decide):
            raise Http404
        form = forms[action]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "informed":
                    organisation = next(o for o in reception if str(o.pk) == data["organisation"])
                    reception_organisation_informed(
                        actor=request.user,
                        organisation=organisation,
                        informed_on=data["informed_on"],
                    )
                elif action == "conditions":
                    evacuation_conditions_record(actor=request.user, crisis=crisis, **data)
                elif action == "decision":
                    if latest is None:
                        raise ValidationError(_("Record the conditions before deciding."))
                    evacuation_decide(actor=request.user, crisis=crisis, conditions=latest, **data)
                elif action == "reception":
                    reception_organisation_save(actor=request.user, crisis=crisis, **data)
                else:
                    evacuee_information_publish(actor=request.user, crisis=crisis, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("evacuation:crisis-preparation", crisis_id=crisis.pk)
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


PLAN_FORMS: dict[str, Any] = {
    "plan": PlanForm,
    "point": AssemblyPointForm,
    "barrier": BarrierForm,
    "target": TargetSizeForm,
    "validation": ValidationForm,
}


@login_required
def post_plan(request: AuthenticatedRequest, post_id: str) -> HttpResponse:
    post = access_post(request.user, post_id)
    can_change = has_object_permission(request.user, "crisisportal.change_post", post)
    plan = EvacuationPlan.objects.filter(post=post).first()
    action = request.POST.get("action", "") if request.method == "POST" else ""
    initial = (
        {"level": plan.level, "scenarios": plan.scenarios, "next_review_on": plan.next_review_on}
        if plan
        else {}
    )
    forms = {
        name: form_class(
            request.POST if action == name else None,
            prefix=name,
            initial=initial if name == "plan" else None,
        )
        for name, form_class in PLAN_FORMS.items()
    }
    if action:
        if action not in PLAN_FORMS or not can_change or (plan is None and action != "plan"):
            raise Http404
        form = forms[action]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "plan":
                    evacuation_plan_save(actor=request.user, post=post, **data)
                elif action == "point":
                    assembly_point_add(actor=request.user, plan=plan, **data)  # type: ignore[arg-type]
                elif action == "barrier":
                    plan_barrier_add(actor=request.user, plan=plan, **data)  # type: ignore[arg-type]
                elif action == "target":
                    plan_target_size_set(actor=request.user, plan=plan, **data)  # type: ignore[arg-type]
                else:
                    plan_validation_record(actor=request.user, plan=plan, **data)  # type: ignore[arg-type]
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("evacuation:post-plan", post_id=post.pk)
    context = {
        "post": post,
        "plan": plan,
        "can_change": can_change,
        "forms": forms,
        "points": list(plan.assembly_points.all()) if plan else [],
        "barriers": list(plan.barriers.all()) if plan else [],
        "targets": list(plan.target_sizes.select_related("group")) if plan else [],
        "validations": list(plan.validations.all()) if plan else [],
    }
    return render(request, "evacuation/post_plan.html", context)


def conditions_summary(conditions: EvacuationConditions) -> list[tuple[str, bool]]:
    return [
        (_("Life-threatening"), conditions.life_threatening_met),
        (_("No other way out"), conditions.no_other_way_out_met),
        (_("Responsible and feasible"), conditions.feasible_met),
    ]
