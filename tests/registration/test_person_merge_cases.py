"""Merging two persons who each have evacuation records in the same crisis: the records are
combined into the surviving person's (nothing lost, recorded on the case and in the merge),
or the merge is refused with the conflict named when combining would contradict itself."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from evacuation.models import CaseTransition, EvacuationCase, ManifestEntry
from evacuation.models.cases import ContactLogEntry, EligibilityOverride
from evacuation.services.cases import (
    case_transition,
    contact_log_add,
    eligibility_override_set,
)
from evacuation.services.flights import flight_create
from evacuation.services.manifests import manifest_replace
from registration.models import Person, PersonMerge
from registration.selectors.merges import person_merge_plan
from registration.services import person_merge
from tests.evacuation.factories import approve, make_case, make_person

pytestmark = pytest.mark.django_db


def _flight(crisis: Any, call_sign: str) -> Any:
    return flight_create(
        actor=None,
        crisis=crisis,
        operator="defence",
        call_sign=call_sign,
        capacity=10,
        origin="KBL",
        destination="EIN",
    )


def _two_records(crisis: Any) -> tuple[Any, Any, Any, Any]:
    surviving = make_person(given_names="Mohammad", family_name="Ahmadi", nationalities=["NL"])
    merged = make_person(given_names="Muhammad", family_name="Ahmadi", nationalities=["NL"])
    kept_case = make_case(crisis, surviving, accompanying="Wife Zahra")
    removed_case = make_case(crisis, merged, accompanying="Son Ali")
    return surviving, merged, kept_case, removed_case


def test_cases_in_one_crisis_are_combined_into_the_survivors_case(
    crisis: Any, call_team: Any, coordinator: Any
) -> None:
    surviving, merged, kept_case, removed_case = _two_records(crisis)
    kept_case = case_transition(actor=call_team, case=kept_case, to_status="contacted")
    EvacuationCase.objects.filter(pk=removed_case.pk).update(documents="Passport NL P123")
    removed_case.refresh_from_db()
    contact_log_add(
        actor=call_team, case=removed_case, kind="call", outcome="reached", note="At home"
    )
    flight = _flight(crisis, "NLD07")
    manifest_replace(actor=call_team, flight=flight, cases=[approve(removed_case)])
    eligibility_override_set(
        actor=coordinator,
        crisis=crisis,
        person=merged,
        group_code="local-embassy-staff",
        effect="include",
        justification="Worked for the embassy 2019-2021",
    )

    # The preview tells the user before they confirm.
    plan = person_merge_plan(surviving, merged)
    assert len(plan) == 1 and not plan[0].blocking
    assert str(removed_case.pk) in plan[0].message and str(kept_case.pk) in plan[0].message

    merge = person_merge(actor=coordinator, surviving=surviving, merged=merged)

    assert not Person.objects.filter(pk=merged.pk).exists()
    assert not EvacuationCase.objects.filter(pk=removed_case.pk).exists()
    case = EvacuationCase.objects.get(crisis=crisis, person=surviving)
    assert case.pk == kept_case.pk
    assert case.status == "contacted"  # the surviving case keeps its status
    assert case.accompanying == "Wife Zahra\nSon Ali"
    assert case.documents == "Passport NL P123"
    assert ContactLogEntry.objects.get(note="At home").case_id == case.pk
    assert ManifestEntry.objects.get(flight=flight).case_id == case.pk
    # The removed case's history now belongs to the kept case, plus a note of the combination.
    statuses = set(CaseTransition.objects.filter(case=case).values_list("to_status", flat=True))
    assert {"approved", "documents-verified"} <= statuses
    note = CaseTransition.objects.filter(case=case, note__contains=str(removed_case.pk)).get()
    assert note.actor == coordinator and "Approved" in note.note
    assert EligibilityOverride.objects.get(crisis=crisis).person_id == surviving.pk
    # The merge record keeps a snapshot of the combined case.
    merge = PersonMerge.objects.get(pk=merge.pk)
    (combined,) = merge.combined_objects
    assert combined["model"] == "evacuation.EvacuationCase"
    assert (combined["pk"], combined["into"]) == (str(removed_case.pk), str(kept_case.pk))
    assert combined["snapshot"]["status"] == "approved"


def test_merge_refused_when_both_cases_are_on_a_manifest(crisis: Any) -> None:
    surviving, merged, kept_case, removed_case = _two_records(crisis)
    manifest_replace(actor=None, flight=_flight(crisis, "NLD01"), cases=[approve(kept_case)])
    manifest_replace(actor=None, flight=_flight(crisis, "NLD02"), cases=[approve(removed_case)])

    plan = person_merge_plan(surviving, merged)
    assert [step.blocking for step in plan] == [True]
    assert "NLD01" in plan[0].message and "NLD02" in plan[0].message

    with pytest.raises(ValidationError) as error:
        person_merge(actor=None, surviving=surviving, merged=merged)
    assert "NLD02" in " ".join(error.value.messages)
    # Nothing was merged.
    assert Person.objects.filter(pk=merged.pk).exists()
    assert EvacuationCase.objects.filter(pk=removed_case.pk, person=merged).exists()
    assert not PersonMerge.objects.exists()


def test_contradicting_overrides_block_and_agreeing_ones_are_kept_once(
    crisis: Any, coordinator: Any
) -> None:
    surviving = make_person(given_names="Gul", family_name="Safi")
    merged = make_person(given_names="Gul", family_name="Safi")
    for person, effect in ((surviving, "include"), (merged, "exclude")):
        eligibility_override_set(
            actor=coordinator,
            crisis=crisis,
            person=person,
            group_code="interpreter",
            effect=effect,
            justification=f"Decided {effect}",
        )
    with pytest.raises(ValidationError) as error:
        person_merge(actor=coordinator, surviving=surviving, merged=merged)
    assert "contradict" in " ".join(error.value.messages)
    assert EligibilityOverride.objects.count() == 2

    eligibility_override_set(
        actor=coordinator,
        crisis=crisis,
        person=merged,
        group_code="interpreter",
        effect="include",
        justification="Interpreter for Task Force Uruzgan",
    )
    merge = person_merge(actor=coordinator, surviving=surviving, merged=merged)
    override = EligibilityOverride.objects.get()
    assert override.person_id == surviving.pk
    assert override.justification == "Decided include\nInterpreter for Task Force Uruzgan"
    assert merge.combined_objects[0]["model"] == "evacuation.EligibilityOverride"
