import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.choices import CrisisRole, Organisation
from crisisportal.models.crises import Crisis
from crisisportal.models.fields import staff_link


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


# Which object permissions each role carries. Memberships are the source of truth;
# guardian permissions are derived from them by services.roles.crisis_permissions_sync.
CRISIS_ROLE_PERMISSIONS: dict[str, list[str]] = {
    CrisisRole.COORDINATOR: ["view_crisis", "view_picture_crisis", "work_crisis", "manage_crisis"],
    CrisisRole.DCC_MEMBER: ["view_crisis", "view_picture_crisis", "work_crisis"],
    CrisisRole.FLEXIBLE_SHELL: ["view_crisis", "view_picture_crisis", "work_crisis"],
    CrisisRole.CALL_TEAM: ["view_crisis", "work_cases"],
    # Read-only partners (other ministries) follow the picture; they write nothing.
    CrisisRole.PARTNER: ["view_crisis", "view_picture_crisis"],
}

# Staff of an affected post see the crisis and file its situation reports; they read only
# their own post's reports, and meetings only where their post takes part (see services).
POST_STAFF_CRISIS_PERMISSIONS = ["view_crisis", "report_crisis"]

ALL_CRISIS_PERMISSIONS = sorted(
    {perm for perms in CRISIS_ROLE_PERMISSIONS.values() for perm in perms}
    | set(POST_STAFF_CRISIS_PERMISSIONS)
)

# Model-level permissions of DCC staff (StaffProfile.is_dcc), through the "DCC" group.
DCC_GROUP_NAME = "DCC"
DCC_GLOBAL_PERMISSIONS = [
    "crisisportal.add_crisis",
    "crisisportal.view_post",
    "crisisportal.add_post",
    "crisisportal.change_post",
    "crisisportal.monitor_deliveries",
    # Registration (issue 5): the person register, registrations of nationals abroad, the
    # local staff register, travel advice and broadcasts. Post staff see their own post's
    # part of it through registration.permissions.
    "registration.view_person",
    "registration.add_person",
    "registration.change_person",
    "registration.merge_person",
    "registration.view_nationalregistration",
    "registration.view_localstaffemployment",
    "registration.add_localstaffemployment",
    "registration.change_localstaffemployment",
    "registration.add_traveladvice",
    "registration.view_broadcast",
    "registration.add_broadcast",
]


@pghistory.track()
class CrisisMembership(models.Model):
    """A staff member's role in one crisis. Object permissions are derived from these rows."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=CrisisRole.choices)
    added_by = staff_link(null=True)
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
