"""Trigger documents: started and set up."""

from collections.abc import Iterable
from datetime import time

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import (
    Crisis,
    Post,
)
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_fill
from triggers.models import (
    Review,
    ReviewKind,
    TriggerDocument,
)
from triggers.services.participants import (
    open_reviews_participants_sync,
    standing_participants_follow,
)
from triggers.services.reviews import (
    review_next_ensure,
)
from triggers.services.versions import document_version_record


def _check_posts(posts: Iterable[Post], crisis: Crisis | None) -> list[Post]:
    chosen = list(posts)
    if not chosen:
        raise ValidationError({"posts": _("Choose at least one post.")})
    return chosen


@transaction.atomic
def trigger_document_create(
    *,
    actor: User,
    title: str,
    posts: Iterable[Post],
    crisis: Crisis | None = None,
    review_weekday: int = 0,
    review_time: time = time(10, 0),
    active: bool = True,
) -> TriggerDocument:
    """Start a document for a crisis and one or more posts (or a post in peace time). Its
    weekly review starts with the crisis's DCC staff and the document's posts as participants."""
    chosen = _check_posts(posts, crisis)
    with audit_context(actor):
        document = TriggerDocument.objects.create(
            title=title,
            crisis=crisis,
            review_weekday=review_weekday,
            review_time=review_time,
            active=active,
            created_by=actor,
        )
        document.posts.set(chosen)
        standing_participants_follow(document, chosen, set(), add_dcc_staff=True)
        document_version_record(actor=actor, document=document, summary=_("Document created"))
        review_next_ensure(document=document, now=timezone.now())
    return document


@transaction.atomic
def trigger_document_update(
    *,
    actor: User,
    document: TriggerDocument,
    title: str,
    posts: Iterable[Post],
    crisis: Crisis | None,
    review_weekday: int,
    review_time: time,
    active: bool,
) -> TriggerDocument:
    """Change the document's settings; a changed review slot replaces the upcoming review.

    The document's posts are its post participants: added posts join the weekly review and
    removed ones leave it. Attaching a crisis invites the crisis's DCC staff."""
    chosen = _check_posts(posts, crisis)
    schedule_changed = (document.review_weekday, document.review_time) != (
        review_weekday,
        review_time,
    )
    crisis_attached = crisis is not None and document.crisis_id != crisis.pk
    with audit_context(actor):
        record_fill(
            document,
            title=title,
            crisis=crisis,
            review_weekday=review_weekday,
            review_time=review_time,
            active=active,
        ).save()
        previous_post_ids = set(document.posts.values_list("pk", flat=True))
        document.posts.set(chosen)
        standing_participants_follow(
            document, chosen, previous_post_ids, add_dcc_staff=crisis_attached
        )
        now = timezone.now()
        if schedule_changed:
            Review.objects.filter(
                document=document, kind=ReviewKind.WEEKLY, held_on__isnull=True, due_at__gt=now
            ).delete()
        document_version_record(actor=actor, document=document, summary=_("Settings changed"))
        review_next_ensure(document=document, now=now)
        open_reviews_participants_sync(document)
    return document
