"""The one access helper: every view and endpoint fetches objects through these functions.

Forbidden and missing are the same answer (Http404), so nobody can learn that a crisis,
post or record exists by probing identifiers. Object permissions come from
django-guardian; a global (model-level) permission covers every object of the model.
"""

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from crisisportal.models import Crisis, Post

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
