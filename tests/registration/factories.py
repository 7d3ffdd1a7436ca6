"""Factories of the registration app; they go through the services like production code."""

from typing import Any

from registration.models import Person, PersonSource
from registration.services import person_create


def make_person(family_name: str = "Jansen", given_names: str = "Anna", **fields: Any) -> Person:
    fields.setdefault("source", PersonSource.POST)
    return person_create(actor=None, family_name=family_name, given_names=given_names, **fields)
