"""The content of a trigger document: scenarios, their precursor events and the measures
decided in advance for when an event occurs."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import optional_link, staff_link
from triggers.models.base import AddedItem, owner_name
from triggers.models.choices import (
    OPEN_MEASURE_STATUSES,
    EventStatus,
    MeasureOwner,
    MeasureStatus,
    ScenarioKind,
)
from triggers.models.documents import TriggerDocument


class DescribedItem(AddedItem):
    """What scenarios and precursor events share: a title and a description."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


# "events" is taken by the precursor events; pghistory's audit rows get another name.
@pghistory.track(obj_field=pghistory.ObjForeignKey(related_name="audit_events"))
class Scenario(DescribedItem):
    document = models.ForeignKey(
        TriggerDocument, on_delete=models.CASCADE, related_name="scenarios"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ScenarioKind.choices)
    assessment = models.TextField(_("assessment"), blank=True)
    # Set when someone declares the scenario worsened; cleared when additional measures exist.
    worsened_at = models.DateTimeField(_("declared worsened at"), null=True, blank=True)
    worsened_decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    worsened_recorded_by = staff_link(null=True)
    worsened_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["document", "created_at", "id"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")


@pghistory.track()
class PrecursorEvent(DescribedItem):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.NOT_OBSERVED
    )
    status_since = models.DateTimeField(_("since"), null=True, blank=True)
    # The question "has the scenario worsened?" waiting for the next BOB meeting.
    agenda_question_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scenario", "created_at", "id"]
        verbose_name = _("precursor event")
        verbose_name_plural = _("precursor events")


@pghistory.track()
class Measure(AddedItem):
    event = models.ForeignKey(PrecursorEvent, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("action or measure"), max_length=300)
    owner = models.CharField(_("owner"), max_length=20, choices=MeasureOwner.choices)
    owner_detail = owner_name(_("E.g. the directorate or ministry, such as DCV or JenV."))
    owner_contact = optional_link(
        settings.AUTH_USER_MODEL,
        _("contact person"),
        help_text=_("Notified when the measure becomes due."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    due_since = models.DateTimeField(_("due since"), null=True, blank=True)
    additional = models.BooleanField(
        _("additional measure after worsening"), default=False, editable=False
    )

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.title

    @property
    def is_due(self) -> bool:
        return self.due_since is not None and self.status in OPEN_MEASURE_STATUSES
