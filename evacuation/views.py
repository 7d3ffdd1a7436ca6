import csv
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.csv_export import Echo, csv_safe
from crisisportal.permissions import access_crisis
from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import add_service_errors
from evacuation import selectors
from evacuation.exceptions import EvacuationConflict
from evacuation.forms import (
    AccompanyingForm,
    AssignForm,
    CallTeamForm,
    CallTeamMemberForm,
    CaseFilterForm,
    CloseRequestForm,
    ContactForm,
    DesignationForm,
    DocumentsForm,
    FlightForm,
    GroupDecisionForm,
    HelpRequestForm,
    OverrideForm,
    PriorityForm,
    RequestTeamForm,
    TransitionForm,
)
from evacuation.models import CallTeam, CrisisGroup, EligibleGroup, Flight, GroupCode
from evacuation.models.cases import CaseStatus, EligibilityOverride, EvacuationCase
from evacuation.models.documents import EvacuationDocument
from evacuation.models.requests import CaseListExport, HelpRequestStatus, HelpRequestSubmission
from evacuation.pdf import manifest_pdf
from evacuation.permissions import (
    CaseScope,
    access_case,
    access_evacuation,
    access_help_request,
    can_manage_cases,
    case_scope,
    cases_countable,
    cases_visible,
    requests_visible,
)
from evacuation.services.cases import (
    allowed_transitions,
    case_accompanying_update,
    case_owners_available,
    case_priority_set,
    case_transition,
    cases_assign,
    contact_log_add,
    eligibility_override_review,
    eligibility_override_set,
    group_designation_add,
)
from evacuation.services.documents import case_documents_add
from evacuation.services.eligibility import ALWAYS_APPLICABLE, eligibility_for
from evacuation.services.flights import flight_create
from evacuation.services.groups import crisis_group_set
from evacuation.services.help_requests import (
    help_request_claim,
    help_request_close,
    help_request_convert,
    help_request_release,
    help_request_submit,
)
from evacuation.services.manifests import (
    arrival_record,
    boarding_record,
    flight_eu_citizens_count,
    manifest_replace,
)
from evacuation.services.teams import (
    call_team_create,
    call_team_member_add,
    call_team_member_remove,
    help_requests_assign,
)

PAGE_SIZE = 50


def _uuid_or_none(value: Any) -> str:
    """A valid UUID string, or the nil UUID (which matches nothing) for garbage input."""
    import uuid

    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(uuid.UUID(int=0))


# Public ------------------------------------------------------------------------------


# Filled in only by bots: the field is out of sight and out of the tab order for people.
HONEYPOT_FIELD = "website"


def help_request_new(request: HttpRequest, crisis_id: str) -> HttpResponse:
    """The public help-request form: no account, no personal data in the URL.

    Every accepted submission ends on the same thanks page, whether the person was known,
    had asked before or is new (no enumeration); a filled honeypot gets that page too but
    stores nothing; too many attempts from one address or one contact get a 429."""
    from crisisportal.models import Crisis
    from registration.services.registrations import public_form_rate_limited

    crisis = Crisis.objects.filter(pk=crisis_id).exclude(phase="closed").first()
    if crisis is None:
        raise Http404
    form = HelpRequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
        return redirect("evacuation:help-request-thanks", crisis_id=crisis.pk)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["email"] or "".join(
            c for c in form.cleaned_data["phone"] if c.isdigit()
        )
        if public_form_rate_limited(
            scope="help-request",
            ip=request.META.get("REMOTE_ADDR", ""),
            identity=contact,
            per_ip=settings.HELP_REQUEST_RATE_LIMIT_PER_IP,
            per_identity=settings.HELP_REQUEST_RATE_LIMIT_PER_CONTACT,
        ):
            form.add_error(
                None,
                _("Too many requests were sent from here or for this contact. Try again later."),
            )
            status = 429
        else:
            try:
                help_request_submit(crisis=crisis, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("evacuation:help-request-thanks", crisis_id=crisis.pk)
    return render(
        request,
        "evacuation/help_request_form.html",
        {"form": form, "crisis": crisis, "honeypot": HONEYPOT_FIELD},
        status=status,
    )


def help_request_thanks(request: HttpRequest, crisis_id: str) -> HttpResponse:
    return render(request, "evacuation/help_request_thanks.html")


# Cases -------------------------------------------------------------------------------


def _filter_form(crisis: Any, data: Any, teams: list[CallTeam]) -> CaseFilterForm:
    return CaseFilterForm(
        data, owners=case_owners_available(crisis), posts=list(crisis.posts.all()), teams=teams
    )


@login_required
def case_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, scope = access_evacuation(request.user, crisis_id)
    filters = selectors.case_filters_clean(request.GET)
    teams = list(crisis.call_teams.all())
    counts = selectors.case_counts(
        selectors.cases_filter(cases_countable(request.user, crisis, scope), filters)
    )
    context: dict[str, Any] = {
        "crisis": crisis,
        "scope": scope.value,
        "counts": counts,
        "groups": GroupCode.choices,
        "statuses": CaseStatus.choices,
        "filter_form": _filter_form(crisis, request.GET, teams),
        "query": request.GET.urlencode(),
    }
    if scope is not CaseScope.COUNTS:
        cases = selectors.case_list(
            selectors.cases_filter(cases_visible(request.user, crisis, scope), filters)
        )
        paginator = Paginator(cases, PAGE_SIZE)
        # The counts above ran over the same filtered cases: no second COUNT(*) for the pages.
        paginator.__dict__["count"] = counts["total"]
        page = paginator.get_page(request.GET.get("page"))
        page_cases = list(page.object_list)
        personal_data_viewed(
            actor=request.user,
            view_name="evacuation:case-list",
            objects=[c.person for c in page_cases],
        )
        context.update(
            page=page,
            cases=page_cases,
            can_manage=can_manage_cases(scope),
            assign_form=AssignForm(owners=case_owners_available(crisis), teams=teams),
            page_query=_without_page(request.GET),
        )
    return render(request, "evacuation/case_list.html", context)


def _without_page(query: Any) -> str:
    query = query.copy()
    query.pop("page", None)
    return str(query.urlencode())


@login_required
@require_POST
def case_assign(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, scope = access_evacuation(request.user, crisis_id)
    if not can_manage_cases(scope):
        raise Http404
    teams = list(crisis.call_teams.all())
    form = AssignForm(request.POST, owners=case_owners_available(crisis), teams=teams)
    case_ids = [_uuid_or_none(case_id) for case_id in request.POST.getlist("case")]
    if form.is_valid():
        owner_id = form.cleaned_data["owner"]
        owner = get_user_model().objects.filter(pk=owner_id).first() if owner_id else None
        team = next((t for t in teams if str(t.pk) == form.cleaned_data["team"]), None)
        try:
            count = cases_assign(
                actor=request.user, crisis=crisis, case_ids=case_ids, owner=owner, team=team
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)s cases assigned.") % {"count": count})
    return redirect(
        reverse("evacuation:case-list", args=[crisis.pk]) + "?" + request.POST.get("query", "")
    )


@login_required
def case_export_csv(request: AuthenticatedRequest, crisis_id: str) -> HttpResponseBase:
    """Streamed CSV of the filtered list: memory stays flat for 150,000 rows."""
    crisis, scope = access_evacuation(request.user, crisis_id)
    if scope is CaseScope.COUNTS:
        raise Http404
    filters = selectors.case_filters_clean(request.GET)
    cases = selectors.case_list(
        selectors.cases_filter(cases_visible(request.user, crisis, scope), filters)
    )
    personal_data_viewed(
        actor=request.user, view_name="evacuation:case-export-csv", objects=[crisis]
    )
    writer = csv.writer(Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(
            ["case", "given_names", "family_name", "date_of_birth", "nationalities", "groups",
             "status", "priority", "owner", "post"]
        )  # fmt: skip
        for case in cases.iterator(chunk_size=2000):
            person = case.person
            yield writer.writerow(
                [
                    case.pk,
                    csv_safe(person.given_names),
                    csv_safe(person.family_name),
                    person.date_of_birth or "",
                    " ".join(case.nationalities),
                    " ".join(case.group_codes),
                    case.status,
                    case.priority,
                    case.owner.email if case.owner else "",
                    case.post.name if case.post else "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def case_export_pdf(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    from evacuation.tasks import case_list_pdf_generate

    crisis, scope = access_evacuation(request.user, crisis_id)
    if scope is CaseScope.COUNTS:
        raise Http404
    # The builder applies the requester's own visibility (cases_visible) when it runs.
    filters: dict[str, Any] = selectors.case_filters_clean(request.POST)
    export = CaseListExport.objects.create(
        crisis=crisis, requested_by=request.user, filters=filters
    )
    export_id = str(export.pk)
    transaction.on_commit(lambda: case_list_pdf_generate.delay(export_id))
    return redirect("evacuation:export-status", export_id=export.pk)


def _access_export(request: AuthenticatedRequest, export_id: str) -> CaseListExport:
    export = CaseListExport.objects.filter(pk=export_id, requested_by=request.user).first()
    if export is None:
        raise Http404
    return export


@login_required
def export_status(request: AuthenticatedRequest, export_id: str) -> HttpResponse:
    export = _access_export(request, export_id)
    template = (
        "evacuation/_export_progress.html"
        if request.headers.get("HX-Request")
        else "evacuation/export_status.html"
    )
    return render(request, template, {"export": export})


@login_required
def export_download(request: AuthenticatedRequest, export_id: str) -> HttpResponseBase:
    export = _access_export(request, export_id)
    if not export.file:
        raise Http404
    personal_data_viewed(
        actor=request.user, view_name="evacuation:export-download", objects=[export]
    )
    response = FileResponse(export.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="cases.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_detail(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    household, household_warnings = selectors.case_household(case)
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:case-detail",
        objects=[case.person, *[m.person for m in household]],
    )
    can_work = scope in (CaseScope.ALL, CaseScope.OWNED)
    # Groups the person would qualify for if the crisis enabled them: the DCC's cue to decide.
    not_enabled = (
        eligibility_for(case.person, case.crisis).not_enabled if can_manage_cases(scope) else []
    )
    context = {
        "not_enabled": not_enabled,
        "case": case,
        "crisis": case.crisis,
        "scope": scope.value,
        "can_work": can_work,
        "can_manage": can_manage_cases(scope),
        "transition_form": TransitionForm(allowed=allowed_transitions(case)),
        "contact_form": ContactForm(),
        "override_form": OverrideForm(),
        "designation_form": DesignationForm(),
        "contacts": list(case.contacts.select_related("by")[:50]),
        "transitions": list(case.transitions.select_related("actor")[:50]),
        "eligibility_changes": list(case.eligibility_changes.all()[:20]),
        "overrides": list(
            EligibilityOverride.objects.filter(crisis=case.crisis, person=case.person)
        ),
        "household": household,
        "household_warnings": household_warnings,
        "manifest_entry": getattr(case, "manifest_entry", None),
        # The help request(s) the case was opened from, where the user may see them.
        "origin_requests": list(
            requests_visible(request.user, case.crisis, scope)
            .filter(case=case)
            .annotate(submission_count=Count("submissions"))
            .order_by("created_at")
        ),
        "documents": list(case.document_files.all()),
        "documents_form": DocumentsForm(),
        "priority_form": PriorityForm(
            initial={"priority": case.priority if case.priority_manual else ""}
        ),
        "accompanying_form": AccompanyingForm(initial={"accompanying": case.accompanying}),
    }
    return render(request, "evacuation/case_detail.html", context)


@login_required
@require_POST
def case_priority(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    if not can_manage_cases(scope):
        raise Http404
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            case_priority_set(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The priority has been set."))
    else:
        messages.error(request, _("Choose a priority from 1 to 9."))
    return redirect("evacuation:case-detail", case_id=case.pk)


@login_required
@require_POST
def case_accompanying(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    if scope not in (CaseScope.ALL, CaseScope.OWNED):
        raise Http404
    form = AccompanyingForm(request.POST)
    if form.is_valid():
        case_accompanying_update(
            actor=request.user, case=case, accompanying=form.cleaned_data["accompanying"]
        )
        messages.success(request, _("The accompanying persons have been saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("evacuation:case-detail", case_id=case.pk)


@login_required
@require_POST
def case_documents(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    if scope not in (CaseScope.ALL, CaseScope.OWNED):
        raise Http404
    form = DocumentsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            case_documents_add(
                actor=request.user, case=case, uploads=form.cleaned_data["attachments"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The documents have been added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("evacuation:case-detail", case_id=case.pk)


@login_required
def document_download(request: AuthenticatedRequest, document_id: str) -> HttpResponseBase:
    """A document, to whoever may see its case or its help request; else 404."""
    document = (
        EvacuationDocument.objects.select_related("submission")
        .filter(pk=_uuid_or_none(document_id))
        .first()
    )
    if document is None:
        raise Http404
    if document.case_id is not None:
        case, scope = access_case(request.user, document.case_id)
        if scope is CaseScope.COUNTS:
            raise Http404
        seen: Any = case.person
    elif document.submission is not None:
        seen = access_help_request(request.user, document.submission.request_id)
    else:
        raise Http404
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
@require_POST
def case_status(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    if scope not in (CaseScope.ALL, CaseScope.OWNED):
        raise Http404
    form = TransitionForm(request.POST, allowed=allowed_transitions(case))
    if form.is_valid():
        try:
            case_transition(
                actor=request.user,
                case=case,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("Choose a status the case can move to."))
    return redirect("evacuation:case-detail", case_id=case.pk)


@login_required
@require_POST
def case_contact(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    if scope not in (CaseScope.ALL, CaseScope.OWNED):
        raise Http404
    form = ContactForm(request.POST)
    if form.is_valid():
        contact_log_add(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("The contact has been logged."))
    else:
        messages.error(request, _("The contact could not be logged; check the fields."))
    return redirect("evacuation:case-detail", case_id=case.pk)


@login_required
@require_POST
def case_override(request: AuthenticatedRequest, case_id: str) -> HttpResponse:
    case, scope = access_case(request.user, case_id)
    if not can_manage_cases(scope):
        raise Http404
    if "effect" in request.POST:
        form: Any = OverrideForm(request.POST)
        service: Any = eligibility_override_set
    else:
        form = DesignationForm(request.POST)
        service = group_designation_add
    if form.is_valid():
        try:
            service(actor=request.user, crisis=case.crisis, person=case.person, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Recorded; eligibility has been recomputed."))
    else:
        messages.error(request, _("A justification is required."))
    return redirect("evacuation:case-detail", case_id=case.pk)


@login_required
def override_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, scope = access_evacuation(request.user, crisis_id)
    if not can_manage_cases(scope):
        raise Http404
    if request.method == "POST":
        override = EligibilityOverride.objects.filter(
            crisis=crisis, pk=_uuid_or_none(request.POST.get("override"))
        ).first()
        if override is None:
            raise Http404
        try:
            eligibility_override_review(actor=request.user, override=override)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The override has been marked as reviewed."))
        return redirect("evacuation:override-list", crisis_id=crisis.pk)
    overrides = list(
        EligibilityOverride.objects.filter(crisis=crisis)
        .select_related("person", "created_by", "reviewed_by")
        .order_by("reviewed_at", "-created_at")[:500]
    )
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:override-list",
        objects=[o.person for o in overrides],
    )
    return render(
        request, "evacuation/override_list.html", {"crisis": crisis, "overrides": overrides}
    )


# Triage ------------------------------------------------------------------------------


@login_required
def triage_queue(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, scope = access_evacuation(request.user, crisis_id)
    if scope not in (CaseScope.ALL, CaseScope.OWNED):
        raise Http404
    queue = selectors.triage_queue(requests_visible(request.user, crisis, scope))
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    # The newest submission of each request on the page, in one query.
    latest: dict[Any, HelpRequestSubmission] = {}
    for submission in (
        HelpRequestSubmission.objects.filter(request__in=items)
        .order_by("request_id", "-submitted_at")
        .distinct("request_id")
    ):
        latest[submission.request_id] = submission
    rows = [(item, latest.get(item.pk)) for item in items]
    personal_data_viewed(actor=request.user, view_name="evacuation:triage-queue", objects=items)
    return render(
        request, "evacuation/triage_queue.html", {"crisis": crisis, "page": page, "rows": rows}
    )


@login_required
def help_request_detail(request: AuthenticatedRequest, request_id: str) -> HttpResponse:
    help_request = access_help_request(request.user, request_id)
    action = request.POST.get("action") if request.method == "POST" else None
    close_form = CloseRequestForm(request.POST if action == "close" else None)
    scope = case_scope(request.user, help_request.crisis)
    teams = list(help_request.crisis.call_teams.all()) if can_manage_cases(scope) else []
    team_form = RequestTeamForm(
        request.POST if action == "team" else None,
        teams=teams,
        initial={"team": str(help_request.team_id or "")},
    )
    if action:
        try:
            if action == "team":
                if not can_manage_cases(scope):
                    raise Http404
                if team_form.is_valid():
                    team = next(
                        (t for t in teams if str(t.pk) == team_form.cleaned_data["team"]), None
                    )
                    help_requests_assign(
                        actor=request.user,
                        crisis=help_request.crisis,
                        request_ids=[help_request.pk],
                        team=team,
                    )
                    messages.success(request, _("The request has been assigned."))
            elif action == "claim":
                help_request_claim(actor=request.user, request=help_request)
                messages.success(request, _("You are now working on this request."))
            elif action == "release":
                help_request_release(actor=request.user, request=help_request)
                return redirect("evacuation:triage-queue", crisis_id=help_request.crisis_id)
            elif action == "convert":
                case = help_request_convert(actor=request.user, request=help_request)
                messages.success(request, _("A case has been opened."))
                return redirect("evacuation:case-detail", case_id=case.pk)
            elif action == "close" and close_form.is_valid():
                help_request_close(
                    actor=request.user,
                    request=help_request,
                    reason=close_form.cleaned_data["reason"],
                )
                messages.success(request, _("The request has been closed."))
                return redirect("evacuation:triage-queue", crisis_id=help_request.crisis_id)
        except EvacuationConflict as error:
            messages.error(request, " ".join(error.messages))
        except ValidationError as error:
            add_service_errors(close_form, error)
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


# Flights -----------------------------------------------------------------------------


def _access_flight(request: AuthenticatedRequest, flight_id: str) -> tuple[Flight, CaseScope]:
    flight = Flight.objects.select_related("crisis").filter(pk=flight_id).first()
    if flight is None:
        raise Http404
    access_crisis(request.user, flight.crisis_id)
    _crisis, scope = access_evacuation(request.user, flight.crisis_id)
    if not can_manage_cases(scope):
        raise Http404
    return flight, scope


@login_required
def flight_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, scope = access_evacuation(request.user, crisis_id)
    if not can_manage_cases(scope):
        raise Http404
    form = FlightForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flight = flight_create(actor=request.user, crisis=crisis, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The flight has been added."))
            return redirect("evacuation:flight-detail", flight_id=flight.pk)
    return render(
        request,
        "evacuation/flight_list.html",
        {"crisis": crisis, "flights": list(selectors.flights_for_crisis(crisis)), "form": form},
    )


@login_required
def flight_detail(request: AuthenticatedRequest, flight_id: str) -> HttpResponse:
    flight, _scope = _access_flight(request, flight_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "manifest":
                cases = EvacuationCase.objects.filter(
                    crisis=flight.crisis, pk__in=request.POST.getlist("case")
                )
                manifest_replace(actor=request.user, flight=flight, cases=list(cases))
                messages.success(request, _("The manifest has been saved."))
            elif action == "board":
                case = EvacuationCase.objects.filter(
                    crisis=flight.crisis, pk=_uuid_or_none(request.POST.get("case"))
                ).first()
                if case is None:
                    raise Http404
                boarding_record(actor=request.user, flight=flight, case=case)
                messages.success(request, _("Boarding has been recorded."))
            elif action == "arrived":
                arrival_record(actor=request.user, flight=flight)
                messages.success(request, _("The arrival has been recorded."))
            elif action == "arrived-case":
                case = EvacuationCase.objects.filter(
                    crisis=flight.crisis, pk=_uuid_or_none(request.POST.get("case"))
                ).first()
                if case is None:
                    raise Http404
                arrival_record(actor=request.user, flight=flight, case=case)
                messages.success(request, _("The arrival has been recorded."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("evacuation:flight-detail", flight_id=flight.pk)
    entries = selectors.flight_manifest(flight)
    candidates = list(
        EvacuationCase.objects.filter(
            crisis=flight.crisis,
            status__in=[
                CaseStatus.APPROVED,
                CaseStatus.CALLED_TO_ASSEMBLY_POINT,
                CaseStatus.CHECKED_IN,
            ],
            manifest_entry__isnull=True,
        )
        .select_related("person")
        .order_by("priority", "created_at")[:200]
    )
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:flight-detail",
        objects=[e.case.person for e in entries] + [c.person for c in candidates],
    )
    return render(
        request,
        "evacuation/flight_detail.html",
        {
            "flight": flight,
            "crisis": flight.crisis,
            "entries": entries,
            "candidates": candidates,
            "eu_citizens": flight_eu_citizens_count(flight),
        },
    )


@login_required
def flight_manifest_pdf(request: AuthenticatedRequest, flight_id: str) -> HttpResponse:
    """The manifest PDF. Rendered on request: a manifest is bounded by the flight's capacity
    (a few hundred rows), unlike case lists, which are generated in the background."""
    flight, _scope = _access_flight(request, flight_id)
    entries = selectors.flight_manifest(flight)
    personal_data_viewed(
        actor=request.user,
        view_name="evacuation:flight-manifest-pdf",
        objects=[e.case.person for e in entries],
    )
    response = HttpResponse(manifest_pdf(flight, entries), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="manifest-{flight.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# Groups ------------------------------------------------------------------------------


@login_required
def crisis_groups(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    can_manage = request.user.has_perm("crisisportal.manage_crisis", crisis)
    form = GroupDecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                crisis_group_set(actor=request.user, crisis=crisis, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The decision has been recorded."))
                return redirect("evacuation:crisis-groups", crisis_id=crisis.pk)
    in_crisis = {
        g.group_id: g for g in CrisisGroup.objects.filter(crisis=crisis).select_related("group")
    }
    catalogue = [(group, in_crisis.get(group.pk)) for group in EligibleGroup.objects.all()]
    return render(
        request,
        "evacuation/crisis_groups.html",
        {
            "crisis": crisis,
            "catalogue": catalogue,
            "always": [str(code) for code in ALWAYS_APPLICABLE],
            "decisions": list(crisis.group_decisions.select_related("group", "recorded_by")[:50]),
            "form": form,
            "can_manage": can_manage,
        },
    )


# Call teams --------------------------------------------------------------------------


@login_required
def call_teams(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    """The crisis's call teams: DCC sees them, the coordinator forms them."""
    crisis, scope = access_evacuation(request.user, crisis_id)
    if not can_manage_cases(scope):
        raise Http404
    can_manage = request.user.has_perm("crisisportal.manage_crisis", crisis)
    candidates = case_owners_available(crisis)
    action = request.POST.get("action") if request.method == "POST" else None
    team_form = CallTeamForm(request.POST if action == "create" else None)
    member_form = CallTeamMemberForm(
        request.POST if action == "add" else None, candidates=candidates
    )
    if action:
        if not can_manage:
            raise Http404
        team = None
        if action in ("add", "remove"):
            team = CallTeam.objects.filter(
                crisis=crisis, pk=_uuid_or_none(request.POST.get("team"))
            ).first()
            if team is None:
                raise Http404
        try:
            if action == "create" and team_form.is_valid():
                call_team_create(
                    actor=request.user, crisis=crisis, name=team_form.cleaned_data["name"]
                )
                messages.success(request, _("The team has been created."))
                return redirect("evacuation:call-teams", crisis_id=crisis.pk)
            if action == "add" and team is not None and member_form.is_valid():
                user = next(u for u in candidates if str(u.pk) == member_form.cleaned_data["user"])
                call_team_member_add(actor=request.user, team=team, user=user)
                messages.success(request, _("The member has been added to the team."))
                return redirect("evacuation:call-teams", crisis_id=crisis.pk)
            if action == "remove" and team is not None:
                call_team_member_remove(
                    actor=request.user, team=team, user_id=request.POST.get("user") or 0
                )
                messages.success(request, _("The member has been removed from the team."))
                return redirect("evacuation:call-teams", crisis_id=crisis.pk)
        except ValidationError as error:
            add_service_errors(team_form if action == "create" else member_form, error)
    teams = list(
        crisis.call_teams.prefetch_related("members__user").annotate(
            case_count=Count("cases", distinct=True)
        )
    )
    return render(
        request,
        "evacuation/call_teams.html",
        {
            "crisis": crisis,
            "teams": teams,
            "can_manage": can_manage,
            "team_form": team_form,
            "member_form": member_form,
            "failed_team": request.POST.get("team") if action == "add" else None,
        },
    )
