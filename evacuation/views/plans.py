"""The evacuation plan of a post: the plan, its assembly points, barriers, target sizes per
group and validations. One form is posted at a time (its `action`)."""

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.permissions import access_post, has_object_permission
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action, page_forms, posted_action
from evacuation.forms.plans import (
    AssemblyPointForm,
    BarrierForm,
    PlanForm,
    TargetSizeForm,
    ValidationForm,
)
from evacuation.models import EvacuationPlan
from evacuation.services.plans import (
    assembly_point_add,
    evacuation_plan_save,
    plan_barrier_add,
    plan_target_size_set,
    plan_validation_record,
)

# The parts added to a plan, by action; the plan itself is saved with evacuation_plan_save.
PLAN_PARTS: dict[str, tuple[Any, Any]] = {
    "point": (AssemblyPointForm, assembly_point_add),
    "barrier": (BarrierForm, plan_barrier_add),
    "target": (TargetSizeForm, plan_target_size_set),
    "validation": (ValidationForm, plan_validation_record),
}


@login_required
def post_plan(request: AuthenticatedRequest, post_id: str) -> HttpResponse:
    post = access_post(request.user, post_id)
    can_change = has_object_permission(request.user, "crisisportal.change_post", post)
    plan = EvacuationPlan.objects.filter(post=post).first()
    action = posted_action(request)
    initial = (
        {"level": plan.level, "scenarios": plan.scenarios, "next_review_on": plan.next_review_on}
        if plan
        else {}
    )
    forms = page_forms(
        request,
        action,
        {
            "plan": partial(PlanForm, initial=initial),
            **{name: form_class for name, (form_class, _service) in PLAN_PARTS.items()},
        },
    )
    if action:
        if action not in forms or not can_change or (plan is None and action != "plan"):
            raise Http404
        service = (
            partial(evacuation_plan_save, actor=request.user, post=post)
            if action == "plan"
            else partial(PLAN_PARTS[action][1], actor=request.user, plan=plan)
        )
        if response := form_action(
            request,
            forms[action],
            service,
            success=_("Saved."),
            done=lambda _saved: redirect("evacuation:post-plan", post_id=post.pk),
        ):
            return response
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
