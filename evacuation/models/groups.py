import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis
from crisisportal.models.fields import DecisionRecord, UUIDModel, staff_link
from evacuation.models.choices import GroupCode


@pghistory.track()
class EligibleGroup(UUIDModel):
    """An entry of the catalogue of groups that may be evacuated (seeded by a data migration)."""

    code = models.CharField(_("code"), max_length=40, unique=True, choices=GroupCode.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    default_priority = models.PositiveSmallIntegerField(
        _("default priority"), default=3, help_text=_("1 is the highest priority.")
    )
    responsible_ministry = models.CharField(_("responsible ministry"), max_length=200)

    class Meta:
        ordering = ["default_priority", "code"]
        verbose_name = _("eligible group")
        verbose_name_plural = _("eligible groups")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The translated name of a known code, else the stored name."""
        try:
            return str(GroupCode(self.code).label)
        except ValueError:
            return self.name


@pghistory.track()
class CrisisGroup(UUIDModel):
    """A group as decided for one crisis: enabled or not, with its priority in that crisis."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="eligible_groups")
    group = models.ForeignKey(EligibleGroup, on_delete=models.PROTECT, related_name="+")
    enabled = models.BooleanField(_("enabled"), default=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=3)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "group__code"]
        constraints = [
            models.UniqueConstraint(fields=["crisis", "group"], name="unique_crisis_group")
        ]
        verbose_name = _("group of the crisis")
        verbose_name_plural = _("groups of the crisis")

    def __str__(self) -> str:
        return f"{self.group} ({self.priority})"


@pghistory.track()
class CrisisGroupDecision(DecisionRecord, UUIDModel):
    """The recorded decision (who, when, why) to enable, disable or re-prioritise a group."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="group_decisions")
    group = models.ForeignKey(EligibleGroup, on_delete=models.PROTECT, related_name="+")
    enabled = models.BooleanField(_("enabled"))
    priority = models.PositiveSmallIntegerField(_("priority"))
    recorded_by = staff_link(null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-recorded_at"]
        indexes = [models.Index(fields=["crisis", "-decided_at"], name="groupdecision_timeline")]
        verbose_name = _("group decision")
        verbose_name_plural = _("group decisions")

    def __str__(self) -> str:
        return f"{self.group}: {self.enabled}"
