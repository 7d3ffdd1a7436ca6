"""API clients: each external system (Defence) is a service user plus an OAuth2 application.

The service user carries what the client may do: its scopes as membership of the groups
`api-scope:read` / `api-scope:write`, and the crises it may see as guardian object
permissions `view_crisis`. Tokens are issued by the client credentials grant only.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm
from oauth2_provider.generators import generate_client_id, generate_client_secret
from oauth2_provider.models import Application
from oauth2_provider.scopes import SettingsScopes

from crisisportal.models import Crisis
from crisisportal.services.audit import audit_context

API_SCOPES = ("read", "write")
SCOPE_GROUP_PREFIX = "api-scope:"
SERVICE_USER_PREFIX = "api-client:"


def client_scopes(application: Any) -> list[str]:
    """The scopes an application may ask for: those of its service user's scope groups."""
    if application is None or application.user_id is None:
        return []
    names = application.user.groups.filter(name__startswith=SCOPE_GROUP_PREFIX).values_list(
        "name", flat=True
    )
    return sorted(name.removeprefix(SCOPE_GROUP_PREFIX) for name in names)


class ClientScopes(SettingsScopes):
    """A token gets only the scopes granted to its client (all of them if none are asked)."""

    def get_available_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        return client_scopes(application)

    def get_default_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        return client_scopes(application)


def api_client_label(application: Application) -> str:
    """How the client is named in the audit: stable id plus the human name."""
    return f"{application.client_id} ({application.name})"[:200]


@transaction.atomic
def api_client_create(
    *,
    actor: User | None,
    name: str,
    scopes: Iterable[str],
    crises: Iterable[Crisis] = (),
) -> tuple[Application, str]:
    """Create a confidential client-credentials client; returns it and its secret.

    The secret is only known here: it is stored hashed.
    """
    scopes = sorted(set(scopes))
    errors = {}
    if not name.strip():
        errors["name"] = "Give the client a name."
    unknown = [scope for scope in scopes if scope not in API_SCOPES]
    if unknown or not scopes:
        errors["scopes"] = f"Choose one or more of: {', '.join(API_SCOPES)}."
    if errors:
        raise ValidationError(errors)

    client_id = generate_client_id()
    client_secret = generate_client_secret()
    with audit_context(actor, api_client=client_id):
        user = get_user_model().objects.create_user(
            username=f"{SERVICE_USER_PREFIX}{client_id}"[:150],
            first_name=name.strip()[:150],
            last_name="(API client)",
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        for scope in scopes:
            group, _created = Group.objects.get_or_create(name=f"{SCOPE_GROUP_PREFIX}{scope}")
            user.groups.add(group)
        application = Application.objects.create(
            name=name.strip(),
            user=user,
            client_id=client_id,
            client_secret=client_secret,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        )
        for crisis in crises:
            api_client_grant_crisis(actor=actor, application=application, crisis=crisis)
    return application, client_secret


def api_client_grant_crisis(
    *, actor: User | None, application: Application, crisis: Crisis
) -> None:
    """Let the client see the crisis and everything in it (cases, flights, persons there)."""
    with audit_context(actor, api_client=application.client_id):
        assign_perm("crisisportal.view_crisis", application.user, crisis)


def api_client_revoke_crisis(
    *, actor: User | None, application: Application, crisis: Crisis
) -> None:
    with audit_context(actor, api_client=application.client_id):
        remove_perm("crisisportal.view_crisis", application.user, crisis)
