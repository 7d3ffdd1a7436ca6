"""Reads behind a person merge: its preview (what moves, what a hook combines or blocks) and
the merge records.
"""

from dataclasses import dataclass

import pghistory.models
from django.db.models import QuerySet
from django.db.models.fields.reverse_related import ForeignObjectRel

from registration.merging import MergeStep, merge_hooks
from registration.models import (
    FamilyTie,
    Person,
    PersonMerge,
)


def person_merge_plan(surviving: Person, merged: Person) -> list[MergeStep]:
    """What merging `merged` into `surviving` will combine beyond moving rows, and what
    would block it (from the merge hooks of other apps): shown to the user before they
    confirm, enforced again by person_merge under lock."""
    return [step for hook in merge_hooks() for step in hook.plan(surviving, merged)]


def person_relations() -> list[ForeignObjectRel]:
    """Every foreign key in any app that points at Person (incl. many-to-many through
    tables), so a merge moves rows of apps written later too (evacuation cases).

    Of the pghistory event tables only the person's own history (pgh_obj) moves: the
    snapshots of other objects' events stay as they were recorded, they are history.
    """
    return [
        rel
        for rel in Person._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel)
        and (rel.one_to_many or rel.one_to_one)
        and (
            not issubclass(rel.related_model, pghistory.models.Event) or rel.field.name == "pgh_obj"
        )
    ]


@dataclass
class MergeMove:
    """How many rows of one kind refer to the merged person and move to the survivor."""

    label: str
    model: str
    count: int


def person_merge_moves(merged: Person) -> list[MergeMove]:
    """What a merge of `merged` would move, per kind of record, for the preview (one
    COUNT per kind that can refer to a person; the kinds are fixed by the models). The
    person's own change history moves too but is not a record a user looks for here."""
    moves = []
    for rel in person_relations():
        model = rel.related_model
        # A tie is stored once per direction: count it on the merged person's side only.
        if issubclass(model, pghistory.models.Event) or (
            model is FamilyTie and rel.field.name == "related_person"
        ):
            continue
        count = model._default_manager.filter(**{rel.field.name: merged.pk}).count()
        if count:
            moves.append(
                MergeMove(
                    label=str(model._meta.verbose_name_plural),
                    model=model._meta.label,
                    count=count,
                )
            )
    return moves


def person_merges_into(person: Person, *, within: QuerySet[PersonMerge]) -> QuerySet[PersonMerge]:
    """The merges whose surviving record is this person (newest first)."""
    return within.filter(surviving_person=person).select_related("merged_by")


def person_merge_list(within: QuerySet[PersonMerge]) -> QuerySet[PersonMerge]:
    return within.select_related("merged_by", "surviving_person").order_by("-merged_at", "id")
