"""Writes of the registration app; import from the submodules or from here."""

from registration.services.local_staff import local_staff_upsert
from registration.services.persons import (
    family_tie_add,
    family_tie_remove,
    person_create,
    person_merge,
    person_update,
)

__all__ = [
    "family_tie_add",
    "family_tie_remove",
    "local_staff_upsert",
    "person_create",
    "person_merge",
    "person_update",
]
