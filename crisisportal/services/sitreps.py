"""Situation reports: drafting, submitting, correcting; high-urgency alerts with
acknowledgement and escalation; silence detection of posts that stop reporting."""

import io
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    CountryPosition,
    Crisis,
    CrisisMembership,
    CrisisPhase,
    CrisisRole,
    Post,
    PostSilenceFlag,
    Sitrep,
    SitrepAlert,
    SitrepAlertEscalation,
    SitrepAttachment,
    SitrepStatus,
    Urgency,
)
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send, notification_send_to_address

SITREP_FIELDS = (
    "period_start",
    "period_end",
    "urgency",
    "security_situation",
    "local_authority_control",
    "local_authority_notes",
    "airport",
    "commercial_flights",
    "border_crossings",
    "landing_rights",
    "essentials_notes",
    "positive_developments",
    "negative_developments",
    "free_text",
)

# Reports must show the good and the bad news: both are required to submit.
REQUIRED_TO_SUBMIT = ("security_situation", "positive_developments", "negative_developments")

# Content signatures of the attachment types we accept. The browser's claim is ignored.
ATTACHMENT_SIGNATURES: list[tuple[str, bytes, int]] = [
    ("image/png", b"\x89PNG\r\n\x1a\n", 0),
    ("image/jpeg", b"\xff\xd8\xff", 0),
    ("image/gif", b"GIF87a", 0),
    ("image/gif", b"GIF89a", 0),
    ("image/webp", b"WEBP", 8),
    ("application/pdf", b"%PDF-", 0),
]


def sitrep_url(sitrep: Sitrep) -> str:
    return f"/crises/{sitrep.crisis_id}/sitreps/{sitrep.pk}"


def _check_filer(actor: User, crisis: Crisis, post: Post) -> None:
    """Only staff of the post itself file its reports, and only for a crisis affecting it."""
    from crisisportal.permissions import reportable_posts

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
        sitrep = Sitrep(
            crisis=crisis,
            post=post,
            created_by=actor,
            **{k: v for k, v in fields.items() if k in SITREP_FIELDS},
        )
        sitrep.full_clean()
        sitrep.save()
        return sitrep


def _lock_draft(sitrep: Sitrep) -> Sitrep:
    locked = Sitrep.objects.select_for_update().get(pk=sitrep.pk)
    if locked.status != SitrepStatus.DRAFT:
        raise ValidationError(
            _("A submitted situation report cannot be changed; file a correction instead.")
        )
    return locked


@transaction.atomic
def sitrep_draft_update(*, actor: User, sitrep: Sitrep, **fields: Any) -> Sitrep:
    """Drafts change freely; a submitted report is immutable."""
    _check_filer(actor, sitrep.crisis, sitrep.post)
    sitrep = _lock_draft(sitrep)
    _validate_fields(fields)
    with audit_context(actor):
        for name, value in fields.items():
            if name in SITREP_FIELDS:
                setattr(sitrep, name, value)
        sitrep.full_clean()
        sitrep.save()
        return sitrep


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
    _check_filer(actor, sitrep.crisis, sitrep.post)
    sitrep = _lock_draft(sitrep)
    with audit_context(actor):
        position = CountryPosition(
            sitrep=sitrep,
            camp=camp,
            country=country,
            stance=stance,
            observed_on=observed_on,
            details=details,
        )
        position.full_clean()
        position.save()
        return position


@transaction.atomic
def sitrep_position_remove(*, actor: User, sitrep: Sitrep, position_id: Any) -> None:
    _check_filer(actor, sitrep.crisis, sitrep.post)
    sitrep = _lock_draft(sitrep)
    with audit_context(actor):
        sitrep.country_positions.filter(pk=position_id).delete()


def attachment_content_type(head: bytes) -> str | None:
    """The type the file's content says it is, or None if we do not accept it."""
    for content_type, signature, offset in ATTACHMENT_SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if content_type == "image/webp" and head[:4] != b"RIFF":
                continue
            return content_type
    return None


def _image_is_valid(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        return False
    return True


def upload_checked(upload: UploadedFile, *, max_bytes: int) -> tuple[str, int]:
    """The content type and size of an upload we accept: images (PNG, JPEG, GIF, WebP, which
    must also decode) and PDF, judged by content, up to max_bytes. Else ValidationError.
    Shared by every upload of the portal (sitrep attachments, evacuation documents)."""
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    content_type = attachment_content_type(data[:16])
    if content_type is None or (content_type.startswith("image/") and not _image_is_valid(data)):
        raise ValidationError(
            _("Only images (PNG, JPEG, GIF, WebP) and PDF documents can be attached.")
        )
    return content_type, len(data)


@transaction.atomic
def sitrep_attachment_add(*, actor: User, sitrep: Sitrep, upload: UploadedFile) -> SitrepAttachment:
    """Accept images (PNG, JPEG, GIF, WebP) and PDF documents, by content, up to the size limit."""
    _check_filer(actor, sitrep.crisis, sitrep.post)
    sitrep = _lock_draft(sitrep)
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
    _check_filer(actor, sitrep.crisis, sitrep.post)
    sitrep = _lock_draft(sitrep)
    with audit_context(actor):
        sitrep.attachments.filter(pk=attachment_id).delete()


def dcc_alert_recipients(crisis: Crisis) -> list[User]:
    return [
        membership.user
        for membership in crisis.memberships.filter(
            role__in=[CrisisRole.COORDINATOR, CrisisRole.DCC_MEMBER], user__is_active=True
        ).select_related("user", "user__staff_profile")
    ]


@transaction.atomic
def sitrep_submit(*, actor: User, sitrep: Sitrep, now: datetime | None = None) -> Sitrep:
    """Submit a draft. From then on it never changes. High urgency raises an alert at once."""
    _check_filer(actor, sitrep.crisis, sitrep.post)
    sitrep = _lock_draft(sitrep)
    missing = {
        name: _("Required before the report can be submitted.")
        for name in REQUIRED_TO_SUBMIT
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
            _alert_raise(sitrep, now)
        return sitrep


def _alert_raise(sitrep: Sitrep, now: datetime) -> SitrepAlert:
    alert = SitrepAlert.objects.create(crisis=sitrep.crisis, sitrep=sitrep, raised_at=now)
    notification_send(
        recipients=dcc_alert_recipients(sitrep.crisis),
        kind="sitrep_alert",
        context={"crisis": sitrep.crisis, "sitrep": sitrep, "post": sitrep.post},
        url=sitrep_url(sitrep),
        crisis=sitrep.crisis,
        dedupe_key=f"sitrep-alert:{alert.pk}",
    )
    return alert


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


@transaction.atomic
def alert_acknowledge(
    *, actor: User, alert: SitrepAlert, note: str, now: datetime | None = None
) -> SitrepAlert:
    """A DCC member acknowledges an alert: who, when and with what note."""
    from crisisportal.permissions import crisis_permissions

    if "work_crisis" not in crisis_permissions(actor, alert.crisis):
        raise PermissionError("Only DCC staff of the crisis acknowledge alerts.")
    if not note.strip():
        raise ValidationError({"note": _("Say what the DCC does with this alert.")})
    alert = SitrepAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.acknowledged_at is not None:
        raise ValidationError(_("This alert has already been acknowledged."))
    with audit_context(actor):
        alert.acknowledged_at = now or timezone.now()
        alert.acknowledged_by = actor
        alert.acknowledgement_note = note.strip()
        alert.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"])
        return alert


def escalation_list(crisis: Crisis) -> list[User]:
    return [
        m.user
        for m in CrisisMembership.objects.filter(
            crisis=crisis, escalation_order__isnull=False, user__is_active=True
        )
        .select_related("user", "user__staff_profile")
        .order_by("escalation_order", "pk")
    ]


def alerts_escalate_due(*, now: datetime | None = None) -> int:
    """Beat: every open alert silent for the escalation delay goes to the next person on the
    crisis's escalation list (one step per delay). Safe to run twice: rows are locked and the
    step is unique."""
    now = now or timezone.now()
    delay = timedelta(minutes=settings.SITREP_ALERT_ESCALATION_MINUTES)
    due_ids = list(
        SitrepAlert.objects.filter(acknowledged_at__isnull=True)
        .filter(
            Q(last_escalated_at__isnull=True, raised_at__lte=now - delay)
            | Q(last_escalated_at__lte=now - delay)
        )
        .values_list("pk", flat=True)
    )
    escalated = 0
    for alert_id in due_ids:
        if alert_escalate(alert_id=alert_id, now=now):
            escalated += 1
    return escalated


@transaction.atomic
def alert_escalate(*, alert_id: Any, now: datetime) -> bool:
    delay = timedelta(minutes=settings.SITREP_ALERT_ESCALATION_MINUTES)
    alert = (
        SitrepAlert.objects.select_for_update(skip_locked=True)
        .select_related("crisis", "sitrep__post")
        .filter(pk=alert_id, acknowledged_at__isnull=True)
        .first()
    )
    if alert is None:
        return False
    last = alert.last_escalated_at or alert.raised_at
    if last > now - delay:
        return False
    people = escalation_list(alert.crisis)
    if alert.escalation_steps >= len(people):
        return False  # everyone on the list has been alerted; the alert stays open
    person = people[alert.escalation_steps]
    step = alert.escalation_steps + 1
    with audit_context("celery:alerts_escalate_due"):
        SitrepAlertEscalation.objects.create(
            alert=alert, step=step, escalated_to=person, escalated_at=now
        )
        alert.escalation_steps = step
        alert.last_escalated_at = now
        alert.save(update_fields=["escalation_steps", "last_escalated_at"])
        notification_send(
            recipients=[person],
            kind="sitrep_alert_escalated",
            context={
                "crisis": alert.crisis,
                "sitrep": alert.sitrep,
                "post": alert.sitrep.post,
                "minutes": int((now - alert.raised_at).total_seconds() // 60),
            },
            url=sitrep_url(alert.sitrep),
            crisis=alert.crisis,
            dedupe_key=f"alert-escalation:{alert.pk}:{step}",
        )
    return True


def reporting_due_at(last_report_at: datetime, cadence_hours: int, now: datetime) -> datetime:
    """The end of the latest reporting period that has passed without a report.

    Periods run from the last report (or the crisis's opening) in steps of the cadence; a
    post silent for three cadences has missed three periods, each flagged once.
    """
    cadence = timedelta(hours=cadence_hours)
    periods = int((now - last_report_at) / cadence)
    return last_report_at + periods * cadence


def latest_submissions(crises: Any) -> dict[tuple[Any, Any], datetime]:
    rows = (
        Sitrep.objects.filter(crisis__in=crises, status=SitrepStatus.SUBMITTED)
        .values("crisis_id", "post_id")
        .annotate(last=Max("submitted_at"))
    )
    return {(row["crisis_id"], row["post_id"]): row["last"] for row in rows}


def posts_silence_check(*, now: datetime | None = None) -> list[PostSilenceFlag]:
    """Beat: flag each affected post past its crisis's cadence, once per missed period, and
    notify the post (staff and functional mailbox) and the crisis coordinator."""
    now = now or timezone.now()
    crises = list(Crisis.objects.exclude(phase=CrisisPhase.CLOSED).prefetch_related("posts"))
    latest = latest_submissions(crises)
    flags = []
    for crisis in crises:
        for post in crisis.posts.all():
            since = max(latest.get((crisis.pk, post.pk), crisis.opened_at), crisis.opened_at)
            if now - since < timedelta(hours=crisis.reporting_cadence_hours):
                continue
            due_at = reporting_due_at(since, crisis.reporting_cadence_hours, now)
            flag = _silence_flag(crisis=crisis, post=post, due_at=due_at, now=now)
            if flag is not None:
                flags.append(flag)
    return flags


@transaction.atomic
def _silence_flag(
    *, crisis: Crisis, post: Post, due_at: datetime, now: datetime
) -> PostSilenceFlag | None:
    with audit_context("celery:posts_silence_check"):
        flag, created = PostSilenceFlag.objects.get_or_create(
            crisis=crisis, post=post, due_at=due_at, defaults={"flagged_at": now}
        )
        if not created:
            return None
        staff = list(get_user_model().objects.filter(post_memberships__post=post, is_active=True))
        coordinators = [
            m.user
            for m in crisis.memberships.filter(role=CrisisRole.COORDINATOR).select_related(
                "user", "user__staff_profile"
            )
        ]
        context = {"crisis": crisis, "post": post, "due_at": due_at}
        url = f"/crises/{crisis.pk}"
        key = f"post-overdue:{crisis.pk}:{post.pk}:{due_at.isoformat()}"
        notification_send(
            recipients=staff + coordinators,
            kind="post_overdue",
            context=context,
            url=url,
            crisis=crisis,
            dedupe_key=key,
        )
        if post.email:
            notification_send_to_address(
                email=post.email,
                kind="post_overdue",
                context=context,
                url=url,
                crisis=crisis,
                dedupe_key=f"{key}:mailbox",
            )
        return flag
