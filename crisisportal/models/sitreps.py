"""Situation reports from posts, their alerts and the silence flags of posts that stop reporting."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from crisisportal.models.choices import (
    Availability,
    CountryCamp,
    CountryStance,
    LocalControl,
    SitrepStatus,
    Urgency,
)
from crisisportal.models.crises import Crisis
from crisisportal.models.fields import CreatedByStaff, UploadedFile, UUIDModel, staff_link
from crisisportal.models.posts import Post


@pghistory.track()
class Sitrep(CreatedByStaff):
    """A post's situation report for a crisis and a period.

    Submitted reports never change: a correction is a new version that supersedes the old one.
    """

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="sitreps")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="sitreps")
    status = models.CharField(
        _("status"), max_length=10, choices=SitrepStatus.choices, default=SitrepStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    period_start = models.DateTimeField(_("period from"))
    period_end = models.DateTimeField(_("period until"))
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    security_situation = models.TextField(_("security situation"), blank=True)
    local_authority_control = models.CharField(
        _("degree of control of the local authorities"),
        max_length=10,
        choices=LocalControl.choices,
        default=LocalControl.UNKNOWN,
    )
    local_authority_notes = models.TextField(_("notes on the local authorities"), blank=True)
    airport = models.CharField(
        _("airport open"), max_length=12, choices=Availability.choices, default="unknown"
    )
    commercial_flights = models.CharField(
        _("commercial flights"), max_length=12, choices=Availability.choices, default="unknown"
    )
    border_crossings = models.CharField(
        _("border crossings"), max_length=12, choices=Availability.choices, default="unknown"
    )
    landing_rights = models.CharField(
        _("landing rights"), max_length=12, choices=Availability.choices, default="unknown"
    )
    essentials_notes = models.TextField(_("notes on essentials"), blank=True)
    positive_developments = models.TextField(_("positive developments"), blank=True)
    negative_developments = models.TextField(_("negative developments"), blank=True)
    free_text = models.TextField(_("other remarks"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = staff_link(null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["crisis", "post", "-submitted_at"], name="sitrep_post_timeline"),
            models.Index(fields=["crisis", "-submitted_at"], name="sitrep_crisis_timeline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="sitrep_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="sitrep_submitted_has_time",
            ),
        ]
        verbose_name = _("situation report")
        verbose_name_plural = _("situation reports")

    def __str__(self) -> str:
        return f"{self.post} {self.period_end:%Y-%m-%d %H:%M} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == SitrepStatus.DRAFT


# The content a post writes in a report: what the form edits, the services store and a
# correction carries over. One list, so a new field cannot be forgotten in one of them.
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
SITREP_REQUIRED_TO_SUBMIT = ("security_situation", "positive_developments", "negative_developments")


@pghistory.track()
class CountryPosition(models.Model):
    """What another country does, as reported by the post (like-minded or not)."""

    sitrep = models.ForeignKey(Sitrep, on_delete=models.CASCADE, related_name="country_positions")
    camp = models.CharField(_("group"), max_length=20, choices=CountryCamp.choices)
    country = CountryField(_("country"))
    stance = models.CharField(_("position"), max_length=20, choices=CountryStance.choices)
    details = models.CharField(_("details"), max_length=500, blank=True)
    observed_on = models.DateField(_("date"))

    class Meta:
        ordering = ["camp", "country", "observed_on"]
        verbose_name = _("country position")
        verbose_name_plural = _("country positions")

    def __str__(self) -> str:
        return f"{self.country}: {self.get_stance_display()}"


def attachment_path(instance: "SitrepAttachment", filename: str) -> str:
    # The stored name carries no user input: the original name stays in the database only.
    return f"sitreps/{instance.sitrep_id}/{instance.id}"


@pghistory.track()
class SitrepAttachment(UploadedFile):
    sitrep = models.ForeignKey(Sitrep, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    uploaded_by = staff_link()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


@pghistory.track()
class SitrepAlert(UUIDModel):
    """A high-urgency sitrep stays an open alert until someone at the DCC acknowledges it."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="sitrep_alerts")
    sitrep = models.OneToOneField(Sitrep, on_delete=models.CASCADE, related_name="alert")
    raised_at = models.DateTimeField(_("raised at"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = staff_link(null=True, blank=True, verbose_name=_("acknowledged by"))
    acknowledgement_note = models.TextField(_("note"), blank=True)
    # How many people of the escalation list have been alerted so far, and when the last was.
    escalation_steps = models.PositiveSmallIntegerField(default=0)
    last_escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [
            models.Index(
                fields=["crisis", "-raised_at"],
                condition=models.Q(acknowledged_at__isnull=True),
                name="sitrepalert_open",
            )
        ]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return f"{self.sitrep}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


@pghistory.track()
class SitrepAlertEscalation(models.Model):
    """One step of an unacknowledged alert up the crisis's escalation list."""

    alert = models.ForeignKey(SitrepAlert, on_delete=models.CASCADE, related_name="escalations")
    step = models.PositiveSmallIntegerField()
    escalated_to = staff_link()
    escalated_at = models.DateTimeField()

    class Meta:
        ordering = ["step"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "step"], name="unique_alert_escalation_step")
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} step {self.step}"


@pghistory.track()
class PostSilenceFlag(models.Model):
    """A post that let a reporting period pass without a sitrep: at most one flag per period.

    due_at is the end of the missed period (last report, or crisis opening, plus n cadences);
    the unique constraint makes the beat job idempotent.
    """

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="silence_flags")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="silence_flags")
    due_at = models.DateTimeField(_("report was due"))
    flagged_at = models.DateTimeField(_("flagged at"))

    class Meta:
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["crisis", "post", "due_at"], name="unique_silence_flag_per_period"
            )
        ]
        verbose_name = _("overdue report")
        verbose_name_plural = _("overdue reports")

    def __str__(self) -> str:
        return f"{self.post} overdue since {self.due_at}"
