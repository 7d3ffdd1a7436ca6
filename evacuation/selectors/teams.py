"""Reads of call teams."""

from typing import Any

from django.db.models import Count

from crisisportal.identifiers import uuid_or_nil
from crisisportal.models import Crisis
from evacuation.models import CallTeam


def call_teams_with_members(crisis: Crisis) -> list[CallTeam]:
    """The crisis's teams with their members and the number of cases of each."""
    return list(
        crisis.call_teams.prefetch_related("members__user").annotate(
            case_count=Count("cases", distinct=True)
        )
    )


def call_team_of_crisis(crisis: Crisis, team_id: Any) -> CallTeam | None:
    return CallTeam.objects.filter(crisis=crisis, pk=uuid_or_nil(team_id)).first()
