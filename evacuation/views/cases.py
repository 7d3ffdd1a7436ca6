"""The case page and the forms posted from it, documents, and the overrides to review."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_errors_message, service_action
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


CaseView = Callable[[AuthenticatedRequest, str], HttpResponse]


def _case_form_view(
    *,
    may: Callable[[CaseScope], bool],
    form: Callable[[AuthenticatedRequest, EvacuationCase], forms.BaseForm],
    service: Callable[..., Any],
    success: Any,
    invalid: Any = None,
) -> CaseView:
    """The shape of every form posted from the case page: the case as the user may see it,
    404 unless may(scope); form(request, case) bound to the post; service(actor=, case=,
    **cleaned_data); then a message, success or the refusal (invalid, or the form's own
    errors when None), and back to the case page."""

    @login_required
    @require_POST
    def view(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
        case, scope = access_case(request.user, case_id)
        if not may(scope):
            raise Http404
        bound = form(request, case)
        if bound.is_valid():
            service_action(
                request,
                lambda: service(actor=request.user, case=case, **bound.cleaned_data),
                success=success,
            )
        else:
            messages.error(request, invalid or form_errors_message(bound))
        return redirect("evacuation:case-detail", case_id=case.pk)

    return view


def _documents_add(*, actor: Any, case: EvacuationCase, attachments: list[Any]) -> Any:
    return case_documents_add(actor=actor, case=case, uploads=attachments)


def _override_or_designation(request: AuthenticatedRequest, case: EvacuationCase) -> Any:
    """An override (include or exclude) is the form with `effect`; else a designation."""
    return (OverrideForm if "effect" in request.POST else DesignationForm)(request.POST)


def _override_or_designation_record(*, actor: Any, case: EvacuationCase, **data: Any) -> Any:
    """Both are recorded for the person in the case's crisis."""
    service = eligibility_override_set if "effect" in data else group_designation_add
    return service(actor=actor, crisis=case.crisis, person=case.person, **data)


case_priority = _case_form_view(
    may=can_manage_cases,
    form=lambda request, case: PriorityForm(request.POST),
    service=case_priority_set,
    success=_lazy("The priority has been set."),
    invalid=_lazy("Choose a priority from 1 to 9."),
)
case_accompanying = _case_form_view(
    may=can_work_cases,
    form=lambda request, case: AccompanyingForm(request.POST),
    service=case_accompanying_update,
    success=_lazy("The accompanying persons have been saved."),
)
case_documents = _case_form_view(
    may=can_work_cases,
    form=lambda request, case: DocumentsForm(request.POST, request.FILES),
    service=_documents_add,
    success=_lazy("The documents have been added."),
)
case_status = _case_form_view(
    may=can_work_cases,
    form=lambda request, case: TransitionForm(request.POST, allowed=allowed_transitions(case)),
    service=case_transition,
    success=_lazy("The status has been changed."),
    invalid=_lazy("Choose a status the case can move to."),
)
case_contact = _case_form_view(
    may=can_work_cases,
    form=lambda request, case: ContactForm(request.POST),
    service=contact_log_add,
    success=_lazy("The contact has been logged."),
    invalid=_lazy("The contact could not be logged; check the fields."),
)
case_override = _case_form_view(
    may=can_manage_cases,
    form=_override_or_designation,
    service=_override_or_designation_record,
    success=_lazy("Recorded; eligibility has been recomputed."),
    invalid=_lazy("A justification is required."),
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
            success=_("The override has been marked as reviewed."),
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
