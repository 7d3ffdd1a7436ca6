import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis
from crisisportal.models.fields import TimestampedModel, UUIDModel, optional_link, staff_link
from evacuation.models.cases import EvacuationCase
from evacuation.models.choices import ClaimedBasis, ExportStatus, HelpRequestStatus


@pghistory.track()
class HelpRequest(TimestampedModel):
    """A request for help from the public page; becomes a case after triage, or is closed.
    Submissions of the same person (same name and date of birth) collect under one request."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="help_requests")
    dedupe_key = models.CharField(max_length=300)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HelpRequestStatus.choices,
        default=HelpRequestStatus.OPEN,
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=5)
    claimed_by = optional_link(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("claimed by")
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    team = optional_link(
        "evacuation.CallTeam", related_name="help_requests", verbose_name=_("call team")
    )
    person = optional_link(
        "registration.Person", related_name="help_requests", verbose_name=_("known person")
    )
    case = optional_link(EvacuationCase, related_name="+")
    close_reason = models.TextField(_("reason for closing"), blank=True)

    class Meta:
        ordering = ["priority", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["crisis", "dedupe_key"], name="unique_help_request")
        ]
        indexes = [
            models.Index(
                fields=["crisis", "status", "priority", "created_at"], name="triage_queue"
            ),
            models.Index(fields=["crisis", "claimed_by"], name="helprequest_claimed"),
            models.Index(fields=["crisis", "team", "status"], name="helprequest_team"),
        ]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")

    def __str__(self) -> str:
        return str(self.pk)


@pghistory.track()
class HelpRequestSubmission(UUIDModel):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="submissions")
    language = models.CharField(max_length=10)
    given_names = models.CharField(_("given names"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    claimed_basis = models.CharField(
        _("why you are eligible"), max_length=40, choices=ClaimedBasis.choices
    )
    basis_detail = models.TextField(_("details"), blank=True)
    companions = models.TextField(_("family members with you"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    location = models.CharField(_("where you are now"), max_length=300)
    documents = models.TextField(_("documents you have"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at"]

    def __str__(self) -> str:
        return str(self.pk)


class CaseListExport(UUIDModel):
    """A PDF of a filtered case list, generated in the background with progress."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="+")
    requested_by = staff_link(on_delete=models.CASCADE)
    filters = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default="pending")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="evacuation/exports/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.pk)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
