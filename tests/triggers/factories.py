"""Build trigger documents through the services, as users would."""

from typing import Any

from triggers.models import EventStatus, MeasureOwner, MeasureStatus, ScenarioKind
from triggers.services.documents import trigger_document_create
from triggers.services.items import measure_save, precursor_event_save, scenario_save


def make_document(*, actor: Any, crisis: Any = None, posts: list[Any], **kwargs: Any) -> Any:
    return trigger_document_create(
        actor=actor,
        title=kwargs.pop("title", "Sudan triggers"),
        crisis=crisis,
        posts=posts,
        **kwargs,
    )


def add_scenario(actor: Any, document: Any, title: str, kind: str = ScenarioKind.WORSE) -> Any:
    return scenario_save(actor=actor, document=document, kind=kind, title=title)


def add_event(actor: Any, scenario: Any, title: str) -> Any:
    return precursor_event_save(actor=actor, scenario=scenario, title=title)


def add_measure(
    actor: Any,
    event: Any,
    title: str,
    owner: str = MeasureOwner.DIRECTORATE,
    status: str = MeasureStatus.PLANNED,
    **kwargs: Any,
) -> Any:
    return measure_save(actor=actor, event=event, title=title, owner=owner, status=status, **kwargs)


__all__ = ["EventStatus", "add_event", "add_measure", "add_scenario", "make_document"]
