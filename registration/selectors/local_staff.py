"""Reads of the local staff register and of uploaded import files."""

from typing import Any

from django.db.models import Q, QuerySet

from registration.models import (
    LocalStaffEmployment,
    LocalStaffImportDuplicate,
    LocalStaffImportError,
    LocalStaffImportUpload,
)
from registration.normalise import normalise_name


def local_staff_filter(
    queryset: QuerySet[LocalStaffEmployment], filters: dict[str, Any]
) -> QuerySet[LocalStaffEmployment]:
    """The register filtered by the (cleaned) filter form, one row per employment, with
    the person and post joined so a page costs the same few queries whatever its length."""
    if filters.get("employer"):
        queryset = queryset.filter(employer=filters["employer"])
    if filters.get("post"):
        queryset = queryset.filter(post_id=filters["post"])
    if filters.get("role"):
        queryset = queryset.filter(role=filters["role"])
    if filters.get("contract_type"):
        queryset = queryset.filter(contract_type=filters["contract_type"])
    if filters.get("mission"):
        queryset = queryset.filter(mission__icontains=filters["mission"])
    query = (filters.get("q") or "").strip()
    if query:
        # The normalised name folds spelling variants (Mohammad, Muhammad) and its trigram
        # index serves the ILIKE.
        condition = Q(employer_reference__iexact=query)
        normalised = normalise_name(query)
        if normalised:
            condition |= Q(person__name_normalised__icontains=normalised)
        queryset = queryset.filter(condition)
    return queryset.select_related("person", "post").order_by(
        "person__family_name", "person__given_names", "employer", "employer_reference"
    )


def local_staff_import_errors(upload: LocalStaffImportUpload) -> QuerySet[LocalStaffImportError]:
    return LocalStaffImportError.objects.filter(upload=upload).order_by("row", "id")


def local_staff_import_duplicates(
    upload: LocalStaffImportUpload,
) -> QuerySet[LocalStaffImportDuplicate]:
    return (
        LocalStaffImportDuplicate.objects.filter(upload=upload)
        .select_related("person")
        .order_by("row", "-score", "id")
    )
