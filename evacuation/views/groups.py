"""The catalogue of eligible groups as decided for a crisis, and recording a decision."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.permissions import access_crisis
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action
from evacuation.forms.groups import GroupDecisionForm
from evacuation.selectors.groups import group_catalogue, group_decisions_recent
from evacuation.services.eligibility import ALWAYS_APPLICABLE
from evacuation.services.groups import crisis_group_set


@login_required
def crisis_groups(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    can_manage = request.user.has_perm("crisisportal.manage_crisis", crisis)
    form = GroupDecisionForm(request.POST or None)
    if request.method == "POST" and not can_manage:
        raise Http404
    return form_action(
        request,
        form,
        partial(crisis_group_set, actor=request.user, crisis=crisis),
        success=_("The decision has been recorded."),
        done=lambda _group: redirect("evacuation:crisis-groups", crisis_id=crisis.pk),
    ) or render(
        request,
        "evacuation/crisis_groups.html",
        {
            "crisis": crisis,
            "catalogue": group_catalogue(crisis),
            "always": [str(code) for code in ALWAYS_APPLICABLE],
            "decisions": group_decisions_recent(crisis),
            "form": form,
            "can_manage": can_manage,
        },
    )
