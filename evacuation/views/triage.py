"""Triage of help requests: the queue of a crisis, and one request (claim, release, assign
to a team, turn into a case, close)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import (
    add_service_errors,
    message_service_error,
    posted_action,
)
from evacuation.exceptions import EvacuationConflict
from evacuation.forms.triage import CloseRequestForm, RequestTeamForm
from evacuation.models import CallTeam
from evacuation.models.choices import HelpRequestStatus
from evacuation.models.requests import HelpRequest
from evacuation.permissions import (
    access_evacuation,
    access_help_request,
    can_manage_cases,
    can_work_cases,
    case_scope,
    requests_visible,
)
from evacuation.selectors.help_requests import latest_submissions
from evacuation.selectors.help_requests import triage_queue as queue_of
from evacuation.services.help_requests import (
    help_request_claim,
    help_request_close,
    help_request_convert,
    help_request_release,
)
from evacuation.services.teams import help_requests_assign

PAGE_SIZE = 50


@login_required
def triage_queue(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, scope = access_evacuation(request.user, crisis_id)
    if not can_work_cases(scope):
        raise Http404
    queue = queue_of(requests_visible(request.user, crisis, scope))
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    latest = latest_submissions(items)
    rows = [(item, latest.get(item.pk)) for item in items]
    personal_data_viewed(actor=request.user, view_name="evacuation:triage-queue", objects=items)
    return render(
        request, "evacuation/triage_queue.html", {"crisis": crisis, "page": page, "rows": rows}
    )


@login_required
def help_request_detail(request: AuthenticatedRequest, request_id: str) -> HttpResponse:
    help_request = access_help_request(request.user, request_id)
    action = posted_action(request)
    close_form = CloseRequestForm(request.POST if action == "close" else None)
    can_manage = can_manage_cases(case_scope(request.user, help_request.crisis))
    teams = list(help_request.crisis.call_teams.all()) if can_manage else []
    team_form = RequestTeamForm(
        request.POST if action == "team" else None,
        teams=teams,
        initial={"team": str(help_request.team_id or "")},
    )
    if action == "team" and not can_manage:
        raise Http404
    if action:
        try:
            if response := _help_request_act(
                request, help_request, action, close_form, team_form, teams
            ):
                return response
        except EvacuationConflict as conflict:
            message_service_error(request, conflict)
        except ValidationError as error:
            add_service_errors(close_form, error)
        # A refused close shows the form again with its errors; everything else goes back.
        if action != "close" or close_form.is_valid():
            return redirect("evacuation:help-request-detail", request_id=help_request.pk)
    submissions = list(help_request.submissions.prefetch_related("document_files"))
    personal_data_viewed(
        actor=request.user, view_name="evacuation:help-request-detail", objects=[help_request]
    )
    return render(
        request,
        "evacuation/help_request_detail.html",
        {
            "help_request": help_request,
            "crisis": help_request.crisis,
            "submissions": submissions,
            "close_form": close_form,
            "team_form": team_form if teams else None,
            "mine": help_request.claimed_by_id == request.user.pk
            and help_request.status == HelpRequestStatus.CLAIMED,
        },
    )


def _help_request_act(
    request: AuthenticatedRequest,
    help_request: HelpRequest,
    action: str,
    close_form: CloseRequestForm,
    team_form: RequestTeamForm,
    teams: list[CallTeam],
) -> HttpResponse | None:
    """Carry out the posted action; the page to go to when it leaves the request's page."""
    actor = request.user
    if action == "team" and team_form.is_valid():
        team = next((t for t in teams if str(t.pk) == team_form.cleaned_data["team"]), None)
        help_requests_assign(
            actor=actor, crisis=help_request.crisis, request_ids=[help_request.pk], team=team
        )
        messages.success(request, _("The request has been assigned."))
    elif action == "claim":
        help_request_claim(actor=actor, request=help_request)
        messages.success(request, _("You are now working on this request."))
    elif action == "release":
        help_request_release(actor=actor, request=help_request)
        return redirect("evacuation:triage-queue", crisis_id=help_request.crisis_id)
    elif action == "convert":
        case = help_request_convert(actor=actor, request=help_request)
        messages.success(request, _("A case has been opened."))
        return redirect("evacuation:case-detail", case_id=case.pk)
    elif action == "close" and close_form.is_valid():
        help_request_close(
            actor=actor, request=help_request, reason=close_form.cleaned_data["reason"]
        )
        messages.success(request, _("The request has been closed."))
        return redirect("evacuation:triage-queue", crisis_id=help_request.crisis_id)
    return None
