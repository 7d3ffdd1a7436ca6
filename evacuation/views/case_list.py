"""The case list of a crisis: counts, the filtered page, bulk assignment and exports (a
streamed CSV, a PDF built in the background)."""

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.csv_export import Echo, csv_download, csv_safe
from crisisportal.identifiers import uuid_or_nil
from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import service_action
from evacuation.forms.case_list import AssignForm, CaseFilterForm
from evacuation.models import CallTeam, GroupCode
from evacuation.models.cases import EvacuationCase
from evacuation.models.choices import CaseStatus
from evacuation.models.requests import CaseListExport
from evacuation.permissions import (
    CaseScope,
    access_case_export,
    access_evacuation,
    access_evacuation_managed,
    can_manage_cases,
    cases_countable,
    cases_visible,
)
from evacuation.selectors import cases as case_selectors
from evacuation.services.cases import case_owners_available, cases_assign
from evacuation.services.exports import case_list_export_request

PAGE_SIZE = 50
CSV_COLUMNS = [
    "case", "given_names", "family_name", "date_of_birth", "nationalities", "groups",
    "status", "priority", "owner", "post",
]  # fmt: skip


@login_required
def case_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, scope = access_evacuation(request.user, crisis_id)
    filters = case_selectors.case_filters_clean(request.GET)
    teams = list(crisis.call_teams.all())
    counts = case_selectors.case_counts(
        case_selectors.cases_filter(cases_countable(request.user, crisis, scope), filters)
    )
    context: dict[str, Any] = {
        "crisis": crisis,
        "scope": scope.value,
        "counts": counts,
        "groups": GroupCode.choices,
        "statuses": CaseStatus.choices,
        "filter_form": CaseFilterForm(
            request.GET,
            owners=case_owners_available(crisis),
            posts=list(crisis.posts.all()),
            teams=teams,
        ),
        "query": request.GET.urlencode(),
    }
    if scope is not CaseScope.COUNTS:
        paginator = Paginator(_cases_listed(request, crisis, scope, filters), PAGE_SIZE)
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


def _cases_listed(
    request: AuthenticatedRequest, crisis: Any, scope: CaseScope, filters: dict[str, str]
) -> Any:
    """The filtered cases the user may see, in list order (page and CSV alike)."""
    visible = cases_visible(request.user, crisis, scope)
    return case_selectors.case_list(case_selectors.cases_filter(visible, filters))


def _without_page(query: Any) -> str:
    query = query.copy()
    query.pop("page", None)
    return str(query.urlencode())


def _cases_assigned(count: int) -> str:
    return _("%(count)s cases assigned.") % {"count": count}


@login_required
@require_POST
def case_assign(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_evacuation_managed(request.user, crisis_id)
    teams: list[CallTeam] = list(crisis.call_teams.all())
    form = AssignForm(request.POST, owners=case_owners_available(crisis), teams=teams)
    if form.is_valid():
        owner_id = form.cleaned_data["owner"]
        owner = get_user_model().objects.filter(pk=owner_id).first() if owner_id else None
        team = next((t for t in teams if str(t.pk) == form.cleaned_data["team"]), None)
        case_ids = [uuid_or_nil(case_id) for case_id in request.POST.getlist("case")]
        service_action(
            request,
            lambda: cases_assign(
                actor=request.user, crisis=crisis, case_ids=case_ids, owner=owner, team=team
            ),
            success=_cases_assigned,
        )
    return redirect(
        reverse("evacuation:case-list", args=[crisis.pk]) + "?" + request.POST.get("query", "")
    )


def _access_case_rows(request: AuthenticatedRequest, crisis_id: str) -> tuple[Any, CaseScope]:
    """Exports carry personal data: not for those who see counts only."""
    crisis, scope = access_evacuation(request.user, crisis_id)
    if scope is CaseScope.COUNTS:
        raise Http404
    return crisis, scope


@login_required
def case_export_csv(request: AuthenticatedRequest, crisis_id: str) -> HttpResponseBase:
    """Streamed CSV of the filtered list: memory stays flat for 150,000 rows."""
    crisis, scope = _access_case_rows(request, crisis_id)
    filters = case_selectors.case_filters_clean(request.GET)
    cases = _cases_listed(request, crisis, scope, filters)
    personal_data_viewed(
        actor=request.user, view_name="evacuation:case-export-csv", objects=[crisis]
    )
    writer = csv.writer(Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(CSV_COLUMNS)
        for case in cases.iterator(chunk_size=2000):
            yield writer.writerow(_csv_row(case))

    return csv_download(rows(), "cases.csv")


def _csv_row(case: EvacuationCase) -> list[Any]:
    person = case.person
    return [
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


@login_required
@require_POST
def case_export_pdf(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis, _scope = _access_case_rows(request, crisis_id)
    export = case_list_export_request(
        actor=request.user,
        crisis=crisis,
        filters=case_selectors.case_filters_clean(request.POST),
    )
    return redirect("evacuation:export-status", export_id=export.pk)


@login_required
def export_status(request: AuthenticatedRequest, export_id: str) -> HttpResponse:
    export: CaseListExport = access_case_export(request.user, export_id)
    template = (
        "evacuation/_export_progress.html"
        if request.headers.get("HX-Request")
        else "evacuation/export_status.html"
    )
    return render(request, template, {"export": export})


@login_required
def export_download(request: AuthenticatedRequest, export_id: str) -> HttpResponseBase:
    export = access_case_export(request.user, export_id)
    if not export.file:
        raise Http404
    personal_data_viewed(
        actor=request.user, view_name="evacuation:export-download", objects=[export]
    )
    response = FileResponse(export.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="cases.pdf"'
    response["Cache-Control"] = "no-store"
    return response
