"""The entry page of the registration part of the portal: what this user may open."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from crisisportal.typing import AuthenticatedRequest
from registration.permissions import (
    can_create_persons,
    can_import_local_staff,
    can_merge_persons,
    is_registration_staff,
    staff_posts,
)


@login_required
def registration_index(request: AuthenticatedRequest) -> HttpResponse:
    if not is_registration_staff(request.user):
        raise Http404
    return render(
        request,
        "registration/index.html",
        {
            "posts": staff_posts(request.user),
            "can_create_persons": can_create_persons(request.user),
            "can_merge": can_merge_persons(request.user),
            "can_import": can_import_local_staff(request.user),
        },
    )
