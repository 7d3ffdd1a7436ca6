"""Sections other apps contribute to the crisis page, without the core importing them.

Each app registers its panel once, in its AppConfig.ready(): a key, an order (the place on
the page, low first), a template, and a function that builds the template's context for one
viewer, or None when that viewer does not see the panel. The crisis page renders the panels
of the registry in order, each inside the page's context (as an include would).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from crisisportal.models import Crisis

PanelContext = Callable[[HttpRequest, Crisis, set[str]], dict[str, Any] | None]


@dataclass(frozen=True)
class CrisisPanel:
    key: str
    order: int
    template: str
    context: PanelContext


@dataclass(frozen=True)
class RenderedPanel:
    """A panel as one viewer sees it: the template and the context to render it with."""

    key: str
    template: str
    context: dict[str, Any]


_crisis_panels: dict[str, CrisisPanel] = {}


def crisis_panel_register(*, key: str, order: int, template: str, context: PanelContext) -> None:
    """Add (or, with the same key, replace) a panel of the crisis page."""
    _crisis_panels[key] = CrisisPanel(key=key, order=order, template=template, context=context)


def crisis_panels_for(request: HttpRequest, crisis: Crisis, perms: set[str]) -> list[RenderedPanel]:
    """The panels this viewer sees on the crisis page, in page order."""
    panels = []
    for panel in sorted(_crisis_panels.values(), key=lambda panel: (panel.order, panel.key)):
        context = panel.context(request, crisis, perms)
        if context is not None:
            panels.append(RenderedPanel(key=panel.key, template=panel.template, context=context))
    return panels
