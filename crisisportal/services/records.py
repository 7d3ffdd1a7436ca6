"""The one way services validate and store a row, for create and edit alike."""

from typing import Any, TypeVar

from django.db import models

RecordT = TypeVar("RecordT", bound=models.Model)


def record_fill(record: RecordT, **fields: Any) -> RecordT:
    """Set the given fields on a new or loaded row (nothing is written yet)."""
    for name, value in fields.items():
        setattr(record, name, value)
    return record


def record_save(record: RecordT, *, exclude: list[str] | None = None, **fields: Any) -> RecordT:
    """Fill the row, check it by the model's own rules (fields, choices, constraints) and save
    it: a bad value is refused with its field's error before anything is written. exclude
    names fields the caller has checked itself (e.g. a parent not yet saved)."""
    record_fill(record, **fields)
    record.full_clean(exclude=exclude)
    record.save()
    return record
