"""The record of an explicit merge of two person records."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.models.persons import Person


class PersonMerge(models.Model):
    """The record of an explicit merge: who merged which record into which, a snapshot of
    the removed record and every row that was moved, so the merge can be inspected and, if
    it was wrong, undone by hand from this record and the pghistory events."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
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
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")

    def __str__(self) -> str:
        return f"{self.merged_person_id} → {self.surviving_person_id}"
