"""The enumerations of the core models: the codes stored in the database, with the orders and
groups that belong to them (the order of the phases, the statuses that count as open)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CrisisKind(models.TextChoices):
    ARMED_CONFLICT = "armed-conflict", _("Armed conflict")
    VIOLENT_CHANGE_OF_POWER = "violent-change-of-power", _("Violent change of power")
    POLITICAL_VIOLENCE = "political-violence", _("Political violence")
    ATTACK = "attack", _("Attack")
    NATURAL_DISASTER = "natural-disaster", _("Natural disaster")
    PANDEMIC = "pandemic", _("Pandemic")
    OTHER = "other", _("Other")


class CrisisPhase(models.TextChoices):
    PRE_CRISIS = "pre-crisis", _("Pre-crisis")
    CRISIS = "crisis", _("Crisis")
    AFTER_CARE = "after-care", _("After-care")
    CLOSED = "closed", _("Closed")


PHASE_ORDER = [
    CrisisPhase.PRE_CRISIS,
    CrisisPhase.CRISIS,
    CrisisPhase.AFTER_CARE,
    CrisisPhase.CLOSED,
]


class EscalationLevel(models.TextChoices):
    DEPARTMENTAL = "departmental", _("Departmental (DCC)")
    INTERDEPARTMENTAL = "interdepartmental", _("Interdepartmental")
    NATIONAL = "national", _("National crisis structure (MCCB)")
    SPECIAL_COUNCIL = "special-council", _("Special council (e.g. RVI)")


ESCALATION_ORDER = [
    EscalationLevel.DEPARTMENTAL,
    EscalationLevel.INTERDEPARTMENTAL,
    EscalationLevel.NATIONAL,
    EscalationLevel.SPECIAL_COUNCIL,
]


class InformedParty(models.TextChoices):
    """Parties that must hear of an escalation: the evaluations asked that the choice be fed back."""

    MINISTER = "minister", _("Minister of Foreign Affairs")
    SECRETARY_GENERAL = "secretary-general", _("Secretary-General BZ")
    POSTS = "posts", _("Affected posts")
    NCTV = "nctv", _("NCTV / National Crisis Centre")
    JENV = "jenv", _("Ministry of Justice and Security")
    DEFENCE = "defence", _("Ministry of Defence")
    AZ = "az", _("Ministry of General Affairs")
    IND = "ind", _("IND")
    KMAR = "kmar", _("Royal Netherlands Marechaussee")
    COA = "coa", _("COA")


class CrisisChangeKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    PHASE = "phase", _("Phase change")
    ESCALATION = "escalation", _("Escalation")
    DE_ESCALATION = "de-escalation", _("De-escalation")


class PostKind(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    CONSULATE_GENERAL = "consulate-general", _("Consulate-general")
    CONSULATE = "consulate", _("Consulate")
    PERMANENT_REPRESENTATION = "permanent-representation", _("Permanent representation")


class EvacuationPlanLevel(models.TextChoices):
    EXTENDED = "extended", _("Extended evacuation plan")
    BASIC = "basic", _("Basic evacuation plan")
    NONE_NEEDED = "none-needed", _("No evacuation plan needed")


class Organisation(models.TextChoices):
    BZ = "bz", _("Ministry of Foreign Affairs")
    DEFENCE = "defence", _("Ministry of Defence")
    JENV = "jenv", _("Ministry of Justice and Security / NCC")
    IND = "ind", _("IND")
    COA = "coa", _("COA")
    KMAR = "kmar", _("Royal Netherlands Marechaussee")
    AZ = "az", _("Ministry of General Affairs")
    OTHER = "other", _("Other")


class CrisisRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Crisis coordinator")
    DCC_MEMBER = "dcc-member", _("DCC member")
    FLEXIBLE_SHELL = "flexible-shell", _("Flexible-shell member")
    CALL_TEAM = "call-team", _("Call-team member")
    PARTNER = "partner", _("Read-only partner")


class SitrepStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    ELEVATED = "elevated", _("Elevated")
    HIGH = "high", _("High")


class Availability(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    AVAILABLE = "available", _("Available")
    LIMITED = "limited", _("Limited")
    UNAVAILABLE = "unavailable", _("Not available")


class LocalControl(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    FULL = "full", _("Full control")
    PARTIAL = "partial", _("Partial control")
    NONE = "none", _("No control")


class CountryCamp(models.TextChoices):
    LIKE_MINDED = "like-minded", _("Like-minded")
    NON_LIKE_MINDED = "non-like-minded", _("Non-like-minded")


class CountryStance(models.TextChoices):
    STAYING = "staying", _("Staying, embassy open")
    REDUCING = "reducing", _("Reducing staff")
    EVACUATING = "evacuating", _("Evacuating nationals")
    CLOSING = "closing", _("Closing the embassy")
    CLOSED = "closed", _("Embassy closed")
    OTHER = "other", _("Other")


class MeetingKind(models.TextChoices):
    PRE_CRISIS = "pre-crisis", _("Pre-crisis meeting")
    CRISIS = "crisis", _("Crisis meeting")
    TRIGGER_REVIEW = "trigger-review", _("Small-group trigger-document review")
    INTERDEPARTMENTAL = "interdepartmental", _("Interdepartmental meeting")


class MeetingPhase(models.TextChoices):
    PICTURE = "picture", _("Beeldvorming (picture)")
    JUDGEMENT = "judgement", _("Oordeelsvorming (judgement)")
    DECISION = "decision", _("Besluitvorming (decision)")
    CLOSED = "closed", _("Closed")


MEETING_PHASE_ORDER = [
    MeetingPhase.PICTURE,
    MeetingPhase.JUDGEMENT,
    MeetingPhase.DECISION,
    MeetingPhase.CLOSED,
]


class PictureSource(models.TextChoices):
    POST = "post", _("Post")
    INTELLIGENCE = "intelligence", _("Intelligence service")
    PARTNER = "partner", _("International partner")
    NETHERLANDS = "netherlands", _("Picture in the Netherlands")
    MINISTRY = "ministry", _("Other ministry")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in-progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_DECISION_STATUSES = [DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    NOT_APPLICABLE = "not-applicable", _("Inbox only")
