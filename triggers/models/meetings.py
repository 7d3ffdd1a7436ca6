"""Links between trigger documents and the BOB meetings of their crisis."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import staff_link
from triggers.models.scenarios import (
    Scenario,
)


@pghistory.track()
class JudgementScenarioLink(models.Model):
    """A judgement of a BOB meeting (Oordeelsvorming) about a scenario of a trigger document."""

    judgement = models.OneToOneField(
        "crisisportal.Judgement", on_delete=models.CASCADE, related_name="scenario_link"
    )
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="judgement_links")
    linked_by = staff_link()
    linked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("judgement about a scenario")
        verbose_name_plural = _("judgements about scenarios")

    def __str__(self) -> str:
        return f"{self.judgement} → {self.scenario}"
