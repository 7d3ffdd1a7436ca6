"""The one access helper: every view and endpoint fetches objects through these functions.

Forbidden and missing are the same answer (Http404), so nobody can learn that a crisis,
post or record exists by probing identifiers. Object permissions come from
django-guardian; a global (model-level) permission covers every object of the model.

The crisis picture (sitreps, alerts, meetings, decisions): the crisis is fetched first
(Http404 if not visible), then the record is looked up inside that crisis. Rules:
- view_picture_crisis (coordinator, DCC, flexible shell, read-only partners) reads every
  submitted sitrep, every meeting and the decision log;
- post staff (report_crisis through their post's group) file and read their own post's
  sitreps, and read a meeting only when their post takes part in it;
- work_crisis writes meetings, decisions and acknowledgements.
"""

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from crisisportal.models import Crisis, Meeting, Post, Sitrep, SitrepAlert, SitrepStatus

ModelT = TypeVar("ModelT", bound=models.Model)
AnyUser = User | AnonymousUser


def has_object_permission(user: AnyUser, permission: str, obj: models.Model) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(permission) or user.has_perm(permission, obj)


def access_object(
    user: AnyUser, queryset: "models.QuerySet[ModelT]", permission: str, **lookup: Any
) -> ModelT:
    """Return the object matching lookup if user holds permission on it, else Http404."""
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing
    if not has_object_permission(user, permission, obj):
        raise Http404
    return obj


def scoped_object_or_404(queryset: "models.QuerySet[ModelT]", **lookup: Any) -> ModelT:
    """The object matching lookup in a queryset already scoped to what the user may see,
    else Http404 (a malformed id too, so it answers like a missing one)."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def objects_for_user(
    user: AnyUser, queryset: "models.QuerySet[ModelT]", permission: str
) -> "models.QuerySet[ModelT]":
    """The objects of queryset on which user holds permission (directly, via a group or globally)."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    return get_objects_for_user(user, permission, klass=queryset, accept_global_perms=True)


def access_crisis(user: AnyUser, crisis_id: Any, permission: str = "view_crisis") -> Crisis:
    return access_object(user, Crisis.objects.all(), f"crisisportal.{permission}", pk=crisis_id)


def crises_for_user(user: AnyUser, permission: str = "view_crisis") -> "models.QuerySet[Crisis]":
    return objects_for_user(user, Crisis.objects.all(), f"crisisportal.{permission}")


def access_post(user: AnyUser, post_id: Any, permission: str = "view_post") -> Post:
    return access_object(user, Post.objects.all(), f"crisisportal.{permission}", pk=post_id)


def posts_for_user(user: AnyUser, permission: str = "view_post") -> "models.QuerySet[Post]":
    return objects_for_user(user, Post.objects.all(), f"crisisportal.{permission}")


def crisis_permissions(user: AnyUser, crisis: Crisis) -> set[str]:
    """The short names of the crisis permissions user holds, for templates (one query batch)."""
    if not user.is_authenticated:
        return set()
    from guardian.core import ObjectPermissionChecker

    checker = ObjectPermissionChecker(user)
    granted = set(checker.get_perms(crisis))
    return granted | {
        name.split(".", 1)[1]
        for name in user.get_all_permissions()
        if name.startswith("crisisportal.") and name.endswith("_crisis")
    }


def own_post_ids(user: AnyUser, crisis: Crisis) -> set[Any]:
    """The crisis's affected posts at which user works (only with report_crisis)."""
    if not user.is_authenticated:
        return set()
    return set(crisis.posts.filter(memberships__user=user).values_list("pk", flat=True))


def reportable_posts(user: AnyUser, crisis: Crisis) -> QuerySet[Post]:
    if "report_crisis" not in crisis_permissions(user, crisis):
        return Post.objects.none()
    return crisis.posts.filter(pk__in=own_post_ids(user, crisis)).order_by("name")


def sitreps_visible(
    user: AnyUser, crisis: Crisis, perms: set[str] | None = None
) -> QuerySet[Sitrep]:
    """Submitted sitreps for picture readers; all (incl. drafts) of their own posts for post staff."""
    perms = crisis_permissions(user, crisis) if perms is None else perms
    own = own_post_ids(user, crisis) if "report_crisis" in perms else set()
    condition = Q(post_id__in=own)
    if "view_picture_crisis" in perms:
        condition |= Q(status=SitrepStatus.SUBMITTED)
    if not own and "view_picture_crisis" not in perms:
        return crisis.sitreps.none()
    return crisis.sitreps.filter(condition)


def access_sitrep(user: AnyUser, crisis_id: Any, sitrep_id: Any) -> tuple[Crisis, Sitrep]:
    crisis = access_crisis(user, crisis_id)
    try:
        sitrep = sitreps_visible(user, crisis).select_related("post").get(pk=sitrep_id)
    except (Sitrep.DoesNotExist, ValueError) as missing:
        raise Http404 from missing
    return crisis, sitrep


def access_sitrep_for_filing(
    user: AnyUser, crisis_id: Any, sitrep_id: Any
) -> tuple[Crisis, Sitrep]:
    """Only staff of the sitrep's own post, holding report_crisis, write its sitreps."""
    crisis = access_crisis(user, crisis_id, "report_crisis")
    try:
        sitrep = crisis.sitreps.select_related("post").get(
            pk=sitrep_id, post_id__in=own_post_ids(user, crisis)
        )
    except (Sitrep.DoesNotExist, ValueError) as missing:
        raise Http404 from missing
    return crisis, sitrep


def access_alert(user: AnyUser, crisis_id: Any, alert_id: Any) -> tuple[Crisis, SitrepAlert]:
    crisis = access_crisis(user, crisis_id, "work_crisis")
    try:
        alert = crisis.sitrep_alerts.select_related("sitrep__post").get(pk=alert_id)
    except (SitrepAlert.DoesNotExist, ValueError) as missing:
        raise Http404 from missing
    return crisis, alert


def meetings_visible(
    user: AnyUser, crisis: Crisis, perms: set[str] | None = None
) -> QuerySet[Meeting]:
    perms = crisis_permissions(user, crisis) if perms is None else perms
    if "view_picture_crisis" in perms or "work_crisis" in perms:
        return crisis.meetings.all()
    own = own_post_ids(user, crisis) if "report_crisis" in perms else set()
    if not own:
        return crisis.meetings.none()
    return crisis.meetings.filter(participant_posts__in=own).distinct()


def access_meeting(
    user: AnyUser, crisis_id: Any, meeting_id: Any, *, write: bool = False
) -> tuple[Crisis, Meeting]:
    crisis = access_crisis(user, crisis_id, "work_crisis" if write else "view_crisis")
    try:
        meeting = meetings_visible(user, crisis).get(pk=meeting_id)
    except (Meeting.DoesNotExist, ValueError) as missing:
        raise Http404 from missing
    return crisis, meeting


def access_picture(user: AnyUser, crisis_id: Any, *, write: bool = False) -> Crisis:
    """The decision log and other crisis-wide picture pages."""
    return access_crisis(user, crisis_id, "work_crisis" if write else "view_picture_crisis")
