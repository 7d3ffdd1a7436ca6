"""Who takes part in a document's weekly review: the standing participants, copied onto each
review not yet held."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from crisisportal.models import (
    CrisisMembership,
    Post,
)
from crisisportal.services.audit import audit_context
from triggers.models import (
    INVITED_ORGANISATIONS,
    DocumentParticipant,
    ParticipantKind,
    Review,
    ReviewKind,
    ReviewParticipant,
    TriggerDocument,
)
from triggers.selectors.participants import DCC_ROLES, participant_candidates


def _participant_rows_sync(model: Any, owner: dict[str, Any], wanted: list[Any]) -> None:
    """Make the participant rows of owner (a document or a review) exactly wanted, keeping the
    rows that stay (and so whether they were reminded)."""
    existing = {row.identity: row for row in model.objects.filter(**owner)}
    wanted_by_identity = {row.identity: row for row in wanted}
    model.objects.filter(
        pk__in=[row.pk for key, row in existing.items() if key not in wanted_by_identity]
    ).delete()
    for key, row in wanted_by_identity.items():
        current = existing.get(key)
        if current is None:
            model.objects.create(**owner, **row.reach_fields())
        elif current.email != row.email:
            current.email = row.email
            current.save(update_fields=["email"])


def standing_participants_follow(
    document: TriggerDocument,
    posts: list[Post],
    previous_post_ids: set[Any],
    *,
    add_dcc_staff: bool,
) -> None:
    """Posts added to the document join its review and removed ones leave it; with
    add_dcc_staff the crisis's DCC staff are invited too (on creation, when a crisis is
    attached)."""
    post_ids = {post.pk for post in posts}
    wanted = [
        p
        for p in document.participants.all()
        if p.kind != ParticipantKind.POST or p.post_id in post_ids
    ]
    wanted += [
        DocumentParticipant(kind=ParticipantKind.POST, post_id=post.pk)
        for post in posts
        if post.pk not in previous_post_ids
    ]
    if add_dcc_staff and document.crisis_id is not None:
        wanted += [
            DocumentParticipant(kind=ParticipantKind.USER, user_id=user_id)
            for user_id in CrisisMembership.objects.filter(
                crisis_id=document.crisis_id,
                role__in=DCC_ROLES,
                user__is_active=True,
            ).values_list("user_id", flat=True)
        ]
    _participant_rows_sync(DocumentParticipant, {"document": document}, wanted)


def review_participants_copy(review: Review) -> None:
    _participant_rows_sync(
        ReviewParticipant, {"review": review}, list(review.document.participants.all())
    )


def open_reviews_participants_sync(document: TriggerDocument) -> None:
    """Weekly reviews not yet held invite the document's current participants; those already
    reminded keep their reminder, newcomers are reminded by the next beat run."""
    for review in Review.objects.filter(
        document=document, kind=ReviewKind.WEEKLY, held_on__isnull=True
    ):
        review_participants_copy(review)


@transaction.atomic
def document_participants_set(
    *,
    actor: User,
    document: TriggerDocument,
    users: Iterable[User],
    posts: Iterable[Post],
    ministries: dict[str, str],
    guests: str = "",
) -> list[DocumentParticipant]:
    """Set the standing participants of the document's weekly review: DCC staff of the crisis
    (by notification), the document's posts (their mailbox and staff), other ministries (a
    contact address each) and guests in free text. Open weekly reviews get the new list."""
    chosen_users = list(users)
    chosen_posts = list(posts)
    errors: dict[str, Any] = {}
    allowed_users = set(participant_candidates(document).values_list("pk", flat=True))
    if any(user.pk not in allowed_users for user in chosen_users):
        errors["users"] = _("Choose staff members of the document's crisis.")
    document_posts = {post.pk for post in document.posts.all()}
    if any(post.pk not in document_posts for post in chosen_posts):
        errors["posts"] = _("Choose posts of the document.")
    invited = {str(o.value) for o in INVITED_ORGANISATIONS}
    wanted_ministries = {}
    for organisation, email in ministries.items():
        email = email.strip()
        if not email:
            continue
        if organisation not in invited:
            errors[f"ministry_{organisation}"] = _("Unknown ministry.")
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors[f"ministry_{organisation}"] = _("Enter a valid email address.")
            continue
        wanted_ministries[organisation] = email
    if errors:
        raise ValidationError(errors)
    wanted = [DocumentParticipant(kind=ParticipantKind.USER, user_id=u.pk) for u in chosen_users]
    wanted += [DocumentParticipant(kind=ParticipantKind.POST, post_id=p.pk) for p in chosen_posts]
    wanted += [
        DocumentParticipant(kind=ParticipantKind.MINISTRY, organisation=organisation, email=email)
        for organisation, email in wanted_ministries.items()
    ]
    with audit_context(actor):
        _participant_rows_sync(DocumentParticipant, {"document": document}, wanted)
        document.review_guests = guests.strip()
        document.save(update_fields=["review_guests", "updated_at"])
        open_reviews_participants_sync(document)
    return list(document.participants.all())
