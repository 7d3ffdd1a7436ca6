"""The call teams of a crisis: the DCC sees them, the coordinator forms them."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.models import Crisis
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action, posted_action, service_action
from evacuation.forms.call_teams import CallTeamForm, CallTeamMemberForm
from evacuation.permissions import access_evacuation_managed
from evacuation.selectors.teams import call_team_of_crisis, call_teams_with_members
from evacuation.services.cases import case_owners_available
from evacuation.services.teams import (
    call_team_create,
    call_team_member_add,
    call_team_member_remove,
)


@login_required
def call_teams(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_evacuation_managed(request.user, crisis_id)
    can_manage = request.user.has_perm("crisisportal.manage_crisis", crisis)
    candidates = case_owners_available(crisis)
    action = posted_action(request)
    team_form = CallTeamForm(request.POST if action == "create" else None)
    member_form = CallTeamMemberForm(
        request.POST if action == "add" else None, candidates=candidates
    )
    if action:
        if not can_manage:
            raise Http404
        if response := _call_team_act(request, crisis, action, team_form, member_form):
            return response
    return render(
        request,
        "evacuation/call_teams.html",
        {
            "crisis": crisis,
            "teams": call_teams_with_members(crisis),
            "can_manage": can_manage,
            "team_form": team_form,
            "member_form": member_form,
            "failed_team": request.POST.get("team") if action == "add" else None,
        },
    )


def _call_team_act(
    request: AuthenticatedRequest,
    crisis: Crisis,
    action: str,
    team_form: CallTeamForm,
    member_form: CallTeamMemberForm,
) -> HttpResponse | None:
    """Create a team, or add or remove a member; None when a form refused (page again)."""

    def back(_result: object = None) -> HttpResponse:
        return redirect("evacuation:call-teams", crisis_id=crisis.pk)

    if action == "create":
        return form_action(
            request,
            team_form,
            partial(call_team_create, actor=request.user, crisis=crisis),
            success=_("The team has been created."),
            done=back,
        )
    if action not in ("add", "remove"):
        return None
    team = call_team_of_crisis(crisis, request.POST.get("team"))
    if team is None:
        raise Http404
    if action == "add":
        return form_action(
            request,
            member_form,
            lambda user: call_team_member_add(
                actor=request.user, team=team, user=member_form.candidate(user)
            ),
            success=_("The member has been added to the team."),
            done=back,
        )
    service_action(
        request,
        lambda: call_team_member_remove(
            actor=request.user, team=team, user_id=request.POST.get("user") or 0
        ),
        success=_("The member has been removed from the team."),
    )
    return back()
