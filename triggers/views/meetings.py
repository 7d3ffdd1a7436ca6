"""Trigger documents on a BOB meeting page: linking a judgement to a scenario."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.models import Meeting
from crisisportal.permissions import access_meeting
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import service_action
from triggers.forms.meetings import JudgementScenarioForm
from triggers.selectors.crises import crisis_scenarios
from triggers.services.agenda import judgement_scenario_link as judgement_scenario_link_save


@login_required
@require_POST
def judgement_scenario_link(request: AuthenticatedRequest, meeting_id: str) -> HttpResponse:
    """Link a judgement of a BOB meeting to a scenario (from the meeting page)."""
    # Only to find the crisis; access_meeting then decides (404 when not allowed or missing).
    crisis_id = Meeting.objects.filter(pk=meeting_id).values_list("crisis_id", flat=True).first()
    crisis, meeting = access_meeting(request.user, crisis_id, meeting_id, write=True)
    form = JudgementScenarioForm(
        request.POST,
        judgements=meeting.judgements.all(),
        scenarios=crisis_scenarios(request.user, crisis),
    )
    if form.is_valid():
        service_action(
            request,
            lambda: judgement_scenario_link_save(actor=request.user, **form.cleaned_data),
            success=_("The judgement has been linked to the scenario."),
        )
    else:
        messages.error(request, _("Choose a judgement and a scenario."))
    return redirect("crisisportal:meeting-detail", crisis_id=crisis.pk, meeting_id=meeting.pk)
