"""Reads of the triggers app, one module per aggregate: import from triggers.selectors.<module>.

The crisis and BOB meeting pages still reach these reads through triggers/templatetags, which
imports them from this package; they are re-exported here for that one caller only (it is being
replaced by the app panel registry; drop these then)."""

from triggers.selectors.crises import (
    crisis_scenarios,
    crisis_trigger_section,
    judgement_links,
    meeting_agenda_questions,
)
from triggers.selectors.reviews import meeting_reviews

__all__ = [
    "crisis_scenarios",
    "crisis_trigger_section",
    "judgement_links",
    "meeting_agenda_questions",
    "meeting_reviews",
]
