"""Render a crisis page panel (crisisportal.panels) inside the page's context."""

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString

from crisisportal.panels import RenderedPanel

register = template.Library()


@register.simple_tag(takes_context=True)
def crisis_panel(context: Context, panel: RenderedPanel) -> SafeString:
    """Like {% include panel.template %} with the panel's own context on top of the page's."""
    panel_template = context.template.engine.get_template(panel.template)  # type: ignore[union-attr]
    with context.push(panel.context):
        return panel_template.render(context)
