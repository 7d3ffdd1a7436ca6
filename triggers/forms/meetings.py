"""The form on a BOB meeting page that links a judgement to a scenario."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_offer, offered_choice
from crisisportal.forms.rendering import PortalForm
from crisisportal.models import Judgement
from triggers.models import (
    Scenario,
)


class JudgementScenarioForm(PortalForm):
    judgement = offered_choice(_("Judgement"), Judgement, required=True)
    scenario = offered_choice(_("Scenario"), Scenario, required=True)

    def __init__(self, *args: Any, judgements: Any, scenarios: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "judgement", judgements, lambda j: j.text[:80])
        choices_offer(self, "scenario", scenarios, lambda s: f"{s.title} ({s.document.title})")
