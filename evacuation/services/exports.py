"""Case-list PDFs: asked for on the list page, built by a worker (evacuation.pdf)."""

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from crisisportal.models import Crisis
from crisisportal.queue import task_enqueue_on_commit
from evacuation.models.requests import CaseListExport


@transaction.atomic
def case_list_export_request(
    *, actor: User, crisis: Crisis, filters: dict[str, Any]
) -> CaseListExport:
    """Record the request and queue the PDF once it is committed. The builder applies the
    requester's own visibility when it runs, so the filters alone are stored here."""
    export = CaseListExport.objects.create(crisis=crisis, requested_by=actor, filters=filters)
    task_enqueue_on_commit("evacuation.tasks.case_list_pdf_generate", export.pk)
    return export
