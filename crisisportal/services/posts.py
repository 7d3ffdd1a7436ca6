"""Posts and their staff."""

from typing import Any

from django.contrib.auth.models import Group, User
from django.db import transaction
from guardian.shortcuts import assign_perm

from crisisportal.models import Post, PostMembership
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_save

POST_FIELDS = ("name", "kind", "country", "city", "evacuation_plan_level", "email")


@transaction.atomic
def post_create(*, actor: User | None, **fields: Any) -> Post:
    """A post gets its own staff group, which holds the post's object permissions."""
    with audit_context(actor):
        group = Group.objects.create(name=f"post:{fields['name']}")
        post = Post(staff_group=group, **{k: v for k, v in fields.items() if k in POST_FIELDS})
        record_save(post)
        assign_perm("crisisportal.view_post", group, post)
        return post


@transaction.atomic
def post_update(*, actor: User, post: Post, **fields: Any) -> Post:
    with audit_context(actor):
        changed = [
            name for name in POST_FIELDS if name in fields and getattr(post, name) != fields[name]
        ]
        for name in changed:
            setattr(post, name, fields[name])
        if changed:
            post.full_clean()
            post.save(update_fields=[*changed, "updated_at"])
            if "name" in changed:
                Group.objects.filter(pk=post.staff_group_id).update(name=f"post:{post.name}")
        return post


@transaction.atomic
def post_staff_add(*, actor: User | None, post: Post, user: User) -> PostMembership:
    with audit_context(actor):
        membership, _ = PostMembership.objects.get_or_create(post=post, user=user)
        user.groups.add(post.staff_group)
        return membership


@transaction.atomic
def post_staff_remove(*, actor: User, post: Post, user: User) -> None:
    with audit_context(actor):
        PostMembership.objects.filter(post=post, user=user).delete()
        user.groups.remove(post.staff_group)
