"""How measure owners without an account are reached."""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from crisisportal.services.audit import audit_context
from triggers.models import (
    MeasureOwner,
    OwnerContact,
    TriggerDocument,
)


@transaction.atomic
def owner_contact_save(
    *,
    actor: User,
    document: TriggerDocument,
    contact: OwnerContact | None = None,
    kind: str,
    name: str,
    email: str,
) -> OwnerContact:
    """Record how a measure owner without an account is reached (a directorate, Defence or
    another ministry). A contact without a name reaches every owner of its kind that has no
    contact of its own."""
    name = " ".join(name.split())
    errors: dict[str, Any] = {}
    if kind == MeasureOwner.POST:
        errors["kind"] = _("The post is reached through its mailbox and staff.")
    elif kind not in MeasureOwner.values:
        errors["kind"] = _("Unknown owner.")
    duplicates = OwnerContact.objects.filter(document=document, kind=kind, name__iexact=name)
    if contact is not None:
        duplicates = duplicates.exclude(pk=contact.pk)
    if "kind" not in errors and duplicates.exists():
        errors["name"] = _("This owner already has a contact.")
    try:
        validate_email(email.strip())
    except ValidationError:
        errors["email"] = _("Enter a valid email address.")
    if errors:
        raise ValidationError(errors)
    with audit_context(actor):
        contact = contact or OwnerContact(document=document)
        contact.kind = kind
        contact.name = name
        contact.email = email.strip()
        contact.save()
    return contact
