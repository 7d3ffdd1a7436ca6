"""Which object permissions each role carries. Memberships are the source of truth;
guardian permissions are derived from them by services.roles.crisis_permissions_sync."""

from crisisportal.models import CrisisRole

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
    # part of it through registration.access.
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
