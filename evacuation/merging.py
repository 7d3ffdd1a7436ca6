"""What a person merge does with evacuation records (a hook registered with registration).

A person has at most one case per crisis, and at most one eligibility override and one
designation per crisis and group. When two records of one human being are merged and both
have such a record in the same crisis, they are combined into the surviving person's:

- cases: the contact log, status history, eligibility changes, help requests and the place
  on a manifest of the merged person's case move to the surviving case; the documents and
  accompanying persons texts are joined; the surviving case keeps its status, owner and
  post (filled from the other when blank) and takes the more urgent priority; a status-
  history entry on the case records the combination. Eligibility groups and their reasons
  are recomputed from the merged person data (the usual recompute after a person change).
- overrides and designations of the same group: kept once, justifications joined.

Combining is refused (the merge is blocked, the preview names the cases) when both cases are
on a flight manifest, or the two overrides of a group contradict each other (include vs
exclude): those are decisions a human must take first.
"""

from typing import Any

from django.core import serializers
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils.translation import gettext as _

from evacuation.models.cases import (
    CaseTransition,
    EligibilityOverride,
    EvacuationCase,
    GroupDesignation,
    ManifestEntry,
)
from evacuation.services.cases import _actor_fields
from registration.merging import MergeHook, MergeStep


def _case_pairs(surviving: Any, merged: Any) -> list[tuple[EvacuationCase, EvacuationCase]]:
    cases = EvacuationCase.objects.filter(person__in=[surviving.pk, merged.pk]).select_related(
        "crisis", "manifest_entry__flight"
    )
    by_crisis: dict[Any, dict[Any, EvacuationCase]] = {}
    for case in cases:
        by_crisis.setdefault(case.crisis_id, {})[case.person_id] = case
    return [
        (pair[surviving.pk], pair[merged.pk])
        for pair in by_crisis.values()
        if surviving.pk in pair and merged.pk in pair
    ]


def _same_group_pairs(model: type[Any], surviving: Any, merged: Any) -> list[tuple[Any, Any]]:
    rows = model.objects.filter(person__in=[surviving.pk, merged.pk]).select_related("crisis")
    by_key: dict[tuple[Any, str], dict[Any, Any]] = {}
    for row in rows:
        by_key.setdefault((row.crisis_id, row.group_code), {})[row.person_id] = row
    return [
        (pair[surviving.pk], pair[merged.pk])
        for pair in by_key.values()
        if surviving.pk in pair and merged.pk in pair
    ]


def _flight(case: EvacuationCase) -> str | None:
    entry = getattr(case, "manifest_entry", None)
    return str(entry.flight) if entry is not None else None


def evacuation_merge_plan(surviving: Any, merged: Any) -> list[MergeStep]:
    steps: list[MergeStep] = []
    for kept, removed in _case_pairs(surviving, merged):
        names = {
            "crisis": kept.crisis.title,
            "kept": kept.pk,
            "kept_status": kept.get_status_display(),
            "removed": removed.pk,
            "removed_status": removed.get_status_display(),
        }
        kept_flight, removed_flight = _flight(kept), _flight(removed)
        if kept_flight and removed_flight:
            steps.append(
                MergeStep(
                    _(
                        "Both persons have an evacuation case in “%(crisis)s” on a flight "
                        "manifest (case %(kept)s on %(kept_flight)s, case %(removed)s on "
                        "%(removed_flight)s); take one of them off its manifest first."
                    )
                    % {**names, "kept_flight": kept_flight, "removed_flight": removed_flight},
                    blocking=True,
                )
            )
            continue
        steps.append(
            MergeStep(
                _(
                    "Both persons have an evacuation case in “%(crisis)s”: case %(removed)s "
                    "(%(removed_status)s) is combined into case %(kept)s, which keeps its "
                    "status (%(kept_status)s); its contact log, history, documents and "
                    "accompanying persons move along."
                )
                % names
            )
        )
    for kept, removed in _same_group_pairs(EligibilityOverride, surviving, merged):
        names = {
            "crisis": kept.crisis.title,
            "group": kept.group_code,
            "kept": kept.get_effect_display(),
            "removed": removed.get_effect_display(),
        }
        if kept.effect != removed.effect:
            steps.append(
                MergeStep(
                    _(
                        "The eligibility overrides for group %(group)s in “%(crisis)s” "
                        "contradict each other (%(kept)s and %(removed)s); remove one first."
                    )
                    % names,
                    blocking=True,
                )
            )
        else:
            steps.append(
                MergeStep(
                    _(
                        "Both persons have an override (%(kept)s) for group %(group)s in "
                        "“%(crisis)s”: it is kept once, with both justifications."
                    )
                    % names
                )
            )
    for kept, _removed in _same_group_pairs(GroupDesignation, surviving, merged):
        steps.append(
            MergeStep(
                _(
                    "Both persons are designated for group %(group)s in “%(crisis)s”: the "
                    "designation is kept once, with both justifications."
                )
                % {"group": kept.group_code, "crisis": kept.crisis.title}
            )
        )
    return steps


def _snapshot(row: Any) -> dict[str, Any]:
    data = serializers.serialize("python", [row])[0]
    return {"pk": str(row.pk), **data["fields"]}


def _joined(kept: str, removed: str) -> str:
    if not removed.strip() or removed.strip() in kept:
        return kept
    return f"{kept}\n{removed}".strip()


def _case_relations() -> list[ForeignObjectRel]:
    """Rows of any model that point at a case (except history events, which stay as
    recorded): moved from the removed case to the kept one."""
    import pghistory.models

    return [
        rel
        for rel in EvacuationCase._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel)
        and (rel.one_to_many or rel.one_to_one)
        and not issubclass(rel.related_model, pghistory.models.Event)
    ]


def _combine_cases(actor: Any, kept: EvacuationCase, removed: EvacuationCase) -> dict[str, Any]:
    snapshot = _snapshot(removed)
    moved: list[dict[str, str]] = []
    for rel in _case_relations():
        model, field_name = rel.related_model, rel.field.name
        rows = model._default_manager.filter(**{field_name: removed.pk})
        if model is ManifestEntry and ManifestEntry.objects.filter(case=kept).exists():
            continue  # refused by the plan; never reached through person_merge
        pks = list(rows.values_list("pk", flat=True))
        rows.update(**{field_name: kept.pk})
        moved.extend({"model": model._meta.label, "pk": str(pk)} for pk in pks)
    kept.documents = _joined(kept.documents, removed.documents)
    kept.accompanying = _joined(kept.accompanying, removed.accompanying)
    kept.rejection_reason = kept.rejection_reason or removed.rejection_reason
    kept.owner_id = kept.owner_id or removed.owner_id
    kept.post_id = kept.post_id or removed.post_id
    kept.priority = min(kept.priority, removed.priority)
    kept.save(
        update_fields=[
            "documents",
            "accompanying",
            "rejection_reason",
            "owner",
            "post",
            "priority",
            "updated_at",
        ]
    )
    CaseTransition.objects.create(
        case=kept,
        from_status=kept.status,
        to_status=kept.status,
        note=_(
            "Combined with case %(case)s (status: %(status)s) of a duplicate person record "
            "merged into this person; its contact log, history and documents are now here."
        )
        % {"case": removed.pk, "status": removed.get_status_display()},
        **_actor_fields(actor),
    )
    removed_pk = removed.pk
    removed.delete()
    return {
        "model": EvacuationCase._meta.label,
        "pk": str(removed_pk),
        "into": str(kept.pk),
        "snapshot": snapshot,
        "moved": moved,
    }


def _combine_group_rows(kept: Any, removed: Any) -> dict[str, Any]:
    snapshot = _snapshot(removed)
    kept.justification = _joined(kept.justification, removed.justification)
    kept.save(update_fields=["justification"])
    removed_pk = removed.pk
    removed.delete()
    return {
        "model": type(kept)._meta.label,
        "pk": str(removed_pk),
        "into": str(kept.pk),
        "snapshot": snapshot,
    }


def evacuation_merge_apply(actor: Any, surviving: Any, merged: Any) -> list[dict[str, Any]]:
    combined = [
        _combine_cases(actor, kept, removed) for kept, removed in _case_pairs(surviving, merged)
    ]
    for model in (EligibilityOverride, GroupDesignation):
        combined.extend(
            _combine_group_rows(kept, removed)
            for kept, removed in _same_group_pairs(model, surviving, merged)
        )
    return combined


EVACUATION_MERGE_HOOK = MergeHook(
    name="evacuation", plan=evacuation_merge_plan, apply=evacuation_merge_apply
)
