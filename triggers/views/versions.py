"""Comparing two versions of a trigger document."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from crisisportal.typing import AuthenticatedRequest
from triggers.forms.versions import CompareForm
from triggers.permissions import access_document
from triggers.selectors.versions import document_versions, snapshots_diff, version_pair


@login_required
def version_compare(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id).document
    numbers = sorted(v.number for v in document_versions(document))
    data = request.GET if "a" in request.GET else None
    initial = {"a": numbers[-2] if len(numbers) > 1 else numbers[0], "b": numbers[-1]}
    form = CompareForm(data, initial=initial, numbers=numbers)
    changes = None
    pair: list[Any] = []
    if form.is_valid():
        a, b = sorted([form.cleaned_data["a"], form.cleaned_data["b"]])
        pair = version_pair(document, [a, b])
        if len(pair) == 1:
            pair = [pair[0], pair[0]]
        changes = snapshots_diff(pair[0].snapshot, pair[1].snapshot)
    return render(
        request,
        "triggers/version_compare.html",
        {"document": document, "form": form, "changes": changes, "pair": pair},
    )
