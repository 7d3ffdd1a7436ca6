"""Pages of BOB meetings and the decision log. Access rules: crisisportal.permissions."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisisportal.forms.meetings import (
    AgendaItemForm,
    AmendmentForm,
    DecisionForm,
    DecisionUpdateForm,
    JudgementForm,
    MeetingForm,
    MinisterAnswerForm,
    PictureItemForm,
    SitrepImportForm,
    StepBackForm,
)
from crisisportal.models import (
    MEETING_PHASE_ORDER,
    Crisis,
    DecisionStatus,
    Meeting,
    MeetingPhase,
)
from crisisportal.permissions import (
    access_crisis,
    access_meeting,
    access_picture,
    crisis_permissions,
    meetings_visible,
)
from crisisportal.selectors import meetings as meeting_selectors
from crisisportal.services.decisions import (
    decision_minister_answer,
    decision_record,
    decision_status_update,
)
from crisisportal.services.meetings import (
    judgement_add,
    meeting_agenda_item_add,
    meeting_amend,
    meeting_phase_advance,
    meeting_phase_step_back,
    meeting_schedule,
    picture_item_add,
    picture_sitreps_import,
)
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import (
    SuccessMessage,
    form_action,
    form_errors_message,
    page_forms,
    posted_form,
    service_action,
)

PAGE_SIZE = 100


def _to_meeting(meeting: Meeting) -> HttpResponse:
    return redirect(
        "crisisportal:meeting-detail", crisis_id=meeting.crisis_id, meeting_id=meeting.pk
    )


@login_required
def meeting_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    perms = crisis_permissions(request.user, crisis)
    meetings = meeting_selectors.meeting_list(meetings_visible(request.user, crisis, perms))
    if "view_picture_crisis" not in perms and not meetings.exists():
        raise Http404
    return render(
        request,
        "crisisportal/meeting_list.html",
        {"crisis": crisis, "meetings": meetings, "can_work": "work_crisis" in perms},
    )


@login_required
def meeting_create(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id, "work_crisis")
    form = MeetingForm(request.POST or None, crisis=crisis)
    return form_action(
        request,
        form,
        partial(meeting_schedule, actor=request.user, crisis=crisis),
        success=_("The meeting has been scheduled."),
        done=_to_meeting,
    ) or render(request, "crisisportal/meeting_form.html", {"crisis": crisis, "form": form})


def _meeting_context(
    request: AuthenticatedRequest, crisis: Crisis, meeting: Meeting, **forms: Any
) -> dict[str, Any]:
    perms = crisis_permissions(request.user, crisis)
    can_work = "work_crisis" in perms
    phase = meeting.phase
    context: dict[str, Any] = {
        **meeting_selectors.meeting_record(meeting),
        "crisis": crisis,
        "can_work": can_work,
        "phases": [(p, p.label, p == phase) for p in MEETING_PHASE_ORDER],
        "phase_changes": list(meeting.phase_changes.select_related("changed_by")),
        "changes": meeting_selectors.picture_changes(meeting),
    }
    if phase == MeetingPhase.JUDGEMENT:
        context["open_decisions"] = meeting_selectors.open_decisions(crisis)
        context["follow_up_updates"] = {
            update.decision_id: update
            for update in meeting.decision_updates.select_related("updated_by")
        }
    if can_work and not meeting.is_closed:
        context["agenda_form"] = forms.get("agenda_form") or AgendaItemForm(prefix="agenda")
        context["step_back_form"] = forms.get("step_back_form") or StepBackForm(prefix="back")
        if phase == MeetingPhase.PICTURE:
            offered = meeting_selectors.sitreps_to_import(meeting)
            context["picture_form"] = forms.get("picture_form") or PictureItemForm(prefix="picture")
            context["import_form"] = (
                SitrepImportForm(prefix="import", offered=offered) if offered else None
            )
        elif phase == MeetingPhase.JUDGEMENT:
            context["judgement_form"] = forms.get("judgement_form") or JudgementForm(
                prefix="judgement"
            )
            context["follow_up_form"] = forms.get("follow_up_form") or DecisionUpdateForm(
                prefix="follow"
            )
        elif phase == MeetingPhase.DECISION:
            context["decision_form"] = forms.get("decision_form") or DecisionForm(
                prefix="decision", meeting=meeting
            )
    if can_work and meeting.is_closed:
        context["amend_form"] = forms.get("amend_form") or AmendmentForm(prefix="amend")
    return context


@login_required
def meeting_detail(request: AuthenticatedRequest, crisis_id: str, meeting_id: str) -> HttpResponse:
    crisis, meeting = access_meeting(request.user, crisis_id, meeting_id)
    return render(
        request, "crisisportal/meeting_detail.html", _meeting_context(request, crisis, meeting)
    )


def _rerender(
    request: AuthenticatedRequest, crisis: Crisis, meeting: Meeting, **forms: Any
) -> HttpResponse:
    context = _meeting_context(request, crisis, meeting, **forms)
    # Refusals of the service (e.g. work out of phase) show above the page, whichever form.
    context["refusals"] = [error for form in forms.values() for error in form.non_field_errors()]
    return render(request, "crisisportal/meeting_detail.html", context, status=400)


@login_required
@require_POST
def meeting_advance(request: AuthenticatedRequest, crisis_id: str, meeting_id: str) -> HttpResponse:
    _crisis, meeting = access_meeting(request.user, crisis_id, meeting_id, write=True)
    service_action(
        request,
        lambda: meeting_phase_advance(actor=request.user, meeting=meeting),
        success=_phase_now,
    )
    return _to_meeting(meeting)


def _phase_now(meeting: Meeting) -> str:
    return _("The meeting is now in: %(phase)s.") % {"phase": meeting.get_phase_display()}


def _meeting_form_view(
    form_class: type[Form],
    form_name: str,
    service: Callable[..., Any],
    *,
    success: SuccessMessage = None,
    prefix: str | None = None,
    form_takes_meeting: bool = False,
) -> Callable[..., HttpResponse]:
    """The view of a form posted on a meeting page: access the meeting for writing (404
    otherwise), bind the form (prefix: form_name unless given), call
    service(actor=, meeting=, **cleaned_data); on success a message (success, or
    success(result)) and back to the meeting page; when the form or the service refuses, the
    meeting page again with the errors in that form (`<form_name>_form`, status 400)."""

    @login_required
    @require_POST
    def view(request: AuthenticatedRequest, crisis_id: str, meeting_id: str) -> HttpResponse:
        crisis, meeting = access_meeting(request.user, crisis_id, meeting_id, write=True)
        extra: dict[str, Any] = {"meeting": meeting} if form_takes_meeting else {}
        form = form_class(request.POST, prefix=prefix or form_name, **extra)
        return form_action(
            request,
            form,
            partial(service, actor=request.user, meeting=meeting),
            success=success,
            done=lambda _result: _to_meeting(meeting),
        ) or _rerender(request, crisis, meeting, **{f"{form_name}_form": form})

    return view


def _phase_went_back(meeting: Meeting) -> str:
    return _("The meeting went back to: %(phase)s.") % {"phase": meeting.get_phase_display()}


def _agenda_item_add(*, actor: Any, meeting: Meeting, text: str) -> Any:
    return meeting_agenda_item_add(actor=actor, crisis=meeting.crisis, text=text, meeting=meeting)


meeting_step_back = _meeting_form_view(
    StepBackForm,
    "step_back",
    meeting_phase_step_back,
    prefix="back",
    success=_phase_went_back,
)


meeting_agenda_add = _meeting_form_view(
    AgendaItemForm,
    "agenda",
    _agenda_item_add,
)


meeting_picture_add = _meeting_form_view(
    PictureItemForm,
    "picture",
    picture_item_add,
    success=gettext_lazy("The fact has been added to the picture."),
)


@login_required
@require_POST
def meeting_sitreps_import(
    request: AuthenticatedRequest, crisis_id: str, meeting_id: str
) -> HttpResponse:
    _crisis, meeting = access_meeting(request.user, crisis_id, meeting_id, write=True)
    form = SitrepImportForm(
        request.POST, prefix="import", offered=meeting_selectors.sitreps_to_import(meeting)
    )
    if not form.is_valid():
        messages.error(request, _("Choose at least one situation report to import."))
        return _to_meeting(meeting)
    service_action(
        request,
        lambda: picture_sitreps_import(
            actor=request.user, meeting=meeting, sitreps=form.cleaned_data["sitreps"]
        ),
        success=lambda items: (
            _("%(count)s situation reports imported into the picture.") % {"count": len(items)}
        ),
    )
    return _to_meeting(meeting)


meeting_judgement_add = _meeting_form_view(
    JudgementForm,
    "judgement",
    judgement_add,
    success=gettext_lazy("The judgement has been recorded."),
)


meeting_decision_add = _meeting_form_view(
    DecisionForm,
    "decision",
    decision_record,
    success=gettext_lazy("The decision has been recorded."),
    form_takes_meeting=True,
)


@login_required
@require_POST
def meeting_decision_follow_up(
    request: AuthenticatedRequest, crisis_id: str, meeting_id: str, decision_id: str
) -> HttpResponse:
    crisis, meeting = access_meeting(request.user, crisis_id, meeting_id, write=True)
    decision = crisis.decisions.filter(pk=decision_id).first()
    if decision is None:
        raise Http404
    form = DecisionUpdateForm(request.POST, prefix="follow")
    done = form_action(
        request,
        form,
        partial(decision_status_update, actor=request.user, decision=decision, meeting=meeting),
        success=_("The decision's status has been updated."),
        done=lambda _decision: _to_meeting(meeting),
    )
    if done:
        return done
    messages.error(request, form_errors_message(form))
    return _to_meeting(meeting)


meeting_amend_view = _meeting_form_view(
    AmendmentForm,
    "amend",
    meeting_amend,
    success=gettext_lazy("The amendment is recorded; the minutes are regenerated."),
)


@login_required
def meeting_minutes(request: AuthenticatedRequest, crisis_id: str, meeting_id: str) -> FileResponse:
    _crisis, meeting = access_meeting(request.user, crisis_id, meeting_id)
    if not meeting.minutes_pdf:
        raise Http404
    response = FileResponse(
        meeting.minutes_pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"minutes-{meeting.scheduled_at:%Y-%m-%d}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def decision_log_view(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_picture(request.user, crisis_id)
    status = request.GET.get("status", "")
    if status not in [*DecisionStatus.values, "overdue"]:
        status = ""
    owners = meeting_selectors.decision_owners(crisis)
    owner_id = request.GET.get("owner", "")
    if owner_id not in {str(o.pk) for o in owners}:
        owner_id = ""
    decisions = meeting_selectors.decision_log(crisis, status=status, owner_id=owner_id or None)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "crisisportal/decision_log.html",
        {
            "crisis": crisis,
            "page": page,
            "decisions": page.object_list,
            "status": status,
            "owner_id": owner_id,
            "owners": owners,
            "statuses": [*DecisionStatus.choices, ("overdue", _("Overdue"))],
            "today": timezone.localdate(),
        },
    )


@login_required
def decision_detail(
    request: AuthenticatedRequest, crisis_id: str, decision_id: str
) -> HttpResponse:
    crisis = access_picture(request.user, crisis_id)
    decision = (
        crisis.decisions.select_related("owner", "meeting")
        .prefetch_related("picture_items", "judgements")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise Http404
    can_work = "work_crisis" in crisis_permissions(request.user, crisis)
    # Which of the two forms was posted: each field name carries its form's prefix.
    action = posted_form(request, "answer-answer", "answer", "status")
    forms = page_forms(
        request, action, {"status": DecisionUpdateForm, "answer": MinisterAnswerForm}
    )
    if action:
        if not can_work:
            raise Http404
        services: dict[str, tuple[Callable[..., Any], str]] = {
            "answer": (decision_minister_answer, _("The minister's answer has been recorded.")),
            "status": (decision_status_update, _("The decision's status has been updated.")),
        }
        service, success = services[action]
        if response := form_action(
            request,
            forms[action],
            partial(service, actor=request.user, decision=decision),
            success=success,
            done=lambda _result: redirect(
                "crisisportal:decision-detail", crisis_id=crisis.pk, decision_id=decision.pk
            ),
        ):
            return response
    return render(
        request,
        "crisisportal/decision_detail.html",
        {
            "crisis": crisis,
            "decision": decision,
            "updates": list(decision.updates.select_related("updated_by", "meeting")),
            "can_work": can_work,
            "update_form": forms["status"],
            "answer_form": forms["answer"],
        },
        status=400 if request.method == "POST" else 200,
    )
