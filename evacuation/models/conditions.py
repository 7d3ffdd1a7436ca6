import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis
from crisisportal.models.fields import DecisionRecord
from evacuation.models.base import StaffRecord
from evacuation.models.choices import ThreatAssessment


@pghistory.track()
class EvacuationConditions(StaffRecord):
    """An assessment of the three conditions for an evacuation, recorded before deciding."""

    crisis = models.ForeignKey(
        Crisis, on_delete=models.CASCADE, related_name="evacuation_conditions"
    )
    life_threatening = models.CharField(
        _("is the situation life-threatening?"), max_length=10, choices=ThreatAssessment.choices
    )
    life_threatening_notes = models.TextField(_("explanation"), blank=True)
    no_commercial_options = models.BooleanField(_("no commercial options left"), default=False)
    no_partner_country = models.BooleanField(
        _("no partner country can take people along"), default=False
    )
    no_other_way_out_notes = models.TextField(_("explanation"), blank=True)
    responsible = models.BooleanField(_("evacuation is responsible"), default=False)
    practically_feasible = models.BooleanField(
        _("evacuation is practically feasible (e.g. landing rights)"), default=False
    )
    feasibility_notes = models.TextField(_("explanation"), blank=True)
    assessed_at = models.DateTimeField(_("assessed at"))

    class Meta:
        ordering = ["-assessed_at"]
        verbose_name = _("evacuation conditions")
        verbose_name_plural = _("evacuation conditions")

    def __str__(self) -> str:
        return f"{self.crisis} {self.assessed_at:%Y-%m-%d}"

    @property
    def life_threatening_met(self) -> bool:
        return self.life_threatening in (ThreatAssessment.NOW, ThreatAssessment.EXPECTED)

    @property
    def no_other_way_out_met(self) -> bool:
        return self.no_commercial_options and self.no_partner_country

    @property
    def feasible_met(self) -> bool:
        return self.responsible and self.practically_feasible

    @property
    def all_met(self) -> bool:
        return self.life_threatening_met and self.no_other_way_out_met and self.feasible_met


@pghistory.track()
class EvacuationDecision(DecisionRecord, StaffRecord):
    """The decision to evacuate, citing the conditions assessment it rests on."""

    crisis = models.ForeignKey(
        Crisis, on_delete=models.CASCADE, related_name="evacuation_decisions"
    )
    conditions = models.ForeignKey(
        EvacuationConditions, on_delete=models.PROTECT, related_name="decisions"
    )

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("decision to evacuate")
        verbose_name_plural = _("decisions to evacuate")

    def __str__(self) -> str:
        return f"{self.crisis} {self.decided_at:%Y-%m-%d}"
