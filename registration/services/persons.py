"""Persons, their permits, documents and family ties; explicit merges of duplicates."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django_countries import countries

from crisisportal.services.audit import audit_context
from registration.merging import merge_hooks
from registration.models import (
    CHILD_KINDS,
    FamilyTie,
    FamilyTieKind,
    IdentityDocument,
    Person,
    PersonMerge,
    ResidencePermit,
    inverse_tie_kind,
)
from registration.selectors.merges import person_merge_plan, person_relations

# Fields a caller may set through person_create / person_update.
PERSON_FIELDS = (
    "given_names",
    "family_name",
    "original_script_name",
    "date_of_birth",
    "birth_year",
    "sex",
    "nationalities",
    "phone",
    "email",
    "messaging_handle",
    "location_country",
    "location_place",
    "source",
    "registered_by_post",
    "external_id",
)


def _validate_country(code: str, field: str, errors: dict[str, list[str]]) -> None:
    if code and not countries.alpha2(code):
        errors.setdefault(field, []).append(_("Unknown country code: %(code)s") % {"code": code})


def _clean_person(person: Person) -> None:
    """Model validation plus the rules the model cannot express; raises per field."""
    person.nationalities = sorted({code.upper() for code in person.nationalities if code})
    person.location_country = person.location_country.upper()
    errors: dict[str, list[str]] = {}
    try:
        person.full_clean(exclude=["nationalities"], validate_unique=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    for code in person.nationalities:
        _validate_country(code, "nationalities", errors)
    _validate_country(person.location_country, "location_country", errors)
    if person.date_of_birth and person.date_of_birth > date.today():
        errors.setdefault("date_of_birth", []).append(_("The date of birth is in the future."))
    if person.birth_year and not 1880 <= person.birth_year <= date.today().year:
        errors.setdefault("birth_year", []).append(_("Enter a plausible year of birth."))
    if (
        person.date_of_birth
        and person.birth_year
        and person.birth_year != person.date_of_birth.year
    ):
        errors.setdefault("birth_year", []).append(
            _("The year of birth does not match the date of birth.")
        )
    if person.external_id:
        clash = Person.objects.filter(source=person.source, external_id=person.external_id)
        if person.pk:
            clash = clash.exclude(pk=person.pk)
        if clash.exists():
            errors.setdefault("external_id", []).append(
                _("Another person from this source has this external id.")
            )
    if errors:
        raise ValidationError(errors)


def _set_permits(person: Person, permits: Iterable[Mapping[str, Any]]) -> None:
    person.residence_permits.all().delete()
    errors: dict[str, list[str]] = {}
    for data in permits:
        permit = ResidencePermit(
            person=person, territory=data.get("territory", ""), valid_until=data.get("valid_until")
        )
        try:
            permit.full_clean(exclude=["person"])
        except ValidationError as error:
            for messages in error.message_dict.values():
                errors.setdefault("residence_permits", []).extend(messages)
            continue
        permit.save()
    if errors:
        raise ValidationError(errors)


def _set_documents(person: Person, documents: Iterable[Mapping[str, Any]]) -> None:
    person.identity_documents.all().delete()
    errors: dict[str, list[str]] = {}
    for data in documents:
        document = IdentityDocument(
            person=person,
            kind=data.get("kind", ""),
            number=data.get("number", ""),
            issuing_country=(data.get("issuing_country") or "").upper(),
            expires_on=data.get("expires_on"),
        )
        try:
            document.full_clean(exclude=["person", "number_normalised"])
        except ValidationError as error:
            for messages in error.message_dict.values():
                errors.setdefault("identity_documents", []).extend(messages)
            continue
        _validate_country(document.issuing_country, "identity_documents", errors)
        document.save()
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(
    *,
    actor: Any,
    family_name: str,
    source: str,
    residence_permits: Iterable[Mapping[str, Any]] = (),
    identity_documents: Iterable[Mapping[str, Any]] = (),
    **fields: Any,
) -> Person:
    """Create a person. Duplicates are not refused here (a human decides, see
    person_duplicate_candidates), but every field is validated and codes are the
    API's codes. Permits are dicts {territory, valid_until}; documents are dicts
    {kind, number, issuing_country, expires_on}."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    person = Person(family_name=family_name, source=source, **fields)
    _clean_person(person)
    with audit_context(actor):
        person.save()
        _set_permits(person, residence_permits)
        _set_documents(person, identity_documents)
    return person


@transaction.atomic
def person_update(
    *,
    actor: Any,
    person: Person,
    residence_permits: Iterable[Mapping[str, Any]] | None = None,
    identity_documents: Iterable[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Person:
    """Change the given fields; permits and documents are replaced when passed."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(person, name, value)
    if "date_of_birth" in fields and "birth_year" not in fields:
        person.birth_year = None  # re-derived from the date by save()
        if fields["date_of_birth"]:
            person.birth_year = fields["date_of_birth"].year
    _clean_person(person)
    with audit_context(actor):
        person.save()
        if residence_permits is not None:
            _set_permits(person, residence_permits)
        if identity_documents is not None:
            _set_documents(person, identity_documents)
    return person


@transaction.atomic
def family_tie_add(
    *,
    actor: Any,
    person: Person,
    related_person: Person,
    kind: str,
    dependent: bool = False,
) -> FamilyTie:
    """Record that `related_person` is `person`'s <kind> (and the inverse on the other
    person). Adding a tie that exists replaces its kind and dependent flag. `dependent`
    only applies to a child/parent pair."""
    errors: dict[str, str] = {}
    if kind not in FamilyTieKind.values:
        errors["kind"] = _("Unknown relation.")
    if person.pk == related_person.pk:
        errors["related_person"] = _("A person cannot be their own family member.")
    if dependent and kind not in CHILD_KINDS and kind != FamilyTieKind.PARENT:
        errors["dependent"] = _("Only a child can be dependent.")
    if errors:
        raise ValidationError(errors)
    # When `person` names their parent, the inverse says `person` is a (biological) child;
    # an existing more specific child kind on the other side is kept.
    existing_inverse = FamilyTie.objects.filter(
        person=related_person, related_person=person
    ).first()
    child_kind = (
        existing_inverse.kind
        if existing_inverse and existing_inverse.kind in CHILD_KINDS
        else FamilyTieKind.CHILD
    )
    inverse_kind = inverse_tie_kind(kind, child_kind=child_kind)
    with audit_context(actor):
        FamilyTie.objects.filter(person=person, related_person=related_person).delete()
        FamilyTie.objects.filter(person=related_person, related_person=person).delete()
        tie = FamilyTie.objects.create(
            person=person, related_person=related_person, kind=kind, dependent=dependent
        )
        FamilyTie.objects.create(
            pair_id=tie.pair_id,
            person=related_person,
            related_person=person,
            kind=inverse_kind,
            dependent=dependent,
        )
    return tie


def family_member_add(
    *, actor: Any, person: Person, member: Mapping[str, Any], source: str, **fields: Any
) -> Person:
    """Register a family member given on a form row (names, date of birth, relation,
    dependent) as a person of their own, with fields, tied to person (the tie shows on
    both). Refused as person_create and family_tie_add refuse; the caller's transaction
    keeps the two together."""
    relative = person_create(
        actor=actor,
        source=source,
        given_names=member.get("given_names", ""),
        family_name=member.get("family_name", ""),
        date_of_birth=member.get("date_of_birth"),
        **fields,
    )
    family_tie_add(
        actor=actor,
        person=person,
        related_person=relative,
        kind=member.get("kind", ""),
        dependent=bool(member.get("dependent")),
    )
    return relative


@transaction.atomic
def family_tie_remove(*, actor: Any, tie: FamilyTie) -> None:
    """Remove the tie from both persons."""
    with audit_context(actor):
        FamilyTie.objects.filter(pair_id=tie.pair_id).delete()


def _snapshot(person: Person) -> dict[str, Any]:
    data = serializers.serialize("python", [person])[0]
    return {"pk": str(person.pk), **data["fields"]}


def _fill_blanks(surviving: Person, merged: Person) -> None:
    for name in PERSON_FIELDS:
        if name in ("source", "external_id"):
            continue
        if name == "nationalities":
            surviving.nationalities = sorted({*surviving.nationalities, *merged.nationalities})
            continue
        if getattr(surviving, name) in ("", None, "unknown") and getattr(merged, name) not in (
            "",
            None,
        ):
            setattr(surviving, name, getattr(merged, name))


@transaction.atomic
def person_merge(*, actor: Any, surviving: Person, merged: Person, reason: str = "") -> PersonMerge:
    """Merge `merged` into `surviving`, explicitly, on a staff member's decision.

    Every row in any app that refers to the merged person (family ties, registrations,
    local staff employments, evacuation cases, history events) is moved to the surviving
    person; blank fields of the survivor are filled from the merged record; the merged
    record is then deleted. A PersonMerge row keeps a snapshot of the merged record and
    the list of moved rows.

    Records of other apps that cannot both belong to one person (two evacuation cases in
    one crisis) are combined by the merge hooks those apps register (registration.merging);
    each combination is listed in `PersonMerge.combined_objects`. When a hook judges that
    combining would contradict itself (see person_merge_plan, which the preview shows), or
    a move still breaks a uniqueness rule, nothing is merged and the conflict is reported.
    """
    if surviving.pk == merged.pk:
        raise ValidationError({"merged_person": _("A person cannot be merged with itself.")})
    # Lock both rows so a concurrent merge or edit cannot interleave.
    list(Person.objects.select_for_update().filter(pk__in=[surviving.pk, merged.pk]))
    blocking = [step.message for step in person_merge_plan(surviving, merged) if step.blocking]
    if blocking:
        raise ValidationError({"merged_person": blocking})
    snapshot = _snapshot(merged)
    moved: list[dict[str, str]] = []
    combined: list[dict[str, Any]] = []
    with audit_context(actor, merge_of=str(merged.pk), merge_into=str(surviving.pk)):
        for hook in merge_hooks():
            combined.extend(hook.apply(actor, surviving, merged))
        # Ties between the two would become a tie to oneself; ties both have to the same
        # third person are kept once (the survivor's).
        FamilyTie.objects.filter(
            models.Q(person=merged, related_person=surviving)
            | models.Q(person=surviving, related_person=merged)
        ).delete()
        shared = FamilyTie.objects.filter(person=surviving).values("related_person")
        duplicate_pairs = FamilyTie.objects.filter(
            person=merged, related_person__in=shared
        ).values_list("pair_id", flat=True)
        FamilyTie.objects.filter(pair_id__in=list(duplicate_pairs)).delete()

        for rel in person_relations():
            model = rel.related_model
            field_name = rel.field.name
            rows = model._default_manager.filter(**{field_name: merged.pk})
            pks = list(rows.values_list("pk", flat=True))
            if not pks:
                continue
            try:
                with transaction.atomic():
                    rows.update(**{field_name: surviving.pk})
            except IntegrityError as error:
                raise ValidationError(
                    {
                        "merged_person": _(
                            "Both persons have a %(what)s that cannot be combined; "
                            "resolve it first."
                        )
                        % {"what": model._meta.verbose_name}
                    }
                ) from error
            moved.extend(
                {"model": model._meta.label, "pk": str(pk), "field": field_name} for pk in pks
            )

        _fill_blanks(surviving, merged)
        merge = PersonMerge.objects.create(
            surviving_person=surviving,
            merged_person_id=merged.pk,
            merged_person_snapshot=snapshot,
            moved_objects=moved,
            combined_objects=combined,
            reason=reason,
            merged_by=actor if getattr(actor, "pk", None) else None,
        )
        merged.delete()
        _clean_person(surviving)
        surviving.save()
    return merge
