from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crisisportal.models import CrisisPhase
from crisisportal.permissions import crises_for_user
from crisisportal.selectors import crises as crisis_selectors
from crisisportal.selectors import notifications as notification_selectors
from crisisportal.typing import AuthenticatedRequest


def root(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("crisisportal:home")
    return redirect("account_login")


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    crises = crisis_selectors.crisis_list(
        crises_for_user(request.user).exclude(phase=CrisisPhase.CLOSED)
    )
    latest = notification_selectors.inbox(request.user, unread_only=True)[:5]
    return render(
        request,
        "crisisportal/home.html",
        {
            "crises": crises,
            "latest_notifications": latest,
            "can_open_crisis": request.user.has_perm("crisisportal.add_crisis"),
        },
    )
