"""Trigger documents: scenarios, their precursor events and the measures decided in advance.

Every saved revision of a document is kept as an immutable snapshot (DocumentVersion), so a
review approves an exact version and any two versions can be compared.
"""

import uuid
from datetime import time

import pghistory
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from crisisportal.models import Crisis, Organisation, Post


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


@pghistory.track()
class TriggerDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    crisis = models.ForeignKey(
        Crisis,
        on_delete=models.PROTECT,
        related_name="trigger_documents",
        null=True,
        blank=True,
        verbose_name=_("crisis"),
        help_text=_("Leave empty for a peace-time document; attach it when a crisis opens."),
    )
    posts = models.ManyToManyField(Post, related_name="trigger_documents", verbose_name=_("posts"))
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Active documents are reviewed weekly.")
    )
    review_weekday = models.PositiveSmallIntegerField(
        _("weekly review day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    review_time = models.TimeField(_("weekly review time"), default=time(10, 0))
    review_guests = models.TextField(
        _("guests"),
        blank=True,
        help_text=_("Others who take part without being reminded by the portal."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("trigger document")
        verbose_name_plural = _("trigger documents")

    def __str__(self) -> str:
        return self.title


class ScenarioKind(models.TextChoices):
    MOST_LIKELY = "most-likely", _("Most likely")
    WORSE = "worse", _("Worse")
    WORST_CASE = "worst-case", _("Worst case (must be avoided)")


# "events" is taken by the precursor events; pghistory's audit rows get another name.
@pghistory.track(obj_field=pghistory.ObjForeignKey(related_name="audit_events"))
class Scenario(models.Model):
    document = models.ForeignKey(
        TriggerDocument, on_delete=models.CASCADE, related_name="scenarios"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ScenarioKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assessment = models.TextField(_("assessment"), blank=True)
    # Set when someone declares the scenario worsened; cleared when additional measures exist.
    worsened_at = models.DateTimeField(_("declared worsened at"), null=True, blank=True)
    worsened_decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    worsened_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    worsened_note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "created_at", "id"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.title


class EventStatus(models.TextChoices):
    NOT_OBSERVED = "not-observed", _("Not observed")
    SIGNS_OBSERVED = "signs-observed", _("Signs observed")
    OCCURRED = "occurred", _("Occurred")


@pghistory.track()
class PrecursorEvent(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.NOT_OBSERVED
    )
    status_since = models.DateTimeField(_("since"), null=True, blank=True)
    # The question "has the scenario worsened?" waiting for the next BOB meeting.
    agenda_question_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scenario", "created_at", "id"]
        verbose_name = _("precursor event")
        verbose_name_plural = _("precursor events")

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class EventObservation(models.Model):
    """One recorded observation of a precursor event; the event keeps the latest status."""

    event = models.ForeignKey(PrecursorEvent, on_delete=models.CASCADE, related_name="observations")
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices)
    observed_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300)
    # Where the observation came from, when it is in the portal: a submitted sitrep of the
    # document's crisis, or a fact in the picture of one of its BOB meetings.
    sitrep = models.ForeignKey(
        "crisisportal.Sitrep",
        on_delete=models.PROTECT,
        related_name="trigger_observations",
        null=True,
        blank=True,
        verbose_name=_("situation report"),
    )
    picture_item = models.ForeignKey(
        "crisisportal.PictureItem",
        on_delete=models.PROTECT,
        related_name="trigger_observations",
        null=True,
        blank=True,
        verbose_name=_("picture item"),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.observed_on}"


class MeasureOwner(models.TextChoices):
    DIRECTORATE = "directorate", _("A directorate")
    POST = "post", _("The post")
    DEFENCE = "defence", _("Defence")
    OTHER_MINISTRY = "other-ministry", _("Another ministry")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PREPARED = "prepared", _("Prepared")
    EXECUTED = "executed", _("Executed")
    NO_LONGER_NEEDED = "no-longer-needed", _("No longer needed")


OPEN_MEASURE_STATUSES = [MeasureStatus.PLANNED, MeasureStatus.PREPARED]


@pghistory.track()
class Measure(models.Model):
    event = models.ForeignKey(PrecursorEvent, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("action or measure"), max_length=300)
    owner = models.CharField(_("owner"), max_length=20, choices=MeasureOwner.choices)
    owner_detail = models.CharField(
        _("owner (name)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the directorate or ministry, such as DCV or JenV."),
    )
    owner_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("contact person"),
        help_text=_("Notified when the measure becomes due."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    due_since = models.DateTimeField(_("due since"), null=True, blank=True)
    additional = models.BooleanField(
        _("additional measure after worsening"), default=False, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.title

    @property
    def is_due(self) -> bool:
        return self.due_since is not None and self.status in OPEN_MEASURE_STATUSES


@pghistory.track()
class CountryPosition(models.Model):
    """What a non-like-minded country does, and why we would not do the same."""

    document = models.ForeignKey(
        TriggerDocument, on_delete=models.CASCADE, related_name="positions"
    )
    country = CountryField(_("country"))
    position = models.TextField(_("position"))
    why_not_us = models.TextField(
        _("why would we not do what they do?"),
        help_text=_("The answer may reveal a scenario nobody considered."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "created_at", "id"]
        verbose_name = _("non-like-minded country position")
        verbose_name_plural = _("non-like-minded country positions")

    def __str__(self) -> str:
        return str(self.country.name)  # type: ignore[attr-defined]


class DocumentVersion(models.Model):
    """An immutable snapshot of a trigger document after one saved revision."""

    document = models.ForeignKey(TriggerDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    summary = models.CharField(_("change"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version")
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"v{self.number}"


class ReviewKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly review")
    SMALL_GROUP = "small-group", _("Small-group review")


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
    approved_version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.PROTECT,
        related_name="approving_reviews",
        null=True,
        blank=True,
        verbose_name=_("approved version"),
    )
    held_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    held_recorded_at = models.DateTimeField(null=True, blank=True)
    # The BOB meeting a small-group review prepared.
    meeting = models.ForeignKey(
        "crisisportal.Meeting",
        on_delete=models.SET_NULL,
        related_name="trigger_reviews",
        null=True,
        blank=True,
        verbose_name=_("BOB meeting"),
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


class ParticipantKind(models.TextChoices):
    USER = "user", _("Staff member")
    POST = "post", _("Post")
    MINISTRY = "ministry", _("Other ministry")


# Ministries that can be invited; the ministry keeping the documents is always there.
INVITED_ORGANISATIONS = [o for o in Organisation if o != Organisation.BZ]


class Participant(models.Model):
    """Someone who takes part in a review: a staff member (notified), a post (its mailbox and
    staff) or another ministry (its contact address)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("staff member"),
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("post"),
    )
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


@pghistory.track()
class OwnerContact(models.Model):
    """How a measure owner without an account is reached: a directorate, Defence or another
    ministry by name, with a contact address. A contact without a name reaches every owner of
    its kind that has no contact of its own."""

    document = models.ForeignKey(
        TriggerDocument, on_delete=models.CASCADE, related_name="owner_contacts"
    )
    kind = models.CharField(_("owner"), max_length=20, choices=MeasureOwner.choices)
    name = models.CharField(
        _("owner (name)"),
        max_length=200,
        blank=True,
        help_text=_("As written in the measures, e.g. DCV or JenV."),
    )
    email = models.EmailField(_("contact email"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint("document", "kind", Lower("name"), name="unique_owner_contact"),
            models.CheckConstraint(condition=~models.Q(kind="post"), name="owner_contact_not_post"),
        ]
        verbose_name = _("owner contact")
        verbose_name_plural = _("owner contacts")

    def __str__(self) -> str:
        label = str(self.get_kind_display())
        return f"{label}: {self.name}" if self.name else label


class DocumentExport(models.Model):
    """A PDF export, rendered by a Celery task and served only through an access-checked view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    document = models.ForeignKey(TriggerDocument, on_delete=models.CASCADE, related_name="exports")
    file = models.FileField(upload_to="trigger-exports/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("PDF export")
        verbose_name_plural = _("PDF exports")

    def __str__(self) -> str:
        return f"PDF {self.requested_at:%Y-%m-%d %H:%M}"


@pghistory.track()
class JudgementScenarioLink(models.Model):
    """A judgement of a BOB meeting (Oordeelsvorming) about a scenario of a trigger document."""

    judgement = models.OneToOneField(
        "crisisportal.Judgement", on_delete=models.CASCADE, related_name="scenario_link"
    )
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="judgement_links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("judgement about a scenario")
        verbose_name_plural = _("judgements about scenarios")

    def __str__(self) -> str:
        return f"{self.judgement} → {self.scenario}"
