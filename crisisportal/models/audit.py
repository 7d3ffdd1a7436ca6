from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import staff_link


class PersonalDataView(models.Model):
    """Who looked at personal data: one row per page view or API call that showed it.

    Writes are audited by pghistory triggers; reads cannot be caught by the database, so
    every view and endpoint that shows personal data calls audit.personal_data_viewed().
    """

    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = staff_link(null=True)
    api_client = models.CharField(max_length=200, blank=True)
    # The route name, never the URL: URLs may carry query strings.
    view_name = models.CharField(max_length=200)
    object_type = models.CharField(max_length=100)
    object_ids = ArrayField(models.CharField(max_length=64), default=list)

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [
            models.Index(fields=["object_type", "-viewed_at"], name="pdview_type_time"),
            models.Index(fields=["user", "-viewed_at"], name="pdview_user_time"),
        ]
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")

    def __str__(self) -> str:
        return f"{self.view_name} {self.object_type}"
