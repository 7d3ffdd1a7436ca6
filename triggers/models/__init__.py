"""The models of the triggers app, one module per aggregate and their enumerations in
choices.py; importable from here (Django and callers use `from triggers.models import X`)."""

from triggers.models.choices import (
    INVITED_ORGANISATIONS,
    OPEN_MEASURE_STATUSES,
    EventStatus,
    MeasureOwner,
    MeasureStatus,
    ParticipantKind,
    ReviewKind,
    ScenarioKind,
    Weekday,
)
from triggers.models.documents import DocumentExport, DocumentVersion, TriggerDocument
from triggers.models.meetings import JudgementScenarioLink
from triggers.models.observations import EventObservation
from triggers.models.owner_contacts import OwnerContact
from triggers.models.positions import NonLikeMindedPosition
from triggers.models.reviews import DocumentParticipant, Participant, Review, ReviewParticipant
from triggers.models.scenarios import Measure, PrecursorEvent, Scenario

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
