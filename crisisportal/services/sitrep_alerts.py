"""High-urgency alerts of situation reports: raised on submit, acknowledged by the DCC, and
escalated along the crisis's escalation list while nobody acknowledges them."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    Crisis,
    CrisisMembership,
    CrisisRole,
    Sitrep,
    SitrepAlert,
    SitrepAlertEscalation,
)
from crisisportal.permissions import crisis_permissions
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send


def sitrep_path(sitrep: Sitrep) -> str:
    return reverse(
        "crisisportal:sitrep-detail", kwargs={"crisis_id": sitrep.crisis_id, "sitrep_id": sitrep.pk}
    )


def dcc_alert_recipients(crisis: Crisis) -> list[User]:
    return [
        membership.user
        for membership in crisis.memberships.filter(
            role__in=[CrisisRole.COORDINATOR, CrisisRole.DCC_MEMBER], user__is_active=True
        ).select_related("user", "user__staff_profile")
    ]


def alert_raise(sitrep: Sitrep, now: datetime) -> SitrepAlert:
    """Raise the alert of a high-urgency report, in its submit transaction, and tell the DCC."""
    alert = SitrepAlert.objects.create(crisis=sitrep.crisis, sitrep=sitrep, raised_at=now)
    notification_send(
        recipients=dcc_alert_recipients(sitrep.crisis),
        kind="sitrep_alert",
        context={"crisis": sitrep.crisis, "sitrep": sitrep, "post": sitrep.post},
        url=sitrep_path(sitrep),
        crisis=sitrep.crisis,
        dedupe_key=f"sitrep-alert:{alert.pk}",
    )
    return alert


@transaction.atomic
def alert_acknowledge(
    *, actor: User, alert: SitrepAlert, note: str, now: datetime | None = None
) -> SitrepAlert:
    """A DCC member acknowledges an alert: who, when and with what note."""
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
            url=sitrep_path(alert.sitrep),
            crisis=alert.crisis,
            dedupe_key=f"alert-escalation:{alert.pk}:{step}",
        )
    return True
