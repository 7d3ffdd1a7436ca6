"""Eligibility follows the registration data it rests on. Registration must not know about
evacuation (dependencies point one way), so evacuation listens to its saves and deletes
and recomputes the affected cases in the background, once per transaction. The task is named,
not imported: task modules import services, never the other way round."""

import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from crisisportal import queue

_pending = threading.local()


def _flush() -> None:
    ids = sorted(getattr(_pending, "ids", set()))
    _pending.ids = set()
    if ids:
        queue.task_publish("evacuation.tasks.persons_eligibility_recompute", ids)


def _person_changed(person_id: Any) -> None:
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.add(str(person_id))
    # Every change registers a flush; the first one after commit sends all ids in one task.
    transaction.on_commit(_flush)


def _on_person(sender: Any, instance: Any, **kwargs: Any) -> None:
    _person_changed(instance.pk)


def _on_person_part(sender: Any, instance: Any, **kwargs: Any) -> None:
    _person_changed(instance.person_id)


def connect() -> None:
    from registration import models as registration

    post_save.connect(_on_person, sender=registration.Person, dispatch_uid="evac-person")
    for model in (
        registration.ResidencePermit,
        registration.FamilyTie,
        registration.LocalStaffEmployment,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                _on_person_part, sender=model, dispatch_uid=f"evac-{model.__name__}-{signal}"
            )
