"""Call teams of a crisis: the coordinator forms them from the crisis's call-team members;
cases and help requests are assigned to a team or to one of its members."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisisportal.models import Crisis, CrisisMembership, CrisisRole
from crisisportal.services.audit import audit_context
from evacuation.models.requests import HelpRequest
from evacuation.models.teams import CallTeam, CallTeamMember


@transaction.atomic
def call_team_create(*, actor: User, crisis: Crisis, name: str) -> CallTeam:
    """A new team; names are unique within the crisis."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the team a name.")})
    with audit_context(actor):
        try:
            with transaction.atomic():
                return CallTeam.objects.create(crisis=crisis, name=name)
        except IntegrityError as duplicate:
            raise ValidationError(
                {"name": _("This crisis already has a team with this name.")}
            ) from duplicate


@transaction.atomic
def call_team_member_add(*, actor: User, team: CallTeam, user: User) -> CallTeamMember:
    """Put a call-team member of the crisis in the team (moving them from another team)."""
    if not CrisisMembership.objects.filter(
        crisis_id=team.crisis_id, user=user, role=CrisisRole.CALL_TEAM, user__is_active=True
    ).exists():
        raise ValidationError({"user": _("Only call-team members of the crisis join a team.")})
    with audit_context(actor):
        member, _created = CallTeamMember.objects.update_or_create(
            crisis_id=team.crisis_id, user=user, defaults={"team": team}
        )
        return member


@transaction.atomic
def call_team_member_remove(*, actor: User, team: CallTeam, user_id: Any) -> None:
    with audit_context(actor):
        CallTeamMember.objects.filter(team=team, user_id=user_id).delete()


def team_of(user: Any, crisis: Crisis) -> CallTeam | None:
    member = (
        CallTeamMember.objects.filter(crisis=crisis, user_id=user.pk).select_related("team").first()
    )
    return member.team if member else None


@transaction.atomic
def help_requests_assign(
    *, actor: User, crisis: Crisis, request_ids: Iterable[Any], team: CallTeam | None
) -> int:
    """Assign help requests to a team (or back to everyone's queue). One UPDATE."""
    if team is not None and team.crisis_id != crisis.pk:
        raise ValidationError({"team": _("Choose a team of this crisis.")})
    with audit_context(actor):
        return HelpRequest.objects.filter(crisis=crisis, pk__in=list(request_ids)).update(
            team=team, updated_at=timezone.now()
        )
