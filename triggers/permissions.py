"""Who may see and change a trigger document, built on crisisportal.permissions.

- Staff of one of the document's posts see it and contribute to it.
- Crisis members who work the crisis (coordinator, DCC, flexible shell) see and edit the
  documents of that crisis; other crisis members (read-only partners, call teams) only read.
- DCC staff see and edit peace-time documents (no crisis yet).
- Everyone else gets a 404, the same answer as for a document that does not exist.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from crisisportal.identifiers import uuid_or_nil
from crisisportal.models import Crisis, CrisisMembership, PostMembership
from crisisportal.permissions import AnyUser, crises_for_user, has_object_permission
from triggers.models import TriggerDocument

DCC_MARKER_PERMISSION = "crisisportal.add_crisis"


@dataclass(frozen=True)
class DocumentAccess:
    document: TriggerDocument
    can_edit: bool


def _user_post_ids(user: AnyUser) -> set[Any]:
    memberships = PostMembership.objects.filter(user_id=user.pk)  # type: ignore[misc]
    return set(memberships.values_list("post_id", flat=True))


def document_rights(user: AnyUser, document: TriggerDocument) -> tuple[bool, bool]:
    """(can_view, can_edit) of user on document."""
    if not user.is_authenticated or not user.is_active:
        return False, False
    document_posts = {post.pk for post in document.posts.all()}
    if document_posts & _user_post_ids(user):
        return True, True
    if document.crisis_id is None:
        is_dcc = user.has_perm(DCC_MARKER_PERMISSION)
        return is_dcc, is_dcc
    crisis = document.crisis
    assert crisis is not None
    if has_object_permission(user, "crisisportal.work_crisis", crisis):
        return True, True
    member = CrisisMembership.objects.filter(crisis=crisis, user_id=user.pk).exists()
    return member and has_object_permission(user, "crisisportal.view_crisis", crisis), False


def access_document(user: AnyUser, document_id: Any, *, write: bool = False) -> DocumentAccess:
    """The document if user may see it (and change it when write), else Http404."""
    try:
        document = (
            TriggerDocument.objects.select_related("crisis")
            .prefetch_related("posts")
            .get(pk=uuid_or_nil(document_id))
        )
    except TriggerDocument.DoesNotExist as missing:  # a malformed id is missing too
        raise Http404 from missing
    can_view, can_edit = document_rights(user, document)
    if not can_view or (write and not can_edit):
        raise Http404
    return DocumentAccess(document=document, can_edit=can_edit)


def documents_for_user(user: AnyUser) -> "QuerySet[TriggerDocument]":
    """Every trigger document user may see (one query, usable as a subquery)."""
    if not user.is_authenticated or not user.is_active:
        return TriggerDocument.objects.none()
    own_posts = Q(posts__memberships__user_id=user.pk)
    work_crises = crises_for_user(user, "work_crisis")
    member_crises = Crisis.objects.filter(
        pk__in=crises_for_user(user, "view_crisis").values("pk"),
        memberships__user_id=user.pk,
    )
    visible = (
        own_posts
        | Q(crisis__in=work_crises.values("pk"))
        | Q(crisis__in=member_crises.values("pk"))
    )
    if user.has_perm(DCC_MARKER_PERMISSION):
        visible |= Q(crisis__isnull=True)
    return TriggerDocument.objects.filter(
        pk__in=TriggerDocument.objects.filter(visible).values("pk")
    )


def can_create_document(user: AnyUser) -> bool:
    """DCC staff and post staff may start a trigger document."""
    if not user.is_authenticated:
        return False
    return user.has_perm(DCC_MARKER_PERMISSION) or bool(_user_post_ids(user))
