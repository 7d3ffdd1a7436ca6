"""Audit: writes are recorded by pghistory triggers with the actor in their context;
reads of personal data are recorded here."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pghistory
from django.db import models

from crisisportal.models import PersonalDataView


@contextmanager
def audit_context(actor: Any, **metadata: Any) -> Iterator[None]:
    """Attach the actor to every change made inside the block (web, task or command alike)."""
    if actor is not None and getattr(actor, "pk", None) is not None:
        metadata.setdefault("user", actor.pk)
    elif actor is not None:
        metadata.setdefault("actor", str(actor))
    with pghistory.context(**metadata):
        yield


def personal_data_viewed(
    *,
    actor: Any,
    view_name: str,
    objects: Iterable[models.Model],
    api_client: str = "",
) -> None:
    """Record that actor was shown personal data of these objects (one row per view)."""
    by_type: dict[str, list[str]] = {}
    for obj in objects:
        by_type.setdefault(obj._meta.label, []).append(str(obj.pk))
    user = actor if getattr(actor, "is_authenticated", False) else None
    PersonalDataView.objects.bulk_create(
        PersonalDataView(
            user=user, api_client=api_client, view_name=view_name, object_type=label, object_ids=ids
        )
        for label, ids in by_type.items()
    )
