"""Versions of a trigger document: every change of its content saves one."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from triggers.models import (
    DocumentVersion,
    TriggerDocument,
)
from triggers.selectors.versions import document_snapshot


def document_version_record(
    *, actor: User | None, document: TriggerDocument, summary: str
) -> DocumentVersion | None:
    """Save the document's current content as the next version, unless nothing changed.

    The document row is locked so that two concurrent edits get consecutive numbers.
    """
    TriggerDocument.objects.select_for_update().filter(pk=document.pk).first()
    snapshot = document_snapshot(document)
    latest = DocumentVersion.objects.filter(document=document).order_by("-number").first()
    if latest is not None and latest.snapshot == snapshot:
        return None
    return DocumentVersion.objects.create(
        document=document,
        number=(latest.number + 1) if latest else 1,
        snapshot=snapshot,
        summary=summary[:300],
        created_by=actor,
    )


def document_version_latest(document: TriggerDocument) -> DocumentVersion:
    version = DocumentVersion.objects.filter(document=document).order_by("-number").first()
    if version is None:  # documents always have a first version; guard against old data
        version = document_version_record(
            actor=None, document=document, summary=_("Document created")
        )
    assert version is not None
    return version
