"""PDF exports of a trigger document: requested, then downloaded once rendered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.typing import AuthenticatedRequest
from triggers.models import DocumentExport
from triggers.permissions import access_document
from triggers.services.exports import document_export_request
from triggers.views.support import to_document


@login_required
@require_POST
def export_request(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id).document
    document_export_request(actor=request.user, document=document)
    messages.success(request, _("The PDF is being prepared; reload the page in a moment."))
    return to_document(document)


@login_required
def export_download(
    request: AuthenticatedRequest, document_id: str, export_id: str
) -> HttpResponseBase:
    document = access_document(request.user, document_id).document
    export = get_object_or_404(
        DocumentExport, document=document, pk=export_id, finished_at__isnull=False
    )
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"trigger-document-{export.finished_at:%Y%m%d-%H%M}.pdf",
        content_type="application/pdf",
    )
