"""The local staff register: locally hired staff of embassies and military/police missions."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from crisisportal.models import Post
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_fill
from registration.models import Employer, LocalStaffEmployment, Person, PersonSource
from registration.services.persons import (
    family_member_add,
    person_create,
    person_update,
)

# Advisory-lock namespace of local staff upserts (arbitrary, distinct from other users of
# two-key advisory locks) and the number of buckets keys are spread over (a power of two).
LOCK_NAMESPACE = 5001
LOCK_BUCKETS = 256


# The person fields a local staff member is registered with, by hand and by import (a
# staff member's person has no documents or residence permits in this register).
LOCAL_STAFF_PERSON_FIELDS = (
    "given_names",
    "family_name",
    "date_of_birth",
    "sex",
    "nationalities",
    "phone",
    "email",
)


def _lock_reference(employer: str, reference: str) -> None:
    """Serialise writers of one employer's reference until the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s) & %s)",
            [LOCK_NAMESPACE, f"{employer}:{reference}", LOCK_BUCKETS - 1],
        )


@transaction.atomic
def local_staff_upsert(
    *,
    actor: Any,
    employer: str,
    reference: str,
    person_data: Mapping[str, Any],
    contract_type: str,
    role: str,
    mission: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
    post: Post | None = None,
    source: str = PersonSource.IMPORT,
) -> tuple[LocalStaffEmployment, bool]:
    """Create or update a local staff member by the employer's reference number.

    The employer's reference is the key: calling this twice with the same employer and
    reference (a re-import, a repeated Defence API call) updates the one record and never
    creates a second person or employment. Returns (employment, created).
    `person_data` holds person fields as for person_create, plus optional
    `residence_permits` / `identity_documents` lists.
    """
    reference = reference.strip()
    if not reference:
        raise ValidationError({"employer_reference": _("This field is required.")})
    person_fields = dict(person_data)
    person_fields.setdefault("source", source)
    # Two concurrent upserts of the same new reference (a Defence retry racing the first
    # call) must not both create: serialise them on the key for this transaction.
    # The key is hashed into one of LOCK_BUCKETS locks: a bulk import upserts 100,000
    # references in one transaction, and one advisory lock per reference would exhaust
    # PostgreSQL's lock table (max_locks_per_transaction). Two references sharing a bucket
    # only wait for each other.
    _lock_reference(employer, reference)
    existing = (
        LocalStaffEmployment.objects.select_for_update()
        .select_related("person")
        .filter(employer=employer, employer_reference=reference)
        .first()
    )
    employment = existing or LocalStaffEmployment(employer=employer, employer_reference=reference)
    _employment_fill(
        employment,
        contract_type=contract_type,
        role=role,
        mission=mission,
        start_date=start_date,
        end_date=end_date,
        post=post,
    )
    if end_date and start_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end of employment is before its start.")})
    if existing:
        # The source that first registered the person stays its source.
        person_fields.pop("source", None)
        person = person_update(actor=actor, person=existing.person, **person_fields)
    else:
        person = person_create(actor=actor, **person_fields)
    employment.person = person
    with audit_context(actor):
        employment.save()
    return employment, existing is None


def _employment_fill(
    employment: LocalStaffEmployment,
    *,
    contract_type: str,
    role: str,
    mission: str,
    start_date: date | None,
    end_date: date | None,
    post: Post | None,
) -> None:
    """Set the employment's terms and validate them before anything is written (the person
    comes after), so a bad row or form writes nothing."""
    record_fill(
        employment,
        contract_type=contract_type,
        role=role,
        mission=mission,
        start_date=start_date,
        end_date=end_date,
        post=post,
    )
    try:
        employment.full_clean(exclude=["person"], validate_unique=False)
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error


def _check_employer(
    *, employer: str, mission: str, post: Post | None, errors: dict[str, list[str]]
) -> None:
    """A mission's staff are known by the mission's name, an embassy's by its post."""
    if employer in (Employer.DEFENCE, Employer.POLICE) and not mission.strip():
        errors.setdefault("mission", []).append(
            _("Give the name of the military or police mission.")
        )
    if employer == Employer.EMBASSY and post is None:
        errors.setdefault("post", []).append(_("Choose the post that employs this person."))


def _check_employment_form(
    *,
    employer: str,
    reference: str,
    mission: str,
    post: Post | None,
    errors: dict[str, list[str]],
    corrected: LocalStaffEmployment | None = None,
) -> None:
    """The checks of the hand-made register and correct forms: the employer's mission or
    post, and a reference no other staff member of the employer has (the one being
    corrected may keep or change its own)."""
    _check_employer(employer=employer, mission=mission, post=post, errors=errors)
    if not reference:
        return
    # Held until commit, so a concurrent registration of the same reference waits and then
    # sees this one instead of overwriting it through the upsert.
    _lock_reference(employer, reference)
    taken = LocalStaffEmployment.objects.filter(employer=employer, employer_reference=reference)
    if corrected is not None:
        taken = taken.exclude(pk=corrected.pk)
    if taken.exists():
        errors.setdefault("employer_reference", []).append(
            _("This employer has already registered a staff member with this reference.")
        )


def _mission_or_post(employer: str, mission: str, post: Post | None) -> tuple[str, Post | None]:
    """An embassy's staff belong to a post, a mission's to a mission: never both."""
    if employer == Employer.EMBASSY:
        return "", post
    return mission, None


def _add_family_members(
    *, actor: Any, person: Person, family_members: Iterable[Mapping[str, Any]]
) -> None:
    for number, member in enumerate(family_members, start=1):
        try:
            family_member_add(actor=actor, person=person, member=member, source=PersonSource.POST)
        except ValidationError as error:
            raise ValidationError(
                {
                    "family_members": [
                        _("Family member %(number)s: %(errors)s")
                        % {"number": number, "errors": " ".join(error.messages)}
                    ]
                }
            ) from error


@transaction.atomic
def local_staff_save(
    *,
    actor: Any,
    employment: LocalStaffEmployment | None = None,
    employer: str,
    reference: str,
    person_data: Mapping[str, Any],
    contract_type: str,
    role: str,
    mission: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
    post: Post | None = None,
    family_members: Iterable[Mapping[str, Any]] = (),
) -> LocalStaffEmployment:
    """Register a new local staff member by hand (a post or the DCC), or correct one's person
    and employment (employment given), and add family members.

    Unlike the upsert of imports and the Defence API this refuses a reference the employer
    already registered: a form that silently overwrote someone else's record would lose
    data. A correction may keep its own reference or change it to one no other staff member
    of that employer has. A mission's staff need the mission's name, an embassy's the post.
    Each family member becomes a person with a family tie to the staff member (shown on both).
    """
    reference = reference.strip()
    errors: dict[str, list[str]] = {}
    # A new registration leaves the required reference and the dates to the upsert.
    if employment is not None and not reference:
        errors.setdefault("employer_reference", []).append(_("This field is required."))
    _check_employment_form(
        employer=employer,
        reference=reference,
        mission=mission,
        post=post,
        errors=errors,
        corrected=employment,
    )
    if employment is not None and end_date and start_date and end_date < start_date:
        errors.setdefault("end_date", []).append(_("The end of employment is before its start."))
    if errors:
        raise ValidationError(errors)
    mission, post = _mission_or_post(employer, mission, post)
    terms: dict[str, Any] = {
        "contract_type": contract_type,
        "role": role,
        "mission": mission,
        "start_date": start_date,
        "end_date": end_date,
        "post": post,
    }
    if employment is None:
        employment, _created = local_staff_upsert(
            actor=actor,
            employer=employer,
            reference=reference,
            person_data=person_data,
            source=PersonSource.POST,
            **terms,
        )
        person = employment.person
    else:
        employment = LocalStaffEmployment.objects.select_for_update().get(pk=employment.pk)
        employment.employer = employer
        employment.employer_reference = reference
        _employment_fill(employment, **terms)
        person = person_update(actor=actor, person=employment.person, **dict(person_data))
        with audit_context(actor):
            employment.save()
    _add_family_members(actor=actor, person=person, family_members=family_members)
    return employment
