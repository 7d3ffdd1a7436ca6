"""Situation reports: drafting, submitting and correcting a post's report, with its country
positions and attachments. Alerts: services.sitrep_alerts; silent posts: services.post_silence."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    SITREP_FIELDS,
    SITREP_REQUIRED_TO_SUBMIT,
    CountryPosition,
    Crisis,
    Post,
    Sitrep,
    SitrepAttachment,
    SitrepStatus,
    Urgency,
)
from crisisportal.permissions import reportable_posts
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_save
from crisisportal.services.sitrep_alerts import alert_raise
from crisisportal.services.uploads import upload_checked


def _check_filer(actor: User, crisis: Crisis, post: Post) -> None:
    """Only staff of the post itself file its reports, and only for a crisis affecting it."""
    if not reportable_posts(actor, crisis).filter(pk=post.pk).exists():
        raise PermissionError("Only staff of an affected post file its situation reports.")


def _validate_fields(fields: dict[str, Any]) -> None:
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        raise ValidationError({"period_end": _("The period must end after it starts.")})


@transaction.atomic
def sitrep_draft_create(*, actor: User, crisis: Crisis, post: Post, **fields: Any) -> Sitrep:
    _check_filer(actor, crisis, post)
    if crisis.is_closed:
        raise ValidationError(_("The crisis is closed."))
    _validate_fields(fields)
    with audit_context(actor):
        return record_save(
            Sitrep(
                crisis=crisis,
                post=post,
                created_by=actor,
                **{k: v for k, v in fields.items() if k in SITREP_FIELDS},
            )
        )


def _lock_draft(sitrep: Sitrep) -> Sitrep:
    locked = Sitrep.objects.select_for_update().get(pk=sitrep.pk)
    if locked.status != SitrepStatus.DRAFT:
        raise ValidationError(
            _("A submitted situation report cannot be changed; file a correction instead.")
        )
    return locked


def _draft_for_filing(actor: User, sitrep: Sitrep) -> Sitrep:
    """The draft, locked, for a change by staff of its own post."""
    _check_filer(actor, sitrep.crisis, sitrep.post)
    return _lock_draft(sitrep)


@transaction.atomic
def sitrep_draft_update(*, actor: User, sitrep: Sitrep, **fields: Any) -> Sitrep:
    """Drafts change freely; a submitted report is immutable."""
    sitrep = _draft_for_filing(actor, sitrep)
    _validate_fields(fields)
    with audit_context(actor):
        return record_save(sitrep, **{k: v for k, v in fields.items() if k in SITREP_FIELDS})


@transaction.atomic
def sitrep_position_add(
    *,
    actor: User,
    sitrep: Sitrep,
    camp: str,
    country: str,
    stance: str,
    observed_on: Any,
    details: str = "",
) -> CountryPosition:
    sitrep = _draft_for_filing(actor, sitrep)
    with audit_context(actor):
        return record_save(
            CountryPosition(
                sitrep=sitrep,
                camp=camp,
                country=country,
                stance=stance,
                observed_on=observed_on,
                details=details,
            )
        )


@transaction.atomic
def sitrep_position_remove(*, actor: User, sitrep: Sitrep, position_id: Any) -> None:
    _draft_part_remove(actor, sitrep, "country_positions", position_id)


def _draft_part_remove(actor: User, sitrep: Sitrep, related_name: str, part_id: Any) -> None:
    """Remove a country position or attachment of a draft (a submitted report keeps its own)."""
    sitrep = _draft_for_filing(actor, sitrep)
    with audit_context(actor):
        getattr(sitrep, related_name).filter(pk=part_id).delete()


@transaction.atomic
def sitrep_attachment_add(*, actor: User, sitrep: Sitrep, upload: UploadedFile) -> SitrepAttachment:
    """Accept images (PNG, JPEG, GIF, WebP) and PDF documents, by content, up to the size limit."""
    sitrep = _draft_for_filing(actor, sitrep)
    try:
        content_type, size = upload_checked(upload, max_bytes=settings.SITREP_ATTACHMENT_MAX_BYTES)
    except ValidationError as refused:
        raise ValidationError({"file": refused.messages}) from refused
    upload.seek(0)
    with audit_context(actor):
        attachment = SitrepAttachment(
            sitrep=sitrep,
            original_name=(upload.name or "attachment")[-200:],
            content_type=content_type,
            size=size,
            uploaded_by=actor,
        )
        attachment.file.save(attachment.pk.hex, upload, save=False)
        attachment.save()
        return attachment


@transaction.atomic
def sitrep_attachment_remove(*, actor: User, sitrep: Sitrep, attachment_id: Any) -> None:
    _draft_part_remove(actor, sitrep, "attachments", attachment_id)


@transaction.atomic
def sitrep_submit(*, actor: User, sitrep: Sitrep, now: datetime | None = None) -> Sitrep:
    """Submit a draft. From then on it never changes. High urgency raises an alert at once."""
    sitrep = _draft_for_filing(actor, sitrep)
    missing = {
        name: _("Required before the report can be submitted.")
        for name in SITREP_REQUIRED_TO_SUBMIT
        if not getattr(sitrep, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    if sitrep.supersedes_id:
        # Only one correction of a version can be submitted; later ones correct the correction.
        previous = Sitrep.objects.select_for_update().get(pk=sitrep.supersedes_id)
        if previous.status != SitrepStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be corrected."))
    now = now or timezone.now()
    with audit_context(actor):
        sitrep.status = SitrepStatus.SUBMITTED
        sitrep.submitted_at = now
        sitrep.submitted_by = actor
        sitrep.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        if sitrep.urgency == Urgency.HIGH:
            alert_raise(sitrep, now)
        return sitrep


@transaction.atomic
def sitrep_correct(*, actor: User, sitrep: Sitrep) -> Sitrep:
    """Start a correction: a new draft version that references the submitted one.

    Content, country positions and attachments are carried over for editing; the original
    stays as it was submitted.
    """
    _check_filer(actor, sitrep.crisis, sitrep.post)
    original = Sitrep.objects.select_for_update().get(pk=sitrep.pk)
    if original.status != SitrepStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be corrected."))
    existing = Sitrep.objects.filter(supersedes=original).first()
    if existing is not None:
        if existing.status == SitrepStatus.DRAFT:
            return existing
        raise ValidationError(_("This version has already been corrected; correct the newest."))
    with audit_context(actor):
        correction = Sitrep.objects.create(
            crisis=original.crisis,
            post=original.post,
            version=original.version + 1,
            supersedes=original,
            created_by=actor,
            **{name: getattr(original, name) for name in SITREP_FIELDS},
        )
        CountryPosition.objects.bulk_create(
            CountryPosition(
                sitrep=correction,
                camp=p.camp,
                country=p.country,
                stance=p.stance,
                details=p.details,
                observed_on=p.observed_on,
            )
            for p in original.country_positions.all()
        )
        for attachment in original.attachments.all():
            # The stored file is shared; files are never deleted while a report refers to them.
            SitrepAttachment.objects.create(
                sitrep=correction,
                file=attachment.file.name,
                original_name=attachment.original_name,
                content_type=attachment.content_type,
                size=attachment.size,
                uploaded_by=attachment.uploaded_by,
            )
        return correction
