from evacuation.models.cases import (
    CaseStatus,
    CaseTransition,
    ContactKind,
    ContactLogEntry,
    ContactOutcome,
    EligibilityChange,
    EligibilityOverride,
    EvacuationCase,
    GroupDesignation,
    ManifestEntry,
    OverrideEffect,
)
from evacuation.models.conditions import EvacuationConditions, EvacuationDecision, ThreatAssessment
from evacuation.models.documents import EvacuationDocument
from evacuation.models.flights import Flight, FlightOperator
from evacuation.models.groups import CrisisGroup, CrisisGroupDecision, EligibleGroup, GroupCode
from evacuation.models.plans import (
    AssemblyPoint,
    BarrierKind,
    EvacuationPlan,
    PlanBarrier,
    PlanTargetSize,
    PlanValidation,
)
from evacuation.models.reception import (
    EvacueeInformation,
    ReceptionOrganisation,
    ReceptionOrganisationKind,
)
from evacuation.models.requests import (
    CaseListExport,
    ClaimedBasis,
    ExportStatus,
    HelpRequest,
    HelpRequestStatus,
    HelpRequestSubmission,
)
from evacuation.models.teams import CallTeam, CallTeamMember

__all__ = [
    "AssemblyPoint",
    "BarrierKind",
    "CallTeam",
    "CallTeamMember",
    "CaseListExport",
    "CaseStatus",
    "CaseTransition",
    "ClaimedBasis",
    "ContactKind",
    "ContactLogEntry",
    "ContactOutcome",
    "CrisisGroup",
    "CrisisGroupDecision",
    "EligibilityChange",
    "EligibilityOverride",
    "EligibleGroup",
    "EvacuationCase",
    "EvacuationConditions",
    "EvacuationDecision",
    "EvacuationDocument",
    "EvacuationPlan",
    "EvacueeInformation",
    "ExportStatus",
    "Flight",
    "FlightOperator",
    "GroupCode",
    "GroupDesignation",
    "HelpRequest",
    "HelpRequestStatus",
    "HelpRequestSubmission",
    "ManifestEntry",
    "OverrideEffect",
    "PlanBarrier",
    "PlanTargetSize",
    "PlanValidation",
    "ReceptionOrganisation",
    "ReceptionOrganisationKind",
    "ThreatAssessment",
]
