"""Factories of the core; apps add their own in tests/<app>/factories.py."""

from typing import Any

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model

from crisisportal.models import CrisisKind, Post, PostKind
from crisisportal.services.crises import crisis_open
from crisisportal.services.posts import post_create
from crisisportal.services.roles import staff_profile_set

PASSWORD = "correct horse battery staple"


def make_staff(
    email: str,
    *,
    is_dcc: bool = False,
    in_flexible_shell: bool = False,
    organisation: str = "bz",
    with_totp: bool = True,
    first_name: str = "",
    last_name: str = "",
) -> Any:
    """A staff account with a profile and (by default) an activated TOTP second factor."""
    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password=PASSWORD,
        first_name=first_name or email.split("@")[0].title(),
        last_name=last_name or "Tester",
    )
    staff_profile_set(
        actor=None,
        user=user,
        is_dcc=is_dcc,
        in_flexible_shell=in_flexible_shell,
        organisation=organisation,
    )
    if with_totp:
        # Kept on the object so browser tests can compute a current code.
        user.totp_secret = generate_totp_secret()  # type: ignore[attr-defined]
        TOTP.activate(user, user.totp_secret)  # type: ignore[attr-defined]
    return user


class PostFactory(factory.Factory):
    class Meta:
        model = Post

    name = factory.Sequence(lambda n: f"Embassy {n}")
    kind = PostKind.EMBASSY
    country = "SD"
    city = factory.Sequence(lambda n: f"City {n}")

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Post:
        return post_create(actor=None, **kwargs)


def make_crisis(*, coordinator: Any, posts: list[Post] | None = None, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "title": "Unrest in the capital",
        "kind": CrisisKind.POLITICAL_VIOLENCE,
        "countries": ["SD"],
        "posts": posts or [],
        "rationale": "Embassy reports fighting.",
        "decided_by": "Head of DCC",
    }
    fields.update(overrides)
    return crisis_open(actor=coordinator, **fields)
