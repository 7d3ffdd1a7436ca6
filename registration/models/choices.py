"""The codes stored in the database: the code lists of the public API (contract v1, issue 7).

The API maps these fields 1:1, so the code lists are kept together: sex `female`/`male`/
`other`/`unknown`, territories `NL`/`AW`/`CW`/`SX`/`BQ`, relation kinds `spouse` ...
`sibling` (with the groups of kinds and the inverse of a tie), employers `defence`/`police`/
`embassy`, and the statuses of registrations, broadcasts and imports.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class PersonSource(models.TextChoices):
    SELF_REGISTRATION = "self-registration", _("Self-registration")
    POST = "post", _("Post")
    DEFENCE = "defence", _("Defence")
    IMPORT = "import", _("Import")
    CALL_TEAM = "call-team", _("Call team")


class Territory(models.TextChoices):
    """Territories of the Kingdom whose residence permits count (BQ = Bonaire, Sint Eustatius, Saba)."""

    NL = "NL", _("The Netherlands")
    AW = "AW", _("Aruba")
    CW = "CW", _("Curaçao")
    SX = "SX", _("Sint Maarten")
    BQ = "BQ", _("Bonaire, Sint Eustatius and Saba")


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    IDENTITY_CARD = "identity-card", _("Identity card")
    RESIDENCE_PERMIT = "residence-permit", _("Residence permit card")
    LAISSEZ_PASSER = "laissez-passer", _("Laissez-passer")
    OTHER = "other", _("Other document")


class FamilyTieKind(models.TextChoices):
    """The related person's role towards the person (`child`: the related person is a child)."""

    SPOUSE = "spouse", _("Spouse")
    REGISTERED_PARTNER = "registered-partner", _("Registered partner")
    # Notarial cohabitation agreement and a joint household.
    COHABITATION_PARTNER = "cohabitation-partner", _("Cohabitation partner")
    CHILD = "child", _("Child")
    ADOPTED_CHILD = "adopted-child", _("Adopted child")
    STEP_CHILD = "step-child", _("Step-child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")


CHILD_KINDS = frozenset(
    {FamilyTieKind.CHILD, FamilyTieKind.ADOPTED_CHILD, FamilyTieKind.STEP_CHILD}
)


PARTNER_KINDS = frozenset(
    {
        FamilyTieKind.SPOUSE,
        FamilyTieKind.REGISTERED_PARTNER,
        FamilyTieKind.COHABITATION_PARTNER,
    }
)


def inverse_tie_kind(kind: str, *, child_kind: str = FamilyTieKind.CHILD) -> str:
    """The kind seen from the other side: partners and siblings are symmetric, a child's
    other side is a parent. A parent's other side is a child of `child_kind`."""
    if kind in CHILD_KINDS:
        return FamilyTieKind.PARENT
    if kind == FamilyTieKind.PARENT:
        return child_kind
    return kind


class RegistrationKind(models.TextChoices):
    LIMITED = "limited", _("Limited: travel advice changes only")
    EXTENDED = "extended", _("Extended: messages from the embassy")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting email confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DEREGISTERED = "deregistered", _("Deregistered")
    EXPIRED = "expired", _("Expired")


class Employer(models.TextChoices):
    DEFENCE = "defence", _("Defence (military mission)")
    POLICE = "police", _("Police mission")
    EMBASSY = "embassy", _("Embassy")


class ContractType(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment contract")
    FREELANCE = "freelance", _("Freelance")


class LocalStaffRole(models.TextChoices):
    INTERPRETER = "interpreter", _("Interpreter")
    SECURITY = "security", _("Security guard")
    DRIVER = "driver", _("Driver")
    ADMINISTRATIVE = "administrative", _("Administrative")
    OTHER = "other", _("Other")


class AdviceColour(models.TextChoices):
    GREEN = "green", _("Green: no special security risks")
    YELLOW = "yellow", _("Yellow: security risks, be alert")
    ORANGE = "orange", _("Orange: only necessary travel")
    RED = "red", _("Red: do not travel")


class BroadcastKind(models.TextChoices):
    TRAVEL_ADVICE = "travel-advice", _("Travel advice changed")
    EMBASSY_MESSAGE = "embassy-message", _("Embassy message")


class BroadcastDeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class LocalStaffImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be checked")
    VALIDATING = "validating", _("Checking every row")
    VALIDATED = "validated", _("Checked")
    APPLYING = "applying", _("Importing")
    APPLIED = "applied", _("Imported")
    FAILED = "failed", _("Failed")
