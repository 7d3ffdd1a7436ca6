from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from crisisportal.auth import has_second_factor

# Paths a signed-in user without a second factor may still reach: to set one up or leave.
SECOND_FACTOR_SETUP_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz", "/api/", "/oauth/")
# Public pages for people without an account (nationals abroad registering their stay): a
# signed-in staff member opening them is not sent to set up a second factor either. Exact
# paths and "<path>/" prefixes, so "/register" does not also exempt the staff "/registration".
PUBLIC_PATHS = ("/register",)


def is_public_path(path: str) -> bool:
    return any(path == public or path.startswith(public + "/") for public in PUBLIC_PATHS)


class SecondFactorRequiredMiddleware:
    """Staff must have a second factor before they see anything. Demo accounts are exempt
    only while the portal runs in demo mode (make run), never in production."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(SECOND_FACTOR_SETUP_PREFIXES)
            and not is_public_path(request.path)
            and not request.session.get("second_factor_checked")
        ):
            profile = getattr(user, "staff_profile", None)
            demo_exempt = settings.DEMO_MODE and profile is not None and profile.demo_account
            if not demo_exempt and not has_second_factor(user):
                return redirect(reverse("mfa_activate_totp"))
            request.session["second_factor_checked"] = True
        return self.get_response(request)


class NoStoreForStaffPagesMiddleware:
    """Pages for signed-in staff may show personal data: no shared or browser caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response
