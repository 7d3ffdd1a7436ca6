"""Reviews of a trigger document: the weekly ones kept by beat (created, reminded, flagged
overdue) and the held ones recorded by staff."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    CrisisPhase,
    PostMembership,
)
from crisisportal.services.audit import audit_context
from triggers.models import (
    DocumentParticipant,
    ParticipantKind,
    Review,
    ReviewKind,
    ReviewParticipant,
    TriggerDocument,
)
from triggers.selectors.participants import crisis_coordinators
from triggers.selectors.reviews import review_slot_next
from triggers.services.agenda import (
    agenda_questions_place_pending,
)
from triggers.services.notifications import document_notify
from triggers.services.participants import (
    review_participants_copy,
)
from triggers.services.versions import document_version_latest

# Weekly reviews happen while a crisis is building up or running.
REVIEWED_PHASES = [CrisisPhase.PRE_CRISIS, CrisisPhase.CRISIS]


REMIND_BEFORE = timedelta(days=1)


def _overdue_after() -> timedelta:
    return timedelta(hours=getattr(settings, "TRIGGER_REVIEW_OVERDUE_AFTER_HOURS", 24))


def _reviewed(documents: Any) -> Any:
    return documents.filter(active=True, crisis__phase__in=REVIEWED_PHASES)


def review_next_ensure(*, document: TriggerDocument, now: datetime) -> Review | None:
    """Create the upcoming weekly review of an active crisis document (idempotent)."""
    if not _reviewed(TriggerDocument.objects.filter(pk=document.pk)).exists():
        return None
    review, created = Review.objects.get_or_create(
        document=document, kind=ReviewKind.WEEKLY, due_at=review_slot_next(document, now)
    )
    if created:
        review_participants_copy(review)
    return review


def _participant_recipients(row: ReviewParticipant) -> tuple[list[User], list[str]]:
    """Whom a participant's reminder reaches: (users to notify, addresses to email)."""
    if row.kind == ParticipantKind.USER:
        return ([row.user] if row.user is not None else []), []
    if row.kind == ParticipantKind.POST and row.post is not None:
        staff = [
            m.user
            for m in PostMembership.objects.filter(post=row.post).select_related(
                "user__staff_profile"
            )
        ]
        return staff, ([row.post.email] if row.post.email else [])
    return [], ([row.email] if row.email else [])


def _review_remind(review: Review, now: datetime) -> bool:
    """Remind every participant of the review not reminded yet, each once: users by
    notification, posts in their mailbox and staff's inbox, ministries at their address.

    A participant row is claimed before sending; the dedupe keys (per review and user, per
    review and address) also keep someone who is reached twice (a DCC member who is also post
    staff) from getting two reminders."""
    rows = list(
        ReviewParticipant.objects.filter(review=review, reminded_at__isnull=True).select_related(
            "user__staff_profile", "post"
        )
    )
    context = {"review": review, "document": review.document}
    base = f"trigger-review-reminder:{review.pk}"
    reminded = False
    for row in rows:
        claimed = ReviewParticipant.objects.filter(pk=row.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        reminded = True
        users, addresses = _participant_recipients(row)
        document_notify(
            review.document,
            kind="trigger_review_reminder",
            context=context,
            dedupe_key=base,
            users=users,
            addresses=addresses,
        )
    if reminded:
        Review.objects.filter(pk=review.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
    return reminded


def reviews_tick(*, now: datetime | None = None) -> dict[str, int]:
    """Beat: create upcoming reviews, remind participants a day ahead (each once), flag overdue
    ones. "reminded" counts the reviews whose participants were reminded in this run.

    Each step claims its rows with a conditional update, so overlapping runs act once.
    """
    now = now or timezone.now()
    created = reminded = flagged = 0
    for document in _reviewed(TriggerDocument.objects.all()):
        with transaction.atomic():
            before = Review.objects.filter(document=document).count()
            review_next_ensure(document=document, now=now)
            created += Review.objects.filter(document=document).count() - before
    open_weekly = Review.objects.filter(kind=ReviewKind.WEEKLY, held_on__isnull=True)
    to_remind = ReviewParticipant.objects.filter(review=OuterRef("pk"), reminded_at__isnull=True)
    for review in (
        open_weekly.filter(due_at__gt=now, due_at__lte=now + REMIND_BEFORE)
        .filter(Exists(to_remind))
        .select_related("document__crisis")
    ):
        with transaction.atomic(), audit_context("beat: trigger reviews"):
            if _review_remind(review, now):
                reminded += 1
    for review in open_weekly.filter(
        overdue_since__isnull=True, due_at__lte=now - _overdue_after()
    ).select_related("document__crisis"):
        with transaction.atomic():
            claimed = Review.objects.filter(pk=review.pk, overdue_since__isnull=True).update(
                overdue_since=now
            )
            if not claimed:
                continue
            document_notify(
                review.document,
                kind="trigger_review_overdue",
                context={"review": review, "document": review.document},
                dedupe_key=f"trigger-review-overdue:{review.pk}",
                users=crisis_coordinators(review.document.crisis),
            )
            flagged += 1
    agenda_questions_place_pending()
    return {"created": created, "reminded": reminded, "flagged": flagged}


def _validate_held(held_on: date, took_part: set[Any], allowed: set[Any], guests: str) -> None:
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("The date cannot be in the future.")
    if took_part - allowed:
        errors["took_part"] = _("Choose from the invited participants.")
    elif not took_part and not guests.strip():
        errors["took_part"] = _("Record who took part: tick the participants or name the guests.")
    if errors:
        raise ValidationError(errors)


def _held_fields(
    actor: User, document: TriggerDocument, held_on: date, guests: str, notes: str
) -> dict[str, Any]:
    """What recording a held review stores: when, who else, the notes, and the approval of the
    document's current version by whom and when."""
    return {
        "held_on": held_on,
        "guests": guests.strip(),
        "notes": notes,
        "approved_version": document_version_latest(document),
        "held_recorded_by": actor,
        "held_recorded_at": timezone.now(),
    }


@transaction.atomic
def review_hold(
    *,
    actor: User,
    review: Review,
    held_on: date,
    took_part: Iterable[ReviewParticipant],
    guests: str = "",
    notes: str = "",
) -> Review:
    """Record a held review: who of the invited participants took part (and guests), the
    notes; it approves the document's current version and clears the overdue flag."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    took_part_ids = {p.pk for p in took_part}
    invited = set(ReviewParticipant.objects.filter(review=review).values_list("pk", flat=True))
    _validate_held(held_on, took_part_ids, invited, guests)
    if review.is_held:
        raise ValidationError(_("This review has already been recorded."))
    with audit_context(actor):
        for name, value in _held_fields(actor, review.document, held_on, guests, notes).items():
            setattr(review, name, value)
        review.save()
        ReviewParticipant.objects.filter(review=review, pk__in=took_part_ids).update(took_part=True)
    return review


@transaction.atomic
def review_small_group_hold(
    *,
    actor: User,
    document: TriggerDocument,
    held_on: date,
    took_part: Iterable[DocumentParticipant],
    guests: str = "",
    notes: str = "",
    meeting: Any = None,
) -> Review:
    """A review in a smaller group, e.g. before a BOB meeting (optionally linked to it): who of
    the document's participants took part, and guests."""
    chosen = list(took_part)
    standing = set(
        DocumentParticipant.objects.filter(document=document).values_list("pk", flat=True)
    )
    _validate_held(held_on, {p.pk for p in chosen}, standing, guests)
    if meeting is not None and meeting.crisis_id != document.crisis_id:
        raise ValidationError({"meeting": _("Choose a meeting of the document's crisis.")})
    with audit_context(actor):
        review = Review.objects.create(
            document=document,
            kind=ReviewKind.SMALL_GROUP,
            meeting=meeting,
            **_held_fields(actor, document, held_on, guests, notes),
        )
        ReviewParticipant.objects.bulk_create(
            [ReviewParticipant(review=review, took_part=True, **p.reach_fields()) for p in chosen]
        )
    return review
