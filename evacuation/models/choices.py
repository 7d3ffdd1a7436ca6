"""The enumerations of the evacuation models, with what belongs to them (the order in which
requests are picked up by the basis claimed). Codes of statuses and groups are part of the API
contract with Defence."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    """Codes are part of the API contract with Defence."""

    IDENTIFIED = "identified", _("Identified")
    CONTACTED = "contacted", _("Contacted")
    DOCUMENTS_VERIFIED = "documents-verified", _("Documents verified")
    APPROVED = "approved", _("Approved")
    CALLED_TO_ASSEMBLY_POINT = "called-to-assembly-point", _("Called to assembly point")
    CHECKED_IN = "checked-in", _("Checked in")
    BOARDED = "boarded", _("Boarded")
    ARRIVED = "arrived", _("Arrived in the Netherlands")
    HANDED_OVER = "handed-over", _("Handed over to reception")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")
    UNREACHABLE = "unreachable", _("Unreachable")
    NO_SHOW = "no-show", _("No-show")


class ContactKind(models.TextChoices):
    CALL = "call", _("Phone call")
    MESSAGE = "message", _("Message")
    EMAIL = "email", _("Email")
    IN_PERSON = "in-person", _("In person")


class ContactOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    NO_ANSWER = "no-answer", _("No answer")
    MESSAGE_LEFT = "message-left", _("Message left")
    WRONG_NUMBER = "wrong-number", _("Wrong number")
    OTHER = "other", _("Other")


class OverrideEffect(models.TextChoices):
    INCLUDE = "include", _("Include")
    EXCLUDE = "exclude", _("Exclude")


class ThreatAssessment(models.TextChoices):
    NOW = "now", _("Life-threatening now")
    EXPECTED = "expected", _("Life-threatening situation expected")
    NOT = "not", _("Not life-threatening")


class FlightOperator(models.TextChoices):
    DEFENCE = "defence", _("Defence")
    CHARTER = "charter", _("Charter")
    PARTNER_NATION = "partner-nation", _("Partner nation")
    COMMERCIAL = "commercial", _("Commercial")


class GroupCode(models.TextChoices):
    """The catalogue of eligible groups; codes are part of the API contract with Defence."""

    DUTCH_NATIONAL = "dutch-national", _("Dutch national")
    FAMILY_MEMBER = "family-member", _("Family member of a Dutch national")
    RESIDENCE_PERMIT_HOLDER = "residence-permit-holder", _("Residence-permit holder")
    MISSION_PERSONNEL = "mission-personnel", _("Military or police mission personnel")
    LOCAL_EMBASSY_STAFF = "local-embassy-staff", _("Local embassy staff")
    INTERPRETER = "interpreter", _("Interpreter of a military or police mission")
    PARLIAMENTARY_MOTION = "parliamentary-motion", _("Person covered by a parliamentary motion")
    AT_RISK_HRD_JOURNALIST = (
        "at-risk-hrd-journalist",
        _("Human-rights defender or journalist at risk"),
    )
    NUCLEAR_FAMILY = (
        "nuclear-family",
        _("Nuclear family of local staff, interpreter or motion person"),
    )
    EU_CITIZEN = "eu-citizen", _("Citizen of another EU member state")


class BarrierKind(models.TextChoices):
    AIRPORT_ACCESS = "airport-access", _("Airport access")
    LANDING_RIGHTS = "landing-rights", _("Landing rights")
    ROADS = "roads", _("Roads")
    BORDER_CROSSING = "border-crossing", _("Border crossing")
    OTHER = "other", _("Other")


class ReceptionOrganisationKind(models.TextChoices):
    COA = "coa", _("COA (reception of asylum seekers)")
    IND = "ind", _("IND (immigration and naturalisation)")
    KMAR = "kmar", _("KMar (Royal Netherlands Marechaussee)")
    SCHIPHOL = "schiphol", _("Schiphol airport")
    LOCC = "locc", _("LOCC (national operational coordination centre)")
    OTHER = "other", _("Other")


class ClaimedBasis(models.TextChoices):
    DUTCH_NATIONAL = "dutch-national", _("I am a Dutch national")
    FAMILY_MEMBER = "family-member", _("I am a family member of a Dutch national")
    RESIDENCE_PERMIT_HOLDER = "residence-permit-holder", _("I hold a Dutch residence permit")
    LOCAL_EMBASSY_STAFF = "local-embassy-staff", _("I work or worked for the Dutch embassy")
    INTERPRETER = "interpreter", _("I am or was an interpreter for a Dutch mission")
    MISSION_PERSONNEL = "mission-personnel", _("I work or worked for a Dutch mission")
    AT_RISK_HRD_JOURNALIST = (
        "at-risk-hrd-journalist",
        _("I am a human-rights defender or journalist at risk"),
    )
    EU_CITIZEN = "eu-citizen", _("I am a citizen of another EU country")
    OTHER = "other", _("Other")


# The order in which a call team should pick up requests, by the basis claimed.
BASIS_PRIORITY = {
    ClaimedBasis.DUTCH_NATIONAL: 1,
    ClaimedBasis.FAMILY_MEMBER: 1,
    ClaimedBasis.MISSION_PERSONNEL: 1,
    ClaimedBasis.RESIDENCE_PERMIT_HOLDER: 2,
    ClaimedBasis.LOCAL_EMBASSY_STAFF: 2,
    ClaimedBasis.INTERPRETER: 2,
    ClaimedBasis.AT_RISK_HRD_JOURNALIST: 3,
    ClaimedBasis.EU_CITIZEN: 4,
    ClaimedBasis.OTHER: 5,
}


class HelpRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLAIMED = "claimed", _("Being triaged")
    CONVERTED = "converted", _("Turned into a case")
    CLOSED = "closed", _("Closed")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
