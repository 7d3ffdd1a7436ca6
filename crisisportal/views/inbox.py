from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.models import DeliveryStatus, Notification
from crisisportal.selectors import notifications as notification_selectors
from crisisportal.services.notifications import (
    notification_mark_read,
    notification_retry,
    notifications_mark_all_read,
)
from crisisportal.typing import AuthenticatedRequest

PAGE_SIZE = 50


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(
        notification_selectors.inbox(request.user, unread_only=unread_only), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "crisisportal/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def notification_open(request: AuthenticatedRequest, notification_id: str) -> HttpResponse:
    notification = Notification.objects.filter(pk=notification_id, recipient=request.user).first()
    if notification is None:
        raise Http404
    notification_mark_read(actor=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("crisisportal:inbox")


@login_required
@require_POST
def inbox_mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    count = notifications_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("crisisportal:inbox")


@login_required
def deliveries(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("crisisportal.monitor_deliveries"):
        raise Http404
    status = request.GET.get("status") or None
    if status not in DeliveryStatus.values:
        status = None
    page = Paginator(notification_selectors.deliveries(status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "crisisportal/deliveries.html",
        {
            "page": page,
            "status": status,
            "counts": notification_selectors.delivery_counts(),
            "statuses": [s for s in DeliveryStatus if s != DeliveryStatus.NOT_APPLICABLE],
        },
    )


@login_required
@require_POST
def delivery_retry(request: AuthenticatedRequest, notification_id: str) -> HttpResponse:
    if not request.user.has_perm("crisisportal.monitor_deliveries"):
        raise Http404
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    if notification_retry(actor=request.user, notification=notification):
        messages.success(request, _("The delivery has been queued again."))
    else:
        messages.warning(request, _("Only failed deliveries can be retried."))
    return redirect("crisisportal:deliveries")
