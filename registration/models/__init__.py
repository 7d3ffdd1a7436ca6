"""The registration app's models, one module per aggregate; import them from here.

Codes stored in the database are the codes of the public API (contract v1, issue 7), so the
API maps fields 1:1.
"""

from registration.models.broadcasts import (
    Broadcast,
    BroadcastDelivery,
    BroadcastDeliveryStatus,
    BroadcastKind,
)
from registration.models.local_staff import (
    ContractType,
    Employer,
    LocalStaffEmployment,
    LocalStaffRole,
)
from registration.models.local_staff_imports import (
    LocalStaffImportDuplicate,
    LocalStaffImportError,
    LocalStaffImportStatus,
    LocalStaffImportUpload,
)
from registration.models.merges import PersonMerge
from registration.models.persons import (
    CHILD_KINDS,
    PARTNER_KINDS,
    DocumentKind,
    FamilyTie,
    FamilyTieKind,
    IdentityDocument,
    Person,
    PersonSource,
    ResidencePermit,
    Sex,
    Territory,
    inverse_tie_kind,
)
from registration.models.registrations import (
    NationalRegistration,
    RegistrationKind,
    RegistrationMember,
    RegistrationStatus,
)
from registration.models.travel_advice import (
    AdviceColour,
    TravelAdvice,
)

__all__ = [
    "CHILD_KINDS",
    "PARTNER_KINDS",
    "AdviceColour",
    "Broadcast",
    "BroadcastDelivery",
    "BroadcastDeliveryStatus",
    "BroadcastKind",
    "ContractType",
    "DocumentKind",
    "Employer",
    "FamilyTie",
    "FamilyTieKind",
    "IdentityDocument",
    "LocalStaffEmployment",
    "LocalStaffImportDuplicate",
    "LocalStaffImportError",
    "LocalStaffImportStatus",
    "LocalStaffImportUpload",
    "LocalStaffRole",
    "NationalRegistration",
    "Person",
    "PersonMerge",
    "PersonSource",
    "RegistrationKind",
    "RegistrationMember",
    "RegistrationStatus",
    "ResidencePermit",
    "Sex",
    "Territory",
    "TravelAdvice",
    "inverse_tie_kind",
]
