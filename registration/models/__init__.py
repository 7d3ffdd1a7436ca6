"""The registration app's models, one module per aggregate (the code lists of the public
API in choices.py); import them from here.
"""

from registration.models.broadcasts import (
    Broadcast,
    BroadcastDelivery,
)
from registration.models.choices import (
    CHILD_KINDS,
    PARTNER_KINDS,
    AdviceColour,
    BroadcastDeliveryStatus,
    BroadcastKind,
    ContractType,
    DocumentKind,
    Employer,
    FamilyTieKind,
    LocalStaffImportStatus,
    LocalStaffRole,
    PersonSource,
    RegistrationKind,
    RegistrationStatus,
    Sex,
    Territory,
    inverse_tie_kind,
)
from registration.models.local_staff import (
    LocalStaffEmployment,
)
from registration.models.local_staff_imports import (
    LocalStaffImportDuplicate,
    LocalStaffImportError,
    LocalStaffImportUpload,
)
from registration.models.merges import (
    PersonMerge,
)
from registration.models.persons import (
    FamilyTie,
    IdentityDocument,
    Person,
    ResidencePermit,
)
from registration.models.registrations import (
    NationalRegistration,
    RegistrationMember,
)
from registration.models.travel_advice import (
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
