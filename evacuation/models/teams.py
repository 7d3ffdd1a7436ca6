import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis
from crisisportal.models.fields import UUIDModel


@pghistory.track()
class CallTeam(UUIDModel):
    """A call team of a crisis. Its members see the cases and help requests assigned to the
    team as well as their own, so colleagues can take over when someone goes off shift."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="call_teams")
    name = models.CharField(_("name"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["crisis", "name"], name="unique_call_team_name")
        ]
        verbose_name = _("call team")
        verbose_name_plural = _("call teams")

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class CallTeamMember(UUIDModel):
    """A call-team member in one team of the crisis (one team per person and crisis, so
    "their team" is never ambiguous). The crisis is repeated here for that constraint."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(CallTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_team_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["crisis", "user"], name="one_call_team_per_crisis")
        ]
        indexes = [models.Index(fields=["user", "crisis"], name="callteammember_user")]

    def __str__(self) -> str:
        return f"{self.team_id}/{self.user_id}"
