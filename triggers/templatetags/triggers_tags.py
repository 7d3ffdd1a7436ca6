"""The meeting page shows the triggers app's sections through these tags, so the core does not
import the triggers app (dependencies point one way). The crisis page's section is a panel
registered in TriggersConfig.ready (crisisportal.panels)."""

from typing import Any

from django import template

from triggers.selectors.crises import (
    crisis_scenarios,
    crisis_trigger_section,
    judgement_links,
    meeting_agenda_questions,
)
from triggers.selectors.reviews import meeting_reviews

register = template.Library()


@register.inclusion_tag("triggers/_meeting_section.html", takes_context=True)
def trigger_meeting_section(context: Any, meeting: Any) -> dict[str, Any]:
    """On a BOB meeting page: the "has the scenario worsened?" questions on its agenda, linked
    to their events, the status of every precursor event of the crisis (what the user may see)
    and the small-group reviews held for this meeting."""
    user = context["request"].user
    section = crisis_trigger_section(user, meeting.crisis)
    return {
        "meeting": meeting,
        "events": section.event_table,
        "questions": meeting_agenda_questions(user, meeting),
        "reviews": meeting_reviews(meeting),
    }


@register.inclusion_tag("triggers/_judgement_scenarios.html", takes_context=True)
def trigger_judgement_links(context: Any, meeting: Any, can_work: bool = False) -> dict[str, Any]:
    """Judgements of the meeting linked to scenarios, and (for those who work the crisis, in
    the judgement phase) a form to link one."""
    from crisisportal.models import MeetingPhase
    from triggers.forms.meetings import JudgementScenarioForm

    user = context["request"].user
    form = None
    if can_work and meeting.phase == MeetingPhase.JUDGEMENT:
        judgements = meeting.judgements.all()
        scenarios = crisis_scenarios(user, meeting.crisis)
        if judgements.exists() and scenarios.exists():
            form = JudgementScenarioForm(judgements=judgements, scenarios=scenarios)
    return {
        "meeting": meeting,
        "links": judgement_links(meeting),
        "form": form,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }
