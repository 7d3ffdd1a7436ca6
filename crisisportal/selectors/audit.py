"""Reads of the audit trail."""

from typing import Any

from django.contrib.auth import get_user_model
from pghistory.models import Events


def record_history(obj: Any) -> list[Any]:
    """Every recorded change of obj with its actor, newest first (pghistory events + context)."""
    events = list(Events.objects.tracks(obj).order_by("-pgh_created_at")[:500])
    user_ids = {
        event.pgh_context.get("user")
        for event in events
        if event.pgh_context and event.pgh_context.get("user") is not None
    }
    users = {str(u.pk): u for u in get_user_model().objects.filter(pk__in=user_ids)}
    for event in events:
        actor_id = (event.pgh_context or {}).get("user")
        event.actor = users.get(str(actor_id)) if actor_id is not None else None
        event.changes = [
            {"field": field, "old": values[0], "new": values[1]}
            for field, values in sorted((event.pgh_diff or {}).items())
            if field not in ("updated_at",)
        ]
    return events
