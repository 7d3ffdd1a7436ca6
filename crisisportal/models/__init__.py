from crisisportal.models.audit import PersonalDataView
from crisisportal.models.crises import (
    ESCALATION_ORDER,
    PHASE_ORDER,
    Crisis,
    CrisisChange,
    CrisisChangeKind,
    CrisisKind,
    CrisisPhase,
    EscalationLevel,
    InformedParty,
)
from crisisportal.models.notifications import DeliveryStatus, Notification
from crisisportal.models.posts import EvacuationPlanLevel, Post, PostKind, PostMembership
from crisisportal.models.roles import CrisisMembership, CrisisRole, Organisation, StaffProfile

__all__ = [
    "ESCALATION_ORDER",
    "PHASE_ORDER",
    "Crisis",
    "CrisisChange",
    "CrisisChangeKind",
    "CrisisKind",
    "CrisisMembership",
    "CrisisPhase",
    "CrisisRole",
    "DeliveryStatus",
    "EscalationLevel",
    "EvacuationPlanLevel",
    "InformedParty",
    "Notification",
    "Organisation",
    "PersonalDataView",
    "Post",
    "PostKind",
    "PostMembership",
    "StaffProfile",
]
