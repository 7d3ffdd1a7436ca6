"""Forms of the triggers app, one module per page group: import from triggers.forms.<module>.

The BOB meeting page's template tag (triggers/templatetags, being replaced by the app panel
registry) imports JudgementScenarioForm from here; it is re-exported for that caller only."""

from triggers.forms.meetings import JudgementScenarioForm

__all__ = ["JudgementScenarioForm"]
