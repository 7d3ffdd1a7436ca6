import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Post
from crisisportal.models.choices import EvacuationPlanLevel
from crisisportal.models.fields import UUIDModel, staff_link
from evacuation.models.choices import BarrierKind
from evacuation.models.groups import EligibleGroup


@pghistory.track()
class EvacuationPlan(UUIDModel):
    """The evacuation plan of a post. Reviewed periodically; overdue plans are flagged by beat."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="evacuation_plan")
    level = models.CharField(
        _("level"), max_length=20, choices=EvacuationPlanLevel.choices, default="basic"
    )
    scenarios = models.TextField(_("scenarios"), blank=True)
    last_validated_on = models.DateField(_("last validated on"), null=True, blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True, db_index=True)
    # Set by the beat job when next_review_on has passed; cleared when the plan is reviewed.
    review_overdue_since = models.DateTimeField(_("review overdue since"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["post__name"]
        verbose_name = _("evacuation plan")
        verbose_name_plural = _("evacuation plans")

    def __str__(self) -> str:
        return str(self.post)


@pghistory.track()
class AssemblyPoint(UUIDModel):
    plan = models.ForeignKey(
        EvacuationPlan, on_delete=models.CASCADE, related_name="assembly_points"
    )
    name = models.CharField(_("name"), max_length=200)
    location = models.CharField(_("location"), max_length=300)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("assembly point")
        verbose_name_plural = _("assembly points")

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class PlanBarrier(UUIDModel):
    plan = models.ForeignKey(EvacuationPlan, on_delete=models.CASCADE, related_name="barriers")
    kind = models.CharField(_("kind"), max_length=20, choices=BarrierKind.choices)
    description = models.TextField(_("description"))
    mitigation = models.TextField(_("mitigation"), blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")

    def __str__(self) -> str:
        return self.get_kind_display()


@pghistory.track()
class PlanTargetSize(UUIDModel):
    """Estimated number of people per group the plan is sized for."""

    plan = models.ForeignKey(EvacuationPlan, on_delete=models.CASCADE, related_name="target_sizes")
    group = models.ForeignKey(EligibleGroup, on_delete=models.PROTECT, related_name="+")
    estimated_size = models.PositiveIntegerField(_("estimated size"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "group"], name="unique_plan_target_group")
        ]
        verbose_name = _("target group size")
        verbose_name_plural = _("target group sizes")

    def __str__(self) -> str:
        return f"{self.group}: {self.estimated_size}"


@pghistory.track()
class PlanValidation(UUIDModel):
    """A validation of the plan, typically a joint validation mission with Defence."""

    plan = models.ForeignKey(EvacuationPlan, on_delete=models.CASCADE, related_name="validations")
    validated_on = models.DateField(_("date"))
    with_defence = models.BooleanField(_("joint mission with Defence"), default=True)
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    findings = models.TextField(_("findings"))
    recorded_by = staff_link(null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-validated_on"]
        verbose_name = _("plan validation")
        verbose_name_plural = _("plan validations")

    def __str__(self) -> str:
        return f"{self.plan} {self.validated_on}"
