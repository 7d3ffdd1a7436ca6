"""The case page and the forms posted from it, documents, and the overrides to review."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from evacuation.forms.cases import (
    AccompanyingForm,
    ContactForm,
    DesignationForm,
    DocumentsForm,
    OverrideForm,
    PriorityForm,
    TransitionForm,
)
from evacuation.models.cases import EvacuationCase
from evacuation.permissions import (
    CaseScope,
    access_case,
    access_document,
    access_evacuation_managed,
    can_manage_cases,
    can_work_cases,
    requests_visible,
)
from evacuation.selectors import cases as case_selectors
from evacuation.selectors.help_requests import origin_requests
from evacuation.services.cases import (
    allowed_transitions,
    case_accompanying_update,
    case_priority_set,
    case_transition,
    contact_log_add,
    eligibility_override_review,
    eligibility_override_set,
    group_designation_add,
)
from evacuation.services.documents import case_documents_add
from evacuation.services.eligibility import eligibility_for
from evacuation.views.form_actions import service_action


@login_required
def case_detail(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    household, household_warnings = case_selectors.case_household(case)
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:case-detail",
        objects=[case.person, *[m.person for m in household]],
    )
    can_manage = can_manage_cases(scope)
    context = {
        # Groups the person would qualify for if the crisis enabled them: the DCC's cue to decide.
        "not_enabled": eligibility_for(case.person, case.crisis).not_enabled if can_manage else [],
        "case": case,
        "crisis": case.crisis,
        "scope": scope.value,
        "can_work": can_work_cases(scope),
        "can_manage": can_manage,
        "transition_form": TransitionForm(allowed=allowed_transitions(case)),
        "contact_form": ContactForm(),
        "override_form": OverrideForm(),
        "designation_form": DesignationForm(),
        "contacts": list(case.contacts.select_related("by")[:50]),
        "transitions": list(case.transitions.select_related("actor")[:50]),
        "eligibility_changes": list(case.eligibility_changes.all()[:20]),
        "overrides": case_selectors.case_overrides(case),
        "household": household,
        "household_warnings": household_warnings,
        "manifest_entry": getattr(case, "manifest_entry", None),
        # The help request(s) the case was opened from, where the user may see them.
        "origin_requests": origin_requests(
            requests_visible(request.user, case.crisis, scope), case
        ),
        "documents": list(case.document_files.all()),
        "documents_form": DocumentsForm(),
        "priority_form": PriorityForm(
            initial={"priority": case.priority if case.priority_manual else ""}
        ),
        "accompanying_form": AccompanyingForm(initial={"accompanying": case.accompanying}),
    }
    return render(request, "evacuation/case_detail.html", context)


def _case_form_action(
    request: AuthenticatedRequest,
    case_id: str,
    *,
    may: Callable[[CaseScope], bool],
    form: Callable[[EvacuationCase], forms.BaseForm],
    service: Callable[..., Any],
    success: str,
    invalid: str | None = None,
) -> HttpResponse:
    """The shape of every form posted from the case page: the case as the user may see it,
    404 unless may(scope); form(case) bound to the post; service(actor=, case=,
    **cleaned_data); then a message, success or the refusal (invalid, or the form's own
    errors when None), and back to the case page."""
    case, scope = access_case(request.user, case_id)
    if not may(scope):
        raise Http404
    bound = form(case)
    if bound.is_valid():
        service_action(
            request,
            lambda: service(actor=request.user, case=case, **bound.cleaned_data),
            success,
        )
    else:
        messages.error(
            request,
            invalid or " ".join(str(e) for errors in bound.errors.values() for e in errors),
        )
    return redirect("evacuation:case-detail", case_id=case.pk)


@login_required
@require_POST
def case_priority(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    return _case_form_action(
        request,
        case_id,
        may=can_manage_cases,
        form=lambda case: PriorityForm(request.POST),
        service=case_priority_set,
        success=_("The priority has been set."),
        invalid=_("Choose a priority from 1 to 9."),
    )


@login_required
@require_POST
def case_accompanying(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    return _case_form_action(
        request,
        case_id,
        may=can_work_cases,
        form=lambda case: AccompanyingForm(request.POST),
        service=case_accompanying_update,
        success=_("The accompanying persons have been saved."),
    )


@login_required
@require_POST
def case_documents(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    return _case_form_action(
        request,
        case_id,
        may=can_work_cases,
        form=lambda case: DocumentsForm(request.POST, request.FILES),
        service=lambda *, actor, case, attachments: case_documents_add(
            actor=actor, case=case, uploads=attachments
        ),
        success=_("The documents have been added."),
    )


@login_required
@require_POST
def case_status(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    return _case_form_action(
        request,
        case_id,
        may=can_work_cases,
        form=lambda case: TransitionForm(request.POST, allowed=allowed_transitions(case)),
        service=case_transition,
        success=_("The status has been changed."),
        invalid=_("Choose a status the case can move to."),
    )


@login_required
@require_POST
def case_contact(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    return _case_form_action(
        request,
        case_id,
        may=can_work_cases,
        form=lambda case: ContactForm(request.POST),
        service=contact_log_add,
        success=_("The contact has been logged."),
        invalid=_("The contact could not be logged; check the fields."),
    )


@login_required
@require_POST
def case_override(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    """An override (include or exclude, the form with `effect`) or a designation: both are
    recorded for the person in the case's crisis."""
    override = "effect" in request.POST
    service = eligibility_override_set if override else group_designation_add
    return _case_form_action(
        request,
        case_id,
        may=can_manage_cases,
        form=lambda case: (OverrideForm if override else DesignationForm)(request.POST),
        service=lambda *, actor, case, **data: service(
            actor=actor, crisis=case.crisis, person=case.person, **data
        ),
        success=_("Recorded; eligibility has been recomputed."),
        invalid=_("A justification is required."),
    )


@login_required
def document_download(request: AuthenticatedRequest, document_id: str) -> HttpResponseBase:
    """A document, to whoever may see its case or its help request; else 404."""
    document, seen = access_document(request.user, document_id)
    personal_data_viewed(
        actor=request.user, view_name="evacuation:document-download", objects=[seen]
    )
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=document.original_name,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def override_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_evacuation_managed(request.user, crisis_id)
    if request.method == "POST":
        override = case_selectors.override_of_crisis(crisis, request.POST.get("override"))
        if override is None:
            raise Http404
        service_action(
            request,
            lambda: eligibility_override_review(actor=request.user, override=override),
            _("The override has been marked as reviewed."),
        )
        return redirect("evacuation:override-list", crisis_id=crisis.pk)
    overrides = case_selectors.overrides_for_review(crisis)
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:override-list",
        objects=[o.person for o in overrides],
    )
    return render(
        request, "evacuation/override_list.html", {"crisis": crisis, "overrides": overrides}
    )
