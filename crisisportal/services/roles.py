"""Crisis roles. A membership row is the truth; guardian permissions are derived from it."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from crisisportal.models import Crisis, CrisisMembership, CrisisRole, StaffProfile
from crisisportal.models.roles import (
    ALL_CRISIS_PERMISSIONS,
    CRISIS_ROLE_PERMISSIONS,
    DCC_GLOBAL_PERMISSIONS,
    DCC_GROUP_NAME,
    POST_STAFF_CRISIS_PERMISSIONS,
)
from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send


def _sync_user(crisis: Crisis, user: User, role: str | None) -> None:
    wanted = set(CRISIS_ROLE_PERMISSIONS.get(role, [])) if role else set()
    for perm in ALL_CRISIS_PERMISSIONS:
        if perm in wanted:
            assign_perm(f"crisisportal.{perm}", user, crisis)
        else:
            remove_perm(f"crisisportal.{perm}", user, crisis)


def crisis_post_permissions_sync(crisis: Crisis) -> None:
    """Staff groups of affected posts hold the post permissions on the crisis; others none."""
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission

    affected = set(crisis.posts.values_list("staff_group_id", flat=True))
    holding = set(
        GroupObjectPermission.objects.filter(
            content_type=ContentType.objects.get_for_model(Crisis),
            object_pk=str(crisis.pk),
            permission__codename__in=POST_STAFF_CRISIS_PERMISSIONS,
        ).values_list("group_id", flat=True)
    )
    for group in Group.objects.filter(pk__in=affected - holding):
        for perm in POST_STAFF_CRISIS_PERMISSIONS:
            assign_perm(f"crisisportal.{perm}", group, crisis)
    for group in Group.objects.filter(pk__in=holding - affected):
        for perm in POST_STAFF_CRISIS_PERMISSIONS:
            remove_perm(f"crisisportal.{perm}", group, crisis)


@transaction.atomic
def crisis_member_set(
    *,
    actor: User | None,
    crisis: Crisis,
    user: User,
    role: str,
    escalation_order: int | None = None,
) -> CrisisMembership:
    """Give user a role in the crisis (or change it). Flexible-shell roles need a pool member.

    escalation_order is the member's place on the crisis's escalation list (1 is alerted
    first when a high-urgency alert goes unacknowledged; None: not on the list). Only roles
    that can acknowledge an alert (who work the crisis) can be on it.
    """
    if role not in CrisisRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    profile = StaffProfile.objects.filter(user=user).first()
    if role == CrisisRole.FLEXIBLE_SHELL and not (profile and profile.in_flexible_shell):
        raise ValidationError(
            {"user": _("Only members of the flexible shell can be called in as such.")}
        )
    if role in (CrisisRole.COORDINATOR, CrisisRole.DCC_MEMBER) and not (profile and profile.is_dcc):
        raise ValidationError({"user": _("Only DCC staff can be coordinator or DCC member.")})
    if escalation_order is not None and "work_crisis" not in CRISIS_ROLE_PERMISSIONS[role]:
        raise ValidationError(
            {
                "escalation_order": _(
                    "Only members who can acknowledge alerts (DCC staff of the crisis) can be "
                    "on the escalation list."
                )
            }
        )
    with audit_context(actor):
        membership, created = CrisisMembership.objects.select_for_update().get_or_create(
            crisis=crisis,
            user=user,
            defaults={"role": role, "added_by": actor, "escalation_order": escalation_order},
        )
        changed = [
            name
            for name, value in (("role", role), ("escalation_order", escalation_order))
            if getattr(membership, name) != value
        ]
        if not created and changed:
            membership.role = role
            membership.escalation_order = escalation_order
            membership.save(update_fields=changed)
        _sync_user(crisis, user, role)
        return membership


@transaction.atomic
def crisis_member_remove(*, actor: User, crisis: Crisis, user: User) -> None:
    membership = (
        CrisisMembership.objects.select_for_update().filter(crisis=crisis, user=user).first()
    )
    if membership is None:
        return
    if membership.role == CrisisRole.COORDINATOR:
        others = CrisisMembership.objects.filter(
            crisis=crisis, role=CrisisRole.COORDINATOR
        ).exclude(pk=membership.pk)
        if not others.exists():
            raise ValidationError(_("A crisis must keep at least one coordinator."))
    with audit_context(actor):
        membership.delete()
        _sync_user(crisis, user, None)


@transaction.atomic
def flexible_shell_call_in(
    *, actor: User, crisis: Crisis, users: Iterable[User]
) -> list[CrisisMembership]:
    """The coordinator calls trained flexible-shell staff into the crisis; each is notified."""
    memberships = [
        crisis_member_set(actor=actor, crisis=crisis, user=user, role=CrisisRole.FLEXIBLE_SHELL)
        for user in users
    ]
    notification_send(
        recipients=[m.user for m in memberships],
        kind="flexible_shell_called_in",
        context={"crisis": crisis, "actor": actor},
        url=reverse("crisisportal:crisis-detail", args=[crisis.pk]),
        crisis=crisis,
    )
    return memberships


def dcc_group() -> Group:
    group, created = Group.objects.get_or_create(name=DCC_GROUP_NAME)
    if created or group.permissions.count() != len(DCC_GLOBAL_PERMISSIONS):
        perms = []
        for dotted in DCC_GLOBAL_PERMISSIONS:
            app_label, codename = dotted.split(".")
            perms.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(perms)
    return group


@transaction.atomic
def staff_profile_set(
    *,
    actor: User | None,
    user: User,
    is_dcc: bool = False,
    in_flexible_shell: bool = False,
    organisation: str = "bz",
    language: str = "nl",
    demo_account: bool = False,
) -> StaffProfile:
    """Create or update a staff profile; DCC staff join the DCC group (global permissions)."""
    with audit_context(actor):
        profile, _created = StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "is_dcc": is_dcc,
                "in_flexible_shell": in_flexible_shell,
                "organisation": organisation,
                "language": language,
                "demo_account": demo_account,
            },
        )
        group = dcc_group()
        if is_dcc:
            user.groups.add(group)
        else:
            user.groups.remove(group)
        return profile


@transaction.atomic
def staff_account_create(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    organisation: str,
    is_dcc: bool = False,
    in_flexible_shell: bool = False,
    language: str = "nl",
) -> User:
    """Create a staff account without a usable password: the new colleague sets one through
    the password-reset link and must then add a second factor before seeing anything."""
    from django.contrib.auth import get_user_model

    email = get_user_model().objects.normalize_email(email).lower()
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email address already exists.")})
    with audit_context(actor):
        user = get_user_model().objects.create_user(
            username=email, email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        staff_profile_set(
            actor=actor,
            user=user,
            is_dcc=is_dcc,
            in_flexible_shell=in_flexible_shell,
            organisation=organisation,
            language=language,
        )
        return user
