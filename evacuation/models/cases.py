import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis, Post
from crisisportal.models.fields import TimestampedModel, UUIDModel, optional_link, staff_link
from evacuation.models.choices import CaseStatus, ContactKind, ContactOutcome, OverrideEffect
from evacuation.models.flights import Flight


@pghistory.track()
class EvacuationCase(TimestampedModel):
    """A person in a crisis being evacuated. Eligibility (groups with reasons) is computed by
    the rules and stored here so lists and counts need no recomputation."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="evacuation_cases")
    person = models.ForeignKey(
        "registration.Person", on_delete=models.PROTECT, related_name="evacuation_cases"
    )
    status = models.CharField(
        _("status"), max_length=30, choices=CaseStatus.choices, default=CaseStatus.IDENTIFIED
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=9)
    # Set by the DCC with a reason; then recomputing eligibility leaves the priority alone.
    priority_manual = models.BooleanField(_("priority set manually"), default=False)
    priority_reason = models.TextField(_("reason for the priority"), blank=True)
    priority_set_by = optional_link(settings.AUTH_USER_MODEL)
    priority_set_at = models.DateTimeField(null=True, blank=True)
    owner = optional_link(
        settings.AUTH_USER_MODEL, related_name="evacuation_cases", verbose_name=_("owner")
    )
    team = optional_link("evacuation.CallTeam", related_name="cases", verbose_name=_("call team"))
    post = optional_link(Post, related_name="evacuation_cases", verbose_name=_("post"))
    eligible = models.BooleanField(_("eligible"), default=False)
    # [{"code": ..., "reason": ...}] as computed by the rules, overrides applied.
    groups = models.JSONField(_("groups"), default=list, blank=True)
    group_codes = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    # Copied from the person so the list can filter without a join; refreshed on recompute.
    nationalities = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    eligibility_computed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    accompanying = models.TextField(_("accompanying persons"), blank=True)
    documents = models.TextField(_("documents"), blank=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["crisis", "person"], name="unique_case_per_person")
        ]
        indexes = [
            models.Index(fields=["crisis", "priority", "created_at"], name="case_list_order"),
            models.Index(fields=["crisis", "status", "priority"], name="case_status"),
            models.Index(
                fields=["crisis", "priority", "created_at"],
                condition=models.Q(priority_manual=True),
                name="case_priority_manual",
            ),
            models.Index(fields=["crisis", "owner", "priority"], name="case_owner"),
            models.Index(fields=["crisis", "team", "priority"], name="case_team"),
            models.Index(fields=["crisis", "post", "priority"], name="case_post"),
            models.Index(fields=["crisis", "updated_at"], name="case_updated"),
            GinIndex(fields=["group_codes"], name="case_group_codes_gin"),
            GinIndex(fields=["nationalities"], name="case_nationalities_gin"),
        ]
        verbose_name = _("evacuation case")
        verbose_name_plural = _("evacuation cases")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


@pghistory.track()
class CaseTransition(UUIDModel):
    """One status change of a case (the workflow's audit trail as users read it)."""

    case = models.ForeignKey(EvacuationCase, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=30, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=30, choices=CaseStatus.choices)
    note = models.TextField(blank=True)
    actor = staff_link(null=True)
    actor_label = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["case", "-at"], name="casetransition_case")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


@pghistory.track()
class ContactLogEntry(UUIDModel):
    case = models.ForeignKey(EvacuationCase, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ContactOutcome.choices)
    note = models.TextField(_("note"), blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    by = staff_link()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["case", "-at"], name="contactlog_case")]
        verbose_name = _("contact")
        verbose_name_plural = _("contact log")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_outcome_display()}"


@pghistory.track()
class EligibilityChange(UUIDModel):
    """A change of a case's computed groups, kept so staff see what changed and when."""

    case = models.ForeignKey(
        EvacuationCase, on_delete=models.CASCADE, related_name="eligibility_changes"
    )
    before = models.JSONField(default=list)
    after = models.JSONField(default=list)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.at}"

    @property
    def added(self) -> list[str]:
        before = {g["code"] for g in self.before}
        return [g["code"] for g in self.after if g["code"] not in before]

    @property
    def removed(self) -> list[str]:
        after = {g["code"] for g in self.after}
        return [g["code"] for g in self.before if g["code"] not in after]


@pghistory.track()
class EligibilityOverride(UUIDModel):
    """Staff including or excluding a person for a group against the rules, with justification.
    Listed for review until someone other than its author has reviewed it."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("registration.Person", on_delete=models.CASCADE, related_name="+")
    group_code = models.CharField(_("group"), max_length=40)
    effect = models.CharField(_("effect"), max_length=10, choices=OverrideEffect.choices)
    justification = models.TextField(_("justification"))
    created_by = staff_link(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = staff_link(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["crisis", "person", "group_code"], name="unique_eligibility_override"
            )
        ]
        indexes = [models.Index(fields=["crisis", "reviewed_at"], name="override_review")]

    def __str__(self) -> str:
        return f"{self.effect} {self.group_code}"


@pghistory.track()
class GroupDesignation(UUIDModel):
    """Staff designating a person for a designation-only group (parliamentary motion, at-risk
    human-rights defender or journalist), recording the tie to the Netherlands."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("registration.Person", on_delete=models.CASCADE, related_name="+")
    group_code = models.CharField(_("group"), max_length=40)
    justification = models.TextField(_("tie to the Netherlands and justification"))
    created_by = staff_link(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["crisis", "person", "group_code"], name="unique_group_designation"
            )
        ]

    def __str__(self) -> str:
        return self.group_code


@pghistory.track()
class ManifestEntry(UUIDModel):
    """A case on a flight's manifest. A case is on at most one flight."""

    flight = models.ForeignKey(Flight, on_delete=models.CASCADE, related_name="manifest")
    case = models.OneToOneField(
        EvacuationCase, on_delete=models.CASCADE, related_name="manifest_entry"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    boarded_at = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at"]
        indexes = [models.Index(fields=["flight", "boarded_at"], name="manifest_flight_boarded")]

    def __str__(self) -> str:
        return f"{self.flight} / {self.case_id}"
