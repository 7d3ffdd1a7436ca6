"""Staff accounts and the flexible-shell pool, managed by DCC staff."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.forms.staff import StaffAccountForm, StaffProfileForm
from crisisportal.models import StaffProfile
from crisisportal.selectors import crises as crisis_selectors
from crisisportal.services.audit import personal_data_viewed
from crisisportal.services.roles import staff_account_create, staff_profile_set
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action

# Managing staff is a DCC task: the same global permission that lets them manage posts.
STAFF_PERMISSION = "crisisportal.change_post"


def _require_dcc(request: AuthenticatedRequest) -> None:
    if not request.user.has_perm(STAFF_PERMISSION):
        raise Http404


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_dcc(request)
    pool = request.GET.get("pool") == "flexible-shell"
    page = Paginator(crisis_selectors.staff_profiles(flexible_shell_only=pool), 50).get_page(
        request.GET.get("page")
    )
    personal_data_viewed(
        actor=request.user, view_name="crisisportal:staff-list", objects=[p.user for p in page]
    )
    return render(request, "crisisportal/staff_list.html", {"page": page, "pool": pool})


@login_required
def staff_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_dcc(request)
    form = StaffAccountForm(request.POST or None)
    return form_action(
        request,
        form,
        partial(staff_account_create, actor=request.user),
        success=_(
            "The account has been created. The new colleague sets a password with “Forgot your password?” and then adds a second factor."
        ),
        done=lambda _user: redirect("crisisportal:staff-list"),
    ) or render(request, "crisisportal/staff_form.html", {"form": form})


@login_required
def staff_edit(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    _require_dcc(request)
    profile = StaffProfile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None:
        raise Http404
    initial = {
        "organisation": profile.organisation,
        "language": profile.language,
        "is_dcc": profile.is_dcc,
        "in_flexible_shell": profile.in_flexible_shell,
    }
    form = StaffProfileForm(request.POST or None, initial=initial)
    return form_action(
        request,
        form,
        partial(
            staff_profile_set,
            actor=request.user,
            user=profile.user,
            demo_account=profile.demo_account,
        ),
        success=_("The staff profile has been saved."),
        done=lambda _profile: redirect("crisisportal:staff-list"),
    ) or render(request, "crisisportal/staff_form.html", {"form": form, "profile": profile})
