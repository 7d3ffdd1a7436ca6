"""The evacuation app's own base: a record a staff member made (conditions, decisions). The
shapes every app shares (UUID key, staff and optional links, timestamps, the record of a
decision) are in crisisportal.models.fields."""

from django.db import models

from crisisportal.models.fields import UUIDModel, staff_link


class StaffRecord(UUIDModel):
    """A record a staff member made (conditions, decisions): who recorded it, and when."""

    recorded_by = staff_link(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
