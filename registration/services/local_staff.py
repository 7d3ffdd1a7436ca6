"""The local staff register: locally hired staff of embassies and military/police missions."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from crisisportal.models import Post
from crisisportal.services.audit import audit_context
from registration.models import LocalStaffEmployment, PersonSource
from registration.services.persons import person_create, person_update

# Advisory-lock namespace of local staff upserts (arbitrary, distinct from other users of
# two-key advisory locks) and the number of buckets keys are spread over (a power of two).
LOCK_NAMESPACE = 5001
LOCK_BUCKETS = 256


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
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s) & %s)",
            [LOCK_NAMESPACE, f"{employer}:{reference}", LOCK_BUCKETS - 1],
        )
    existing = (
        LocalStaffEmployment.objects.select_for_update()
        .select_related("person")
        .filter(employer=employer, employer_reference=reference)
        .first()
    )
    employment = existing or LocalStaffEmployment(employer=employer, employer_reference=reference)
    employment.contract_type = contract_type
    employment.role = role
    employment.mission = mission
    employment.start_date = start_date
    employment.end_date = end_date
    employment.post = post
    # Validate the employment before writing the person, so a bad row writes nothing.
    try:
        employment.full_clean(exclude=["person"], validate_unique=False)
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
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
