from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from registration.models import (
    FamilyTie,
    IdentityDocument,
    LocalStaffEmployment,
    Person,
    PersonMerge,
)
from registration.selectors.persons import (
    family_ties_of,
    person_duplicate_candidates,
    person_duplicates_of,
    persons_search,
)
from registration.services import (
    family_tie_add,
    family_tie_remove,
    local_staff_upsert,
    person_create,
    person_merge,
    person_update,
)
from tests.registration.factories import make_person

pytestmark = pytest.mark.django_db


def test_person_create_stores_api_codes_and_derived_fields(coordinator: Any) -> None:
    person = person_create(
        actor=coordinator,
        given_names="Mohammed",
        family_name="Ahmadi",
        date_of_birth=date(1985, 3, 1),
        sex="male",
        nationalities=["af", "NL"],
        phone="+31 6 1234 5678",
        source="defence",
        external_id="D-1",
        residence_permits=[{"territory": "CW", "valid_until": date(2030, 1, 1)}],
        identity_documents=[{"kind": "passport", "number": "nx-12 345", "issuing_country": "nl"}],
    )
    person.refresh_from_db()
    assert person.nationalities == ["AF", "NL"]
    assert person.birth_year == 1985
    assert person.name_normalised == "muhamad ahmadi"
    assert person.phone_normalised == "0031612345678"
    assert [p.territory for p in person.residence_permits.all()] == ["CW"]
    assert person.identity_documents.get().number_normalised == "NX12345"
    assert person.events.count() == 1  # type: ignore[attr-defined]


def test_person_create_reports_every_bad_field_and_writes_nothing() -> None:
    with pytest.raises(ValidationError) as error:
        person_create(
            actor=None,
            family_name="",
            sex="robot",
            nationalities=["XX"],
            source="post",
            date_of_birth=date(2999, 1, 1),
            residence_permits=[{"territory": "FR"}],
        )
    assert {"family_name", "sex", "nationalities", "date_of_birth"} <= set(error.value.message_dict)
    assert not Person.objects.exists()


def test_residence_permit_with_unknown_territory_rolls_back_person() -> None:
    with pytest.raises(ValidationError) as error:
        person_create(
            actor=None, family_name="X", source="post", residence_permits=[{"territory": "FR"}]
        )
    assert "residence_permits" in error.value.message_dict
    assert not Person.objects.exists()


def test_external_id_unique_per_source() -> None:
    make_person(source="defence", external_id="D-7")
    make_person(source="post", external_id="D-7")
    with pytest.raises(ValidationError):
        make_person(source="defence", external_id="D-7")


def test_year_of_birth_only() -> None:
    person = make_person(birth_year=1970)
    assert person.date_of_birth is None and person.birth_year == 1970
    person_update(actor=None, person=person, date_of_birth=date(1971, 2, 3))
    assert person.birth_year == 1971


def test_family_tie_is_shown_on_both_persons_with_inverse_kind() -> None:
    parent = make_person(given_names="Farid")
    child = make_person(given_names="Sami")
    family_tie_add(
        actor=None, person=parent, related_person=child, kind="adopted-child", dependent=True
    )
    [tie] = family_ties_of(parent)
    assert (tie.related_person, tie.kind, tie.dependent) == (child, "adopted-child", True)
    [inverse] = family_ties_of(child)
    assert (inverse.related_person, inverse.kind, inverse.dependent) == (parent, "parent", True)

    # Re-adding from the other side replaces, never duplicates, and keeps "adopted".
    family_tie_add(actor=None, person=child, related_person=parent, kind="parent")
    assert FamilyTie.objects.count() == 2
    assert family_ties_of(parent).get().kind == "adopted-child"

    family_tie_remove(actor=None, tie=family_ties_of(child).get())
    assert not FamilyTie.objects.exists()


@pytest.mark.parametrize(
    "kind", ["spouse", "registered-partner", "cohabitation-partner", "sibling"]
)
def test_symmetric_ties(kind: str) -> None:
    a, b = make_person(given_names="A"), make_person(given_names="B")
    family_tie_add(actor=None, person=a, related_person=b, kind=kind)
    assert family_ties_of(b).get().kind == kind


def test_family_tie_rules() -> None:
    a, b = make_person(given_names="A"), make_person(given_names="B")
    with pytest.raises(ValidationError):
        family_tie_add(actor=None, person=a, related_person=a, kind="spouse")
    with pytest.raises(ValidationError):
        family_tie_add(actor=None, person=a, related_person=b, kind="spouse", dependent=True)
    with pytest.raises(ValidationError):
        family_tie_add(actor=None, person=a, related_person=b, kind="cousin")


def test_local_staff_upsert_is_idempotent_on_employer_reference() -> None:
    data = {"given_names": "Ahmad", "family_name": "Noori", "nationalities": ["AF"]}
    employment, created = local_staff_upsert(
        actor=None,
        employer="defence",
        reference="TFU-001",
        person_data=data,
        contract_type="freelance",
        role="interpreter",
        mission="TFU",
        start_date=date(2006, 8, 1),
        end_date=date(2010, 8, 1),
    )
    assert created and employment.person.source == "import"
    again, created_again = local_staff_upsert(
        actor=None,
        employer="defence",
        reference="TFU-001",
        person_data={**data, "phone": "+93 700 000 000"},
        contract_type="employment",
        role="interpreter",
        mission="TFU",
    )
    assert not created_again and again.pk == employment.pk
    assert Person.objects.count() == 1 and LocalStaffEmployment.objects.count() == 1
    again.person.refresh_from_db()
    assert again.person.phone == "+93 700 000 000"
    # Same reference at another employer is another record.
    _, created_police = local_staff_upsert(
        actor=None,
        employer="police",
        reference="TFU-001",
        person_data=data,
        contract_type="employment",
        role="driver",
    )
    assert created_police


def test_local_staff_upsert_bad_period_writes_nothing() -> None:
    with pytest.raises(ValidationError):
        local_staff_upsert(
            actor=None,
            employer="embassy",
            reference="E-1",
            person_data={"family_name": "Noori"},
            contract_type="employment",
            role="pilot",
            start_date=date(2020, 1, 1),
            end_date=date(2019, 1, 1),
        )
    assert not Person.objects.exists()


# --- duplicate detection -------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        (("Mohammad", "Ahmadi"), ("Muhammad", "Ahmadi")),
        (("Mohammad", "Ahmadi"), ("Mohammed", "Ahmadi")),
        (("Muhammad", "Ahmadi"), ("Mohammed", "Ahmady")),
        (("Abdul Rahman", "Karimi"), ("Abdulrahman", "Karimi")),
        (("Abdul-Rahman", "Karimi"), ("Abdel Rahman", "Karimy")),
        (("Yusuf", "Haidari"), ("Youssef", "Haidari")),
    ],
)
def test_duplicate_detection_finds_transliteration_variants(
    existing: tuple[str, str], new: tuple[str, str]
) -> None:
    person = make_person(given_names=existing[0], family_name=existing[1], birth_year=1980)
    make_person(given_names="Anna", family_name="Jansen", birth_year=1980)
    candidates = person_duplicate_candidates(
        given_names=new[0], family_name=new[1], date_of_birth=date(1980, 5, 5)
    )
    assert [c.person for c in candidates] == [person]
    assert "name" in candidates[0].reasons


def test_duplicate_detection_ignores_clearly_different_people() -> None:
    make_person(given_names="Mohammad", family_name="Ahmadi", date_of_birth=date(1980, 1, 1))
    make_person(given_names="Fatima", family_name="Rahimi", date_of_birth=date(1980, 1, 1))
    make_person(given_names="Jan", family_name="de Vries", date_of_birth=date(1980, 1, 1))
    # Another name entirely.
    assert not person_duplicate_candidates(
        given_names="Pieter", family_name="Bakker", date_of_birth=date(1980, 1, 1)
    )
    # A namesake with another date of birth is not the same person.
    assert not person_duplicate_candidates(
        given_names="Muhammad", family_name="Ahmadi", date_of_birth=date(1999, 9, 9)
    )


def test_duplicate_detection_by_document_number_despite_other_name() -> None:
    person = make_person(
        given_names="Gul",
        family_name="Ahmadzai",
        identity_documents=[{"kind": "passport", "number": "P 0123456", "issuing_country": "AF"}],
    )
    candidates = person_duplicate_candidates(
        given_names="Gulalai", family_name="Zazai", document_numbers=["p0123456"]
    )
    assert [c.person for c in candidates] == [person]
    assert candidates[0].reasons == ["document"]
    assert person_duplicates_of(person) == []


def test_persons_search_by_fuzzy_name_document_and_phone() -> None:
    person = make_person(
        given_names="Mohammed",
        family_name="Ahmadi",
        phone="+93 700 123 456",
        identity_documents=[{"kind": "passport", "number": "P777", "issuing_country": "AF"}],
    )
    make_person(given_names="Anna", family_name="Jansen")
    assert list(persons_search("muhammad ahmady")) == [person]
    assert list(persons_search("p-777")) == [person]
    assert list(persons_search("+93700123456")) == [person]
    assert list(persons_search("")) == []


# --- merge ---------------------------------------------------------------------------


def test_merge_moves_everything_and_is_recorded(coordinator: Any) -> None:
    surviving = make_person(given_names="Mohammad", family_name="Ahmadi", birth_year=1980)
    merged = make_person(
        given_names="Muhammad",
        family_name="Ahmadi",
        date_of_birth=date(1980, 4, 4),
        phone="+93 1",
        nationalities=["AF"],
        identity_documents=[{"kind": "passport", "number": "P1", "issuing_country": "AF"}],
    )
    spouse = make_person(given_names="Zahra", family_name="Ahmadi")
    child = make_person(given_names="Ali", family_name="Ahmadi")
    family_tie_add(actor=None, person=merged, related_person=spouse, kind="spouse")
    family_tie_add(actor=None, person=merged, related_person=child, kind="child", dependent=True)
    family_tie_add(actor=None, person=surviving, related_person=child, kind="child")
    family_tie_add(actor=None, person=surviving, related_person=merged, kind="sibling")
    employment, _ = local_staff_upsert(
        actor=None,
        employer="embassy",
        reference="E-9",
        person_data={"family_name": "Ahmadi"},
        contract_type="employment",
        role="driver",
    )
    LocalStaffEmployment.objects.filter(pk=employment.pk).update(person=merged)
    merged_pk = merged.pk

    merge = person_merge(
        actor=coordinator, surviving=surviving, merged=merged, reason="same passport"
    )

    assert not Person.objects.filter(pk=merged_pk).exists()
    surviving.refresh_from_db()
    assert surviving.date_of_birth == date(1980, 4, 4) and surviving.phone == "+93 1"
    assert surviving.nationalities == ["AF"]
    assert {(t.related_person, t.kind) for t in family_ties_of(surviving)} == {
        (spouse, "spouse"),
        (child, "child"),
    }
    assert family_ties_of(spouse).get().related_person == surviving
    assert family_ties_of(child).get().related_person == surviving
    assert IdentityDocument.objects.get(number="P1").person == surviving
    assert LocalStaffEmployment.objects.get(pk=employment.pk).person == surviving
    # The merge can be inspected: who, what was merged, every moved row.
    merge = PersonMerge.objects.get(pk=merge.pk)
    assert merge.merged_by == coordinator
    assert merge.merged_person_snapshot["given_names"] == "Muhammad"
    moved_models = {row["model"] for row in merge.moved_objects}
    assert {"registration.IdentityDocument", "registration.LocalStaffEmployment"} <= moved_models
    # History of the merged record moves too and the audit trail names the actor.
    assert surviving.events.filter(given_names="Muhammad").exists()  # type: ignore[attr-defined]


def test_merge_with_itself_is_refused() -> None:
    person = make_person()
    with pytest.raises(ValidationError):
        person_merge(actor=None, surviving=person, merged=person)
