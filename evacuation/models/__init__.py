from evacuation.models.conditions import EvacuationConditions, EvacuationDecision, ThreatAssessment
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

__all__ = [
    "AssemblyPoint",
    "BarrierKind",
    "CrisisGroup",
    "CrisisGroupDecision",
    "EligibleGroup",
    "EvacuationConditions",
    "EvacuationDecision",
    "EvacuationPlan",
    "EvacueeInformation",
    "Flight",
    "FlightOperator",
    "GroupCode",
    "PlanBarrier",
    "PlanTargetSize",
    "PlanValidation",
    "ReceptionOrganisation",
    "ReceptionOrganisationKind",
    "ThreatAssessment",
]
