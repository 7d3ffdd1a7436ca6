"""Reception in the Netherlands: organisations informed early, and the versioned
information given to evacuees beforehand."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import Crisis
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_save
from evacuation.models import EvacueeInformation, ReceptionOrganisation


def reception_organisation_save(
    *,
    actor: User | None,
    crisis: Crisis,
    kind: str,
    name: str = "",
    contact: str = "",
    informed_on: date | None = None,
    notes: str = "",
    organisation: ReceptionOrganisation | None = None,
) -> ReceptionOrganisation:
    with audit_context(actor):
        return record_save(
            organisation or ReceptionOrganisation(crisis=crisis),
            kind=kind,
            name=name,
            contact=contact,
            informed_on=informed_on,
            notes=notes,
        )


def reception_organisation_informed(
    *, actor: User | None, organisation: ReceptionOrganisation, informed_on: date
) -> ReceptionOrganisation:
    """Record the date an organisation was informed (often days after it was listed)."""
    if informed_on > timezone.localdate():
        raise ValidationError({"informed_on": _("The date informed cannot be in the future.")})
    with audit_context(actor):
        organisation.informed_on = informed_on
        organisation.save(update_fields=["informed_on"])
        return organisation


@transaction.atomic
def evacuee_information_publish(
    *, actor: User | None, crisis: Crisis, text: str, language: str = "en"
) -> EvacueeInformation:
    """Publish a new version; earlier versions stay as they were given."""
    if not text.strip():
        raise ValidationError({"text": _("Write the information for evacuees.")})
    with audit_context(actor):
        # Lock the crisis row so two publishers cannot take the same version number.
        Crisis.objects.select_for_update().filter(pk=crisis.pk).first()
        latest = EvacueeInformation.objects.filter(crisis=crisis, language=language).aggregate(
            Max("version")
        )["version__max"]
        return EvacueeInformation.objects.create(
            crisis=crisis,
            language=language,
            version=(latest or 0) + 1,
            text=text,
            published_by=actor,
        )
