"""Helpers that build sitreps, meetings and decisions through the services."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from crisisportal.services.decisions import decision_record
from crisisportal.services.meetings import (
    meeting_phase_advance,
    meeting_schedule,
    picture_item_add,
)
from crisisportal.services.sitreps import sitrep_draft_create, sitrep_submit


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def sitrep_fields(**overrides: Any) -> dict[str, Any]:
    now = timezone.now()
    fields: dict[str, Any] = {
        "period_start": now - timedelta(hours=24),
        "period_end": now,
        "urgency": "normal",
        "security_situation": "Gunfire near the airport road.",
        "positive_developments": "Ceasefire talks resumed.",
        "negative_developments": "Checkpoints on the main road.",
    }
    fields.update(overrides)
    return fields


def make_sitrep(
    *, actor: Any, crisis: Any, post: Any, submit: bool = True, now: Any = None, **overrides: Any
) -> Any:
    sitrep = sitrep_draft_create(
        actor=actor, crisis=crisis, post=post, **sitrep_fields(**overrides)
    )
    if submit:
        sitrep = sitrep_submit(actor=actor, sitrep=sitrep, now=now)
    return sitrep


def make_meeting(*, actor: Any, crisis: Any, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "kind": "crisis",
        "title": "Crisis meeting 1",
        "scheduled_at": timezone.now(),
    }
    fields.update(overrides)
    return meeting_schedule(actor=actor, crisis=crisis, **fields)


def make_decision(
    *, actor: Any, crisis: Any, owner: Any, deadline: Any = None, **overrides: Any
) -> Any:
    meeting = make_meeting(actor=actor, crisis=crisis, **overrides)
    picture_item_add(actor=actor, meeting=meeting, fact="Airport closed.", source="post")
    meeting_phase_advance(actor=actor, meeting=meeting)
    meeting_phase_advance(actor=actor, meeting=meeting)
    return decision_record(
        actor=actor,
        meeting=meeting,
        text="Prepare charter flight.",
        owner=owner,
        deadline=deadline or timezone.localdate() + timedelta(days=2),
    )
