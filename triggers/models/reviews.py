"""Reviews of a trigger document and who takes part in them."""

from typing import Any

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Organisation, Post
from crisisportal.models.fields import optional_link, staff_link
from triggers.models.choices import ParticipantKind, ReviewKind
from triggers.models.documents import DocumentVersion, TriggerDocument


@pghistory.track()
class Review(models.Model):
    document = models.ForeignKey(TriggerDocument, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(
        _("kind"), max_length=20, choices=ReviewKind.choices, default=ReviewKind.WEEKLY
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    overdue_since = models.DateTimeField(null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    guests = models.TextField(
        _("guests"), blank=True, help_text=_("Others who took part, in free text.")
    )
    notes = models.TextField(_("notes"), blank=True)
    approved_version = optional_link(
        DocumentVersion,
        _("approved version"),
        related_name="approving_reviews",
        on_delete=models.PROTECT,
    )
    held_recorded_by = staff_link(null=True)
    held_recorded_at = models.DateTimeField(null=True, blank=True)
    # The BOB meeting a small-group review prepared.
    meeting = optional_link(
        "crisisportal.Meeting", _("BOB meeting"), related_name="trigger_reviews"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "due_at"],
                condition=models.Q(kind="weekly"),
                name="unique_weekly_review_slot",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(held_on__isnull=True),
                name="review_open_due",
            )
        ]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_at or self.held_on}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    @property
    def took_part(self) -> list["ReviewParticipant"]:
        return [p for p in self.participants.all() if p.took_part]

    @property
    def absent(self) -> list["ReviewParticipant"]:
        return [p for p in self.participants.all() if not p.took_part]


class Participant(models.Model):
    """Someone who takes part in a review: a staff member (notified), a post (its mailbox and
    staff) or another ministry (its contact address)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    user = optional_link(settings.AUTH_USER_MODEL, _("staff member"), on_delete=models.PROTECT)
    post = optional_link(Post, _("post"), on_delete=models.PROTECT)
    organisation = models.CharField(
        _("ministry"), max_length=20, choices=Organisation.choices, blank=True
    )
    email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        if self.kind == ParticipantKind.USER and self.user is not None:
            return self.user.get_full_name() or self.user.email
        if self.kind == ParticipantKind.POST and self.post is not None:
            return self.post.name
        return str(self.get_organisation_display())

    def reach_fields(self) -> dict[str, Any]:
        """Who the participant is and how they are reached: what a copy of it carries."""
        return {
            "kind": self.kind,
            "user_id": self.user_id,
            "post_id": self.post_id,
            "organisation": self.organisation,
            "email": self.email,
        }

    @property
    def identity(self) -> tuple[str, object]:
        """What makes two participant rows the same participant."""
        if self.kind == ParticipantKind.USER:
            return (self.kind, self.user_id)
        if self.kind == ParticipantKind.POST:
            return (self.kind, self.post_id)
        return (self.kind, self.organisation)


def _participant_constraints(owner: str, prefix: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(
            fields=[owner, "user"],
            condition=models.Q(kind="user"),
            name=f"{prefix}_unique_user",
        ),
        models.UniqueConstraint(
            fields=[owner, "post"],
            condition=models.Q(kind="post"),
            name=f"{prefix}_unique_post",
        ),
        models.UniqueConstraint(
            fields=[owner, "organisation"],
            condition=models.Q(kind="ministry"),
            name=f"{prefix}_unique_ministry",
        ),
        models.CheckConstraint(
            condition=(
                models.Q(kind="user", user__isnull=False, post__isnull=True)
                | models.Q(kind="post", post__isnull=False, user__isnull=True)
                | (
                    models.Q(kind="ministry", user__isnull=True, post__isnull=True)
                    & ~models.Q(organisation="")
                    & ~models.Q(email="")
                )
            ),
            name=f"{prefix}_kind_matches",
        ),
    ]


@pghistory.track()
class DocumentParticipant(Participant):
    """A standing participant of the document's weekly review, copied onto each due review."""

    document = models.ForeignKey(
        TriggerDocument, on_delete=models.CASCADE, related_name="participants"
    )

    class Meta:
        ordering = ["kind", "id"]
        constraints = _participant_constraints("document", "document_participant")
        verbose_name = _("review participant")
        verbose_name_plural = _("review participants")


@pghistory.track()
class ReviewParticipant(Participant):
    """A participant invited to one review; took_part is recorded when the review is held."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="participants")
    took_part = models.BooleanField(_("took part"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = _participant_constraints("review", "review_participant")
        verbose_name = _("review participant")
        verbose_name_plural = _("review participants")
