"""Who takes part in a document's reviews, and whom its alerts reach."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from crisisportal.models import (
    Crisis,
    CrisisMembership,
    CrisisRole,
)
from triggers.models import (
    ParticipantKind,
    TriggerDocument,
)

# Crisis roles invited to weekly reviews by default; read-only partners may be chosen too.
DCC_ROLES = [CrisisRole.COORDINATOR, CrisisRole.DCC_MEMBER, CrisisRole.FLEXIBLE_SHELL]


PARTICIPANT_ROLES = [*DCC_ROLES, CrisisRole.PARTNER]


def participant_candidates(document: TriggerDocument) -> "QuerySet[User]":
    """Staff who can be invited to the document's reviews: DCC staff and read-only partners of
    its crisis, and whoever is invited already."""
    people = Q(pk__in=document.participants.filter(kind=ParticipantKind.USER).values("user_id"))
    if document.crisis_id is not None:
        people |= Q(
            crisis_memberships__crisis_id=document.crisis_id,
            crisis_memberships__role__in=PARTICIPANT_ROLES,
        )
    users = get_user_model().objects.filter(people, is_active=True)
    return (
        get_user_model()
        .objects.filter(pk__in=users.values("pk"))
        .select_related("staff_profile")
        .order_by("last_name", "first_name", "email")
    )


def document_participants(document: TriggerDocument) -> list[Any]:
    return list(document.participants.select_related("user", "post").order_by("kind", "id"))


def crisis_coordinators(crisis: Crisis | None) -> list[User]:
    if crisis is None:
        return []
    return [
        m.user
        for m in CrisisMembership.objects.filter(
            crisis=crisis, role=CrisisRole.COORDINATOR
        ).select_related("user")
    ]


def measure_contact_candidates(document: TriggerDocument) -> "QuerySet[User]":
    """Who can be a measure's contact person: staff of the document's posts and members of its
    crisis."""
    people = Q(post_memberships__post__in=document.posts.all())
    if document.crisis_id:
        people |= Q(crisis_memberships__crisis_id=document.crisis_id)
    return get_user_model().objects.filter(people, is_active=True).distinct().order_by("email")
