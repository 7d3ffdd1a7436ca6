"""The models of the triggers app, one module per aggregate; importable from here (Django and
callers use `from triggers.models import X`)."""

from triggers.models.documents import DocumentExport, DocumentVersion, TriggerDocument, Weekday
from triggers.models.meetings import JudgementScenarioLink
from triggers.models.observations import EventObservation
from triggers.models.owner_contacts import OwnerContact
from triggers.models.positions import NonLikeMindedPosition
from triggers.models.reviews import (
    INVITED_ORGANISATIONS,
    DocumentParticipant,
    Participant,
    ParticipantKind,
    Review,
    ReviewKind,
    ReviewParticipant,
)
from triggers.models.scenarios import (
    OPEN_MEASURE_STATUSES,
    EventStatus,
    Measure,
    MeasureOwner,
    MeasureStatus,
    PrecursorEvent,
    Scenario,
    ScenarioKind,
)

__all__ = [
    "INVITED_ORGANISATIONS",
    "OPEN_MEASURE_STATUSES",
    "DocumentExport",
    "DocumentParticipant",
    "DocumentVersion",
    "EventObservation",
    "EventStatus",
    "JudgementScenarioLink",
    "Measure",
    "MeasureOwner",
    "MeasureStatus",
    "NonLikeMindedPosition",
    "OwnerContact",
    "Participant",
    "ParticipantKind",
    "PrecursorEvent",
    "Review",
    "ReviewKind",
    "ReviewParticipant",
    "Scenario",
    "ScenarioKind",
    "TriggerDocument",
    "Weekday",
]
