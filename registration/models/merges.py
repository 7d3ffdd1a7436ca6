"""The record of an explicit merge of two person records."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import UUIDModel, staff_link
from registration.models.persons import Person


class PersonMerge(UUIDModel):
    """The record of an explicit merge: who merged which record into which, a snapshot of
    the removed record and every row that was moved, so the merge can be inspected and, if
    it was wrong, undone by hand from this record and the pghistory events."""

    surviving_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="merges"
    )
    merged_person_id = models.UUIDField(db_index=True)
    merged_person_snapshot = models.JSONField(encoder=DjangoJSONEncoder)
    # [{"model": "app.Model", "pk": "...", "field": "person"}, ...]
    moved_objects = models.JSONField(default=list)
    # Records that could not simply move (e.g. two evacuation cases in one crisis) and were
    # combined by a merge hook: [{"model": ..., "pk": removed, "into": kept, "snapshot": ...}]
    combined_objects = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason"), blank=True)
    merged_by = staff_link(null=True, on_delete=models.SET_NULL)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")

    def __str__(self) -> str:
        return f"{self.merged_person_id} → {self.surviving_person_id}"
