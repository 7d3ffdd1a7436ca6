from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.forms.posts import PostForm, PostStaffForm
from crisisportal.models import Post
from crisisportal.permissions import access_post, has_object_permission, posts_for_user
from crisisportal.selectors import posts as post_selectors
from crisisportal.services.audit import personal_data_viewed
from crisisportal.services.posts import post_create, post_staff_add, post_staff_remove, post_update
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action


@login_required
def post_list(request: AuthenticatedRequest) -> HttpResponse:
    posts = post_selectors.post_list(posts_for_user(request.user))
    return render(
        request,
        "crisisportal/post_list.html",
        {"posts": posts, "can_add": request.user.has_perm("crisisportal.add_post")},
    )


@login_required
def post_create_view(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("crisisportal.add_post"):
        raise Http404
    form = PostForm(request.POST or None)
    return form_action(
        request,
        form,
        partial(post_create, actor=request.user),
        success=_("The post has been added."),
        done=_to_post,
    ) or render(request, "crisisportal/post_form.html", {"form": form})


def _to_post(post: Post) -> HttpResponse:
    return redirect("crisisportal:post-detail", post_id=post.pk)


@login_required
def post_detail(request: AuthenticatedRequest, post_id: str) -> HttpResponse:
    post = access_post(request.user, post_id)
    can_change = has_object_permission(request.user, "crisisportal.change_post", post)
    form = PostStaffForm(request.POST or None)
    if request.method == "POST" and not can_change:
        raise Http404
    if response := form_action(
        request,
        form,
        partial(post_staff_add, actor=request.user, post=post),
        success=_("The staff member has been added to the post."),
        done=lambda _membership: _to_post(post),
    ):
        return response
    staff = post_selectors.post_staff(post)
    personal_data_viewed(
        actor=request.user, view_name="crisisportal:post-detail", objects=[m.user for m in staff]
    )
    return render(
        request,
        "crisisportal/post_detail.html",
        {
            "post": post,
            "staff": staff,
            "can_change": can_change,
            "form": form,
            "crises": post.crises.all(),
            # Post staff reach their post's registrations and local staff from here.
            "works_here": any(m.user_id == request.user.pk for m in staff),
        },
    )


@login_required
def post_edit(request: AuthenticatedRequest, post_id: str) -> HttpResponse:
    post = access_post(request.user, post_id, "change_post")
    form = PostForm(request.POST or None, instance=post)
    return form_action(
        request,
        form,
        partial(post_update, actor=request.user, post=post),
        success=_("The post has been updated."),
        done=lambda _post: _to_post(post),
    ) or render(request, "crisisportal/post_form.html", {"form": form, "post": post})


@login_required
@require_POST
def post_staff_delete(
    request: AuthenticatedRequest, post_id: str, membership_id: int
) -> HttpResponse:
    post = access_post(request.user, post_id, "change_post")
    membership = post.memberships.filter(pk=membership_id).select_related("user").first()
    if membership is None:
        raise Http404
    post_staff_remove(actor=request.user, post=post, user=membership.user)
    messages.success(request, _("The staff member has been removed from the post."))
    return redirect("crisisportal:post-detail", post_id=post.pk)
