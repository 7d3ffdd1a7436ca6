"""Authentication glue: allauth without sign-up, axes keyed on the login name."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by the DCC; nobody signs themselves up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """Lock out per login name as typed (allauth passes it as email or username)."""
    credentials = credentials or {}
    name = credentials.get("email") or credentials.get("username") or request.POST.get("login")
    return name.strip().lower() if isinstance(name, str) else None


def has_second_factor(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
