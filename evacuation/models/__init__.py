"""The evacuation models, one module per aggregate and their enumerations in choices.py;
import them from here."""

from evacuation.models.cases import (
    CaseTransition,
    ContactLogEntry,
    EligibilityChange,
    EligibilityOverride,
    EvacuationCase,
    GroupDesignation,
    ManifestEntry,
)
from evacuation.models.choices import (
    BarrierKind,
    CaseStatus,
    ClaimedBasis,
    ContactKind,
    ContactOutcome,
    ExportStatus,
    FlightOperator,
    GroupCode,
    HelpRequestStatus,
    OverrideEffect,
    ReceptionOrganisationKind,
    ThreatAssessment,
)
from evacuation.models.conditions import EvacuationConditions, EvacuationDecision
from evacuation.models.documents import EvacuationDocument
from evacuation.models.flights import Flight
from evacuation.models.groups import CrisisGroup, CrisisGroupDecision, EligibleGroup
from evacuation.models.plans import (
    AssemblyPoint,
    EvacuationPlan,
    PlanBarrier,
    PlanTargetSize,
    PlanValidation,
)
from evacuation.models.reception import EvacueeInformation, ReceptionOrganisation
from evacuation.models.requests import CaseListExport, HelpRequest, HelpRequestSubmission
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
