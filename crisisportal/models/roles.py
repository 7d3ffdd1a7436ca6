import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.crises import Crisis


class Organisation(models.TextChoices):
    BZ = "bz", _("Ministry of Foreign Affairs")
    DEFENCE = "defence", _("Ministry of Defence")
    JENV = "jenv", _("Ministry of Justice and Security / NCC")
    IND = "ind", _("IND")
    COA = "coa", _("COA")
    KMAR = "kmar", _("Royal Netherlands Marechaussee")
    AZ = "az", _("Ministry of General Affairs")
    OTHER = "other", _("Other")


@pghistory.track()
class StaffProfile(models.Model):
    """What the portal knows of a staff account beyond Django's user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    organisation = models.CharField(
        _("organisation"), max_length=20, choices=Organisation.choices, default=Organisation.BZ
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_dcc = models.BooleanField(
        _("DCC staff"), default=False, help_text=_("May open crises and manage posts.")
    )
    in_flexible_shell = models.BooleanField(
        _("flexible shell"),
        default=False,
        help_text=_("Trained staff who can be called into a crisis by its coordinator."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )
    # Honoured only when settings.DEMO_MODE is on; set by seed_demo and nothing else.
    demo_account = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return str(self.user)


class CrisisRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Crisis coordinator")
    DCC_MEMBER = "dcc-member", _("DCC member")
    FLEXIBLE_SHELL = "flexible-shell", _("Flexible-shell member")
    CALL_TEAM = "call-team", _("Call-team member")
    PARTNER = "partner", _("Read-only partner")


@pghistory.track()
class CrisisMembership(models.Model):
    """A staff member's role in one crisis. Object permissions are derived from these rows."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=CrisisRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # Escalation order for unacknowledged alerts: lower first; null = not on the list.
    escalation_order = models.PositiveSmallIntegerField(
        _("escalation order"), null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["crisis", "user"], name="unique_crisis_membership")
        ]
        ordering = ["role", "user__last_name"]
        verbose_name = _("crisis member")
        verbose_name_plural = _("crisis members")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
