"""BOB crisis meetings: picture (Beeldvorming), judgement (Oordeelsvorming), decision
(Besluitvorming), and the crisis's decision log across meetings."""

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.choices import (
    OPEN_DECISION_STATUSES,
    DecisionStatus,
    MeetingKind,
    MeetingPhase,
    PictureSource,
)
from crisisportal.models.crises import Crisis
from crisisportal.models.fields import CreatedByStaff, optional_link, staff_link
from crisisportal.models.posts import Post
from crisisportal.models.sitreps import Sitrep


def minutes_path(instance: "Meeting", filename: str) -> str:
    return f"minutes/{instance.crisis_id}/{instance.id}-r{instance.minutes_revision}.pdf"


@pghistory.track()
class Meeting(CreatedByStaff):
    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    scheduled_at = models.DateTimeField(_("scheduled at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    phase = models.CharField(
        _("phase"), max_length=12, choices=MeetingPhase.choices, default=MeetingPhase.PICTURE
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="bob_meetings",
        blank=True,
        verbose_name=_("staff participants"),
    )
    participant_posts = models.ManyToManyField(
        Post, related_name="bob_meetings", blank=True, verbose_name=_("participating posts")
    )
    other_participants = models.CharField(
        _("other participants"),
        max_length=500,
        blank=True,
        help_text=_("Other ministries and organisations taking part."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Minutes are regenerated whenever the revision moves past the generated one.
    minutes_revision = models.PositiveIntegerField(default=0)
    minutes_generated_revision = models.PositiveIntegerField(default=0)
    minutes_pdf = models.FileField(upload_to=minutes_path, max_length=200, blank=True)
    minutes_generated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-scheduled_at"]
        indexes = [models.Index(fields=["crisis", "-scheduled_at"], name="meeting_crisis_time")]
        verbose_name = _("BOB meeting")
        verbose_name_plural = _("BOB meetings")

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.phase == MeetingPhase.CLOSED

    @property
    def minutes_ready(self) -> bool:
        return bool(self.minutes_pdf) and self.minutes_generated_revision == self.minutes_revision


@pghistory.track()
class MeetingPhaseChange(models.Model):
    """Every phase step of a meeting; a step back carries its reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=12, choices=MeetingPhase.choices)
    to_phase = models.CharField(max_length=12, choices=MeetingPhase.choices)
    is_step_back = models.BooleanField(default=False)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = staff_link()
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_phase} → {self.to_phase}"


@pghistory.track()
class MeetingAgendaItem(models.Model):
    """An item on a meeting's agenda, optionally raised by another record (e.g. a trigger)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    text = models.CharField(_("agenda item"), max_length=500)
    source_type = optional_link(ContentType, on_delete=models.PROTECT)
    source_id = models.CharField(max_length=64, blank=True)
    source_object = GenericForeignKey("source_type", "source_id")
    added_by = staff_link(null=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            # The same source raises its question once per meeting (a retried job adds nothing).
            models.UniqueConstraint(
                fields=["meeting", "source_type", "source_id", "text"],
                condition=models.Q(source_type__isnull=False),
                name="unique_agenda_item_per_source",
            )
        ]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.text


@pghistory.track()
class PictureItem(CreatedByStaff):
    """A fact in the picture, with its source. No interpretations here: they are judgements."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="picture_items")
    fact = models.TextField(_("fact"))
    source = models.CharField(_("source"), max_length=20, choices=PictureSource.choices)
    source_detail = models.CharField(
        _("source detail"), max_length=200, blank=True, help_text=_("Which post, partner, etc.")
    )
    sitrep = optional_link(
        Sitrep, _("situation report"), related_name="picture_items", on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "sitrep"],
                condition=models.Q(sitrep__isnull=False),
                name="unique_sitrep_import_per_meeting",
            )
        ]
        verbose_name = _("picture item")
        verbose_name_plural = _("picture items")

    def __str__(self) -> str:
        return self.fact[:80]


@pghistory.track()
class Judgement(CreatedByStaff):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="judgements")
    text = models.TextField(_("judgement"))
    is_assumption = models.BooleanField(_("this is an assumption"), default=False)
    scenario = models.CharField(
        _("scenario"),
        max_length=300,
        blank=True,
        help_text=_("The scenario of the trigger document this judgement relates to."),
    )
    dissent = models.TextField(_("dissenting views"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("judgement")
        verbose_name_plural = _("judgements")

    def __str__(self) -> str:
        return self.text[:80]


@pghistory.track()
class Decision(CreatedByStaff):
    """A decision of a BOB meeting; the crisis's decision log is the list of these."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_decisions",
        verbose_name=_("owner"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DecisionStatus.choices,
        default=DecisionStatus.OPEN,
        db_index=True,
    )
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)
    is_minister_decision_point = models.BooleanField(
        _("decision point for the minister"), default=False
    )
    minister_answer = models.TextField(_("answer of the minister"), blank=True)
    minister_answered_at = models.DateTimeField(null=True, blank=True)
    picture_items = models.ManyToManyField(
        PictureItem, related_name="decisions", blank=True, verbose_name=_("rests on facts")
    )
    judgements = models.ManyToManyField(
        Judgement, related_name="decisions", blank=True, verbose_name=_("rests on judgements")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "created_at"]
        indexes = [
            models.Index(fields=["crisis", "status", "deadline"], name="decision_log"),
            models.Index(fields=["crisis", "owner", "deadline"], name="decision_owner"),
            # The API's decision log: keyset pages by last change, `updatedSince`.
            models.Index(fields=["crisis", "updated_at"], name="decision_crisis_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="dropped") | ~models.Q(dropped_reason=""),
                name="decision_dropped_has_reason",
            )
        ]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DECISION_STATUSES


@pghistory.track()
class DecisionUpdate(models.Model):
    """A status update of a decision, e.g. in the follow-up of a later meeting."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="updates")
    meeting = optional_link(Meeting, related_name="decision_updates")
    from_status = models.CharField(max_length=12, choices=DecisionStatus.choices)
    to_status = models.CharField(max_length=12, choices=DecisionStatus.choices)
    note = models.TextField(_("note"), blank=True)
    updated_by = staff_link()
    updated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["updated_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


@pghistory.track()
class MeetingAmendment(models.Model):
    """A correction to a closed meeting's record; the minutes are regenerated with it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField(_("amendment"))
    amended_by = staff_link()
    amended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["amended_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
