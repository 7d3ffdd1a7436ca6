"""The enumerations of the trigger models, with the groups that belong to them (the measure
statuses that count as open, the ministries that can be invited)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.choices import Organisation


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ScenarioKind(models.TextChoices):
    MOST_LIKELY = "most-likely", _("Most likely")
    WORSE = "worse", _("Worse")
    WORST_CASE = "worst-case", _("Worst case (must be avoided)")


class EventStatus(models.TextChoices):
    NOT_OBSERVED = "not-observed", _("Not observed")
    SIGNS_OBSERVED = "signs-observed", _("Signs observed")
    OCCURRED = "occurred", _("Occurred")


class MeasureOwner(models.TextChoices):
    DIRECTORATE = "directorate", _("A directorate")
    POST = "post", _("The post")
    DEFENCE = "defence", _("Defence")
    OTHER_MINISTRY = "other-ministry", _("Another ministry")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PREPARED = "prepared", _("Prepared")
    EXECUTED = "executed", _("Executed")
    NO_LONGER_NEEDED = "no-longer-needed", _("No longer needed")


OPEN_MEASURE_STATUSES = [MeasureStatus.PLANNED, MeasureStatus.PREPARED]


class ReviewKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly review")
    SMALL_GROUP = "small-group", _("Small-group review")


class ParticipantKind(models.TextChoices):
    USER = "user", _("Staff member")
    POST = "post", _("Post")
    MINISTRY = "ministry", _("Other ministry")


# Ministries that can be invited; the ministry keeping the documents is always there.
INVITED_ORGANISATIONS = [o for o in Organisation if o != Organisation.BZ]
