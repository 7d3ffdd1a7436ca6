"""Reads of posts and their staff."""

from django.db.models import Count, QuerySet

from crisisportal.models import (
    Post,
    PostMembership,
)


def post_list(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.annotate(staff_count=Count("memberships", distinct=True)).order_by("name")


def post_staff(post: Post) -> list[PostMembership]:
    return list(post.memberships.select_related("user").order_by("user__email"))
