"""Pages of the local staff register: the list, registering and correcting a staff member
with their family, and the bulk import (upload, preview of every error, import)."""

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.csv_export import Echo, csv_download
from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import service_errors_as_message, service_errors_in_form
from crisisportal.views.saved_search import page_query, search_params, search_redirect
from registration.forms.local_staff import (
    FamilyMemberFormSet,
    LocalStaffFilterForm,
    LocalStaffForm,
    LocalStaffImportApplyForm,
    LocalStaffImportForm,
    family_members_of,
)
from registration.models import (
    ContractType,
    Employer,
    LocalStaffEmployment,
    LocalStaffImportStatus,
    LocalStaffImportUpload,
    LocalStaffRole,
    Sex,
)
from registration.permissions import (
    access_local_staff,
    access_local_staff_for_change,
    access_local_staff_upload,
    can_import_local_staff,
    can_register_local_staff,
    local_staff_posts,
    local_staff_visible,
    may_open_local_staff,
    persons_visible_among,
    staff_posts,
)
from registration.selectors.local_staff import (
    local_staff_filter,
    local_staff_import_duplicates,
    local_staff_import_errors,
)
from registration.selectors.persons import family_ties_of, person_duplicate_candidates
from registration.services.local_staff import local_staff_save
from registration.services.local_staff_import import COLUMNS, REQUIRED
from registration.services.local_staff_uploads import (
    local_staff_import_upload_apply_request,
    local_staff_import_upload_create,
)
from registration.views.helpers import PAGE_SIZE

# A preview shows this many errors and duplicate reports; the rest are in the CSV download
# (a 100,000-row file with an error in each row would make a page nobody can use).
ERRORS_SHOWN = 200
DUPLICATES_SHOWN = 100
IN_PROGRESS = {
    LocalStaffImportStatus.PENDING,
    LocalStaffImportStatus.VALIDATING,
    LocalStaffImportStatus.APPLYING,
}


# The register ---------------------------------------------------------------------------


@login_required
def local_staff_list(request: AuthenticatedRequest) -> HttpResponse:
    if not may_open_local_staff(request.user):
        raise Http404
    if request.user.has_perm("registration.view_localstaffemployment"):
        posts = list(local_staff_posts(request.user).order_by("name"))
    else:
        posts = list(staff_posts(request.user).order_by("name"))
    if request.method == "POST":  # the search term may be personal data: not in the URL
        return search_redirect(request, list(LocalStaffFilterForm.base_fields))
    filter_form = LocalStaffFilterForm(search_params(request) or None, posts=posts)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    employments = local_staff_filter(local_staff_visible(request.user), filters)
    page = Paginator(employments, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    personal_data_viewed(
        actor=request.user,
        view_name="registration:local-staff-list",
        objects=[employment.person for employment in rows],
    )
    return render(
        request,
        "registration/local_staff/list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "employments": rows,
            "page_query": page_query(request),
            "can_register": can_register_local_staff(request.user),
            "can_import": can_import_local_staff(request.user),
        },
    )


def _employers_for(user: Any) -> list[tuple[str, Any]]:
    """Post staff register their embassy's staff; the DCC also missions' staff."""
    if user.has_perm("registration.add_localstaffemployment"):
        return list(Employer.choices)
    return [(Employer.EMBASSY.value, Employer.EMBASSY.label)]


def _staff_form_page(
    request: AuthenticatedRequest, employment: LocalStaffEmployment | None
) -> HttpResponse:
    """Register (employment None) or correct a staff member. Likely duplicates of the
    person (among the persons the user may see) are shown before anything is saved and
    must be confirmed as a different person."""
    user = request.user
    posts = list(local_staff_posts(user).order_by("name"))
    employers = _employers_for(user)
    if employment is not None:
        if employment.post and employment.post not in posts:
            posts.append(employment.post)
        if employment.employer not in dict(employers):
            employers.append((employment.employer, employment.get_employer_display()))
    asked = request.method == "POST" and "duplicates_shown" in request.POST
    initial: dict[str, Any] = {}
    if employment is not None:
        person = employment.person
        initial = {
            "given_names": person.given_names,
            "family_name": person.family_name,
            "date_of_birth": person.date_of_birth,
            "sex": person.sex,
            "nationalities": ", ".join(person.nationalities),
            "phone": person.phone,
            "email": person.email,
            "employer": employment.employer,
            "post": str(employment.post_id or ""),
            "mission": employment.mission,
            "employer_reference": employment.employer_reference,
            "contract_type": employment.contract_type,
            "role": employment.role,
            "start_date": employment.start_date,
            "end_date": employment.end_date,
        }
    data = request.POST if request.method == "POST" else None
    form = LocalStaffForm(
        data, initial=initial, posts=posts, employers=employers, ask_confirmation=asked
    )
    family = FamilyMemberFormSet(data, prefix="family")
    candidates: list[Any] = []
    if request.method == "POST" and form.is_valid() and family.is_valid():
        data_ = form.cleaned_data
        exclude = [employment.person_id] if employment else []
        candidates = []
        if _identity_changed(employment, data_):
            candidates = _visible_candidates(
                user,
                person_duplicate_candidates(
                    given_names=data_["given_names"],
                    family_name=data_["family_name"],
                    date_of_birth=data_["date_of_birth"],
                    exclude=exclude,
                    limit=10,
                ),
            )
        if candidates and not data_.get("confirm_different_person"):
            form = LocalStaffForm(
                request.POST, posts=posts, employers=employers, ask_confirmation=True
            )
            form.is_valid()
            form.add_error(
                "confirm_different_person",
                _(
                    "This person may already be registered. Check the possible duplicates "
                    "and confirm that this is a different person."
                ),
            )
            personal_data_viewed(
                actor=user,
                view_name="registration:local-staff-duplicates",
                objects=[candidate.person for candidate in candidates],
            )
        else:
            saved = (
                _("The local staff member has been registered.")
                if employment is None
                else _("The changes have been saved.")
            )
            with service_errors_in_form(form):
                employment = local_staff_save(
                    actor=user,
                    employment=employment,
                    person_data=form.person_data(),
                    family_members=family_members_of(family),
                    **form.employment_data(),
                )
                messages.success(request, saved)
                return redirect("registration:local-staff-detail", employment_id=employment.pk)
    return render(
        request,
        "registration/local_staff/form.html",
        {
            "form": form,
            "family": family,
            "candidates": candidates,
            "employment": employment,
            "ties": list(family_ties_of(employment.person)) if employment else [],
        },
    )


def _identity_changed(employment: LocalStaffEmployment | None, data: dict[str, Any]) -> bool:
    """A new person, or a correction of the name or date of birth: look for duplicates
    again (saving a phone number does not ask the same question every time)."""
    if employment is None:
        return True
    person = employment.person
    return (person.given_names, person.family_name, person.date_of_birth) != (
        data["given_names"],
        data["family_name"],
        data["date_of_birth"],
    )


def _visible_candidates(user: Any, candidates: list[Any]) -> list[Any]:
    """Only the persons the user may see: a post must not learn of other posts' records."""
    if not candidates or user.has_perm("registration.view_person"):
        return candidates
    visible = persons_visible_among(user, [candidate.person.pk for candidate in candidates])
    return [candidate for candidate in candidates if candidate.person.pk in visible]


@login_required
def local_staff_new(request: AuthenticatedRequest) -> HttpResponse:
    if not can_register_local_staff(request.user):
        raise Http404
    return _staff_form_page(request, None)


@login_required
def local_staff_edit(request: AuthenticatedRequest, employment_id: str) -> HttpResponse:
    employment = access_local_staff_for_change(request.user, employment_id)
    return _staff_form_page(request, employment)


@login_required
def local_staff_detail(request: AuthenticatedRequest, employment_id: str) -> HttpResponse:
    employment = access_local_staff(request.user, employment_id)
    ties = list(family_ties_of(employment.person))
    personal_data_viewed(
        actor=request.user,
        view_name="registration:local-staff-detail",
        objects=[employment.person, *[tie.related_person for tie in ties]],
    )
    can_change = request.user.has_perm("registration.change_localstaffemployment") or (
        employment.post_id is not None
        and staff_posts(request.user).filter(pk=employment.post_id).exists()
    )
    return render(
        request,
        "registration/local_staff/detail.html",
        {"employment": employment, "person": employment.person, "ties": ties,
         "can_change": can_change},
    )  # fmt: skip


# Import ---------------------------------------------------------------------------------


def _column_help() -> list[dict[str, Any]]:
    """What each column of the file holds, with its codes, for the import page."""
    codes = {
        "employer": Employer.choices,
        "contract_type": ContractType.choices,
        "role": LocalStaffRole.choices,
        "sex": Sex.choices,
    }
    formats = {
        "employer_reference": _("The employer's own reference number; the key of a re-import."),
        "mission": _("Name of the military or police mission."),
        "start_date": _("Date: YYYY-MM-DD (or DD-MM-YYYY)."),
        "end_date": _("Date: YYYY-MM-DD (or DD-MM-YYYY)."),
        "date_of_birth": _("Date: YYYY-MM-DD (or DD-MM-YYYY)."),
        "nationalities": _("Country codes (ISO 3166), separated by commas, e.g. AF,NL."),
        "given_names": _("Text."),
        "family_name": _("Text."),
        "phone": _("Text."),
        "email": _("An email address."),
    }
    return [
        {
            "name": column,
            "required": column in REQUIRED,
            "codes": codes.get(column, []),
            "format": formats.get(column, ""),
        }
        for column in COLUMNS
    ]


@login_required
def local_staff_import(request: AuthenticatedRequest) -> HttpResponse:
    if not can_import_local_staff(request.user):
        raise Http404
    form = LocalStaffImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        with service_errors_in_form(form):
            upload = local_staff_import_upload_create(
                actor=request.user, filename=uploaded.name, content=uploaded.read()
            )
            return redirect("registration:local-staff-upload", upload_id=upload.pk)
    return render(
        request,
        "registration/local_staff/import.html",
        {"form": form, "columns": _column_help()},
    )


@login_required
def local_staff_import_template(request: AuthenticatedRequest) -> HttpResponse:
    if not can_import_local_staff(request.user):
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="local-staff-template.csv"'
    csv.writer(response).writerow(COLUMNS)
    return response


@login_required
def local_staff_upload(request: AuthenticatedRequest, upload_id: str) -> HttpResponse:
    """The upload's page: progress while Celery checks or imports it, then the preview
    (every error by row and column, duplicate candidates) or the result."""
    upload = access_local_staff_upload(request.user, upload_id)
    in_progress = upload.status in IN_PROGRESS
    if request.headers.get("HX-Request"):
        if in_progress:
            return render(
                request, "registration/local_staff/_upload_progress.html", {"upload": upload}
            )
        # Finished: the whole page changes (preview or result), so reload it.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    context: dict[str, Any] = {"upload": upload, "in_progress": in_progress}
    if upload.status == LocalStaffImportStatus.VALIDATED:
        errors = list(local_staff_import_errors(upload)[:ERRORS_SHOWN])
        duplicates = list(local_staff_import_duplicates(upload)[:DUPLICATES_SHOWN])
        personal_data_viewed(
            actor=request.user,
            view_name="registration:local-staff-upload",
            objects=[duplicate.person for duplicate in duplicates],
        )
        context.update(
            errors=errors,
            errors_shown=len(errors),
            duplicates=duplicates,
            duplicates_shown=len(duplicates),
            apply_form=LocalStaffImportApplyForm(valid_count=upload.valid_count),
        )
    return render(request, "registration/local_staff/upload.html", context)


@login_required
def local_staff_upload_errors_csv(
    request: AuthenticatedRequest, upload_id: str
) -> HttpResponseBase:
    """Every error of the file, streamed (memory stays flat for 100,000 rows)."""
    upload = access_local_staff_upload(request.user, upload_id)
    writer = csv.writer(Echo())
    errors = local_staff_import_errors(upload)

    def rows() -> Iterator[str]:
        yield writer.writerow(["row", "column", "error"])
        for error in errors.iterator(chunk_size=5000):
            yield writer.writerow([error.row, error.column, error.message])

    return csv_download(rows(), "import-errors.csv")


@login_required
@require_POST
def local_staff_upload_apply(request: AuthenticatedRequest, upload_id: str) -> HttpResponse:
    upload: LocalStaffImportUpload = access_local_staff_upload(request.user, upload_id)
    form = LocalStaffImportApplyForm(request.POST, valid_count=upload.valid_count)
    only_valid_rows = form.is_valid() and form.cleaned_data["only_valid_rows"]
    with service_errors_as_message(request):
        local_staff_import_upload_apply_request(
            actor=request.user, upload=upload, only_valid_rows=only_valid_rows
        )
    return redirect("registration:local-staff-upload", upload_id=upload.pk)
