from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.forms.crises import (
    CallInForm,
    CrisisDetailsForm,
    CrisisOpenForm,
    EscalationForm,
    MemberForm,
    PhaseChangeForm,
)
from crisisportal.models import Crisis, CrisisChange
from crisisportal.panels import crisis_panels_for
from crisisportal.permissions import (
    access_crisis,
    crises_for_user,
    crisis_permissions,
    posts_for_user,
)
from crisisportal.selectors import audit as audit_selectors
from crisisportal.selectors import crises as crisis_selectors
from crisisportal.services.audit import personal_data_viewed
from crisisportal.services.crises import (
    allowed_phases,
    crisis_escalation_change,
    crisis_open,
    crisis_phase_change,
    crisis_update,
)
from crisisportal.services.roles import (
    crisis_member_remove,
    crisis_member_set,
    flexible_shell_call_in,
)
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import (
    SuccessMessage,
    form_action,
    page_forms,
    posted_form,
    service_action,
)


@login_required
def crisis_list(request: AuthenticatedRequest) -> HttpResponse:
    crises = crisis_selectors.crisis_list(crises_for_user(request.user))
    return render(request, "crisisportal/crisis_list.html", {"crises": crises})


@login_required
def crisis_create(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("crisisportal.add_crisis"):
        raise Http404
    form = CrisisOpenForm(request.POST or None, posts=posts_for_user(request.user))
    return form_action(
        request,
        form,
        partial(crisis_open, actor=request.user),
        success=_("The crisis has been opened."),
        done=_to_crisis,
    ) or render(request, "crisisportal/crisis_form.html", {"form": form, "creating": True})


def _to_crisis(crisis: Crisis) -> HttpResponse:
    return redirect("crisisportal:crisis-detail", crisis_id=crisis.pk)


@login_required
def crisis_detail(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    perms_here = crisis_permissions(request.user, crisis)
    context = {
        "crisis": crisis,
        "perms_here": perms_here,
        "posts": list(crisis.posts.all()),
        "timeline": crisis_selectors.crisis_timeline(crisis),
        "allowed_phases": allowed_phases(crisis),
        # Sections of the crisis picture and of other apps, each contributed as a panel.
        "panels": crisis_panels_for(request, crisis, perms_here),
    }
    return render(request, "crisisportal/crisis_detail.html", context)


@login_required
def crisis_edit(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id, "manage_crisis")
    initial = {
        "title": crisis.title,
        "kind": crisis.kind,
        "countries": crisis.countries,
        "posts": crisis.posts.all(),
        "reporting_cadence_hours": crisis.reporting_cadence_hours,
        "summary": crisis.summary,
    }
    form = CrisisDetailsForm(
        request.POST or None, initial=initial, posts=posts_for_user(request.user)
    )
    return form_action(
        request,
        form,
        partial(crisis_update, actor=request.user, crisis=crisis),
        success=_("The crisis has been updated."),
        done=_to_crisis,
    ) or render(request, "crisisportal/crisis_form.html", {"form": form, "crisis": crisis})


@login_required
def crisis_phase(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id, "manage_crisis")
    return _crisis_decision_form(
        request,
        crisis,
        PhaseChangeForm(request.POST or None, allowed=allowed_phases(crisis)),
        crisis_phase_change,
        success=_("The phase change has been recorded."),
        heading=_("Change phase"),
    )


@login_required
def crisis_escalate(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id, "manage_crisis")
    return _crisis_decision_form(
        request,
        crisis,
        EscalationForm(request.POST or None, initial={"to_level": crisis.escalation_level}),
        crisis_escalation_change,
        success=lambda change: _("Recorded: %(change)s.") % {"change": change.get_kind_display()},
        heading=_("Escalate or de-escalate"),
    )


def _crisis_decision_form(
    request: AuthenticatedRequest,
    crisis: Crisis,
    form: Form,
    service: Callable[..., CrisisChange],
    *,
    success: SuccessMessage,
    heading: str,
) -> HttpResponse:
    """A decision on the crisis's phase or escalation level: recorded by
    service(actor=, crisis=, **cleaned_data), then back to the crisis; else the form again."""
    return form_action(
        request,
        form,
        partial(service, actor=request.user, crisis=crisis),
        success=success,
        done=lambda _change: _to_crisis(crisis),
    ) or render(
        request,
        "crisisportal/crisis_decision_form.html",
        {"form": form, "crisis": crisis, "heading": heading},
    )


@login_required
def crisis_members(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    can_manage = "manage_crisis" in crisis_permissions(request.user, crisis)
    # Which of the two forms was posted: each field name carries its form's prefix.
    action = posted_form(request, "member-user", "member", "callin")
    forms = page_forms(
        request,
        action,
        {
            "member": MemberForm,
            "callin": partial(
                CallInForm, available=crisis_selectors.flexible_shell_available(crisis)
            ),
        },
    )
    if action:
        if not can_manage:
            raise Http404
        services: dict[str, tuple[Callable[..., Any], str]] = {
            "member": (crisis_member_set, _("The role has been saved.")),
            "callin": (
                flexible_shell_call_in,
                _("The flexible-shell members have been called in."),
            ),
        }
        service, success = services[action]
        if response := form_action(
            request,
            forms[action],
            partial(service, actor=request.user, crisis=crisis),
            success=success,
            done=lambda _result: redirect("crisisportal:crisis-members", crisis_id=crisis.pk),
        ):
            return response
    memberships = crisis_selectors.crisis_memberships(crisis)
    personal_data_viewed(
        actor=request.user,
        view_name="crisisportal:crisis-members",
        objects=[m.user for m in memberships],
    )
    return render(
        request,
        "crisisportal/crisis_members.html",
        {
            "crisis": crisis,
            "memberships": memberships,
            "escalation_list_empty": not any(m.escalation_order for m in memberships),
            "can_manage": can_manage,
            "member_form": forms["member"],
            "call_in_form": forms["callin"],
        },
    )


@login_required
@require_POST
def crisis_member_delete(
    request: AuthenticatedRequest, crisis_id: str, membership_id: int
) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id, "manage_crisis")
    membership = crisis_selectors.crisis_membership(crisis, membership_id)
    service_action(
        request,
        lambda: crisis_member_remove(actor=request.user, crisis=crisis, user=membership.user),
        success=_("The member has been removed from the crisis."),
    )
    return redirect("crisisportal:crisis-members", crisis_id=crisis.pk)


@login_required
def crisis_history(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id, "manage_crisis")
    events = audit_selectors.record_history(crisis)
    return render(
        request,
        "crisisportal/record_history.html",
        {"crisis": crisis, "record": crisis, "events": events},
    )
