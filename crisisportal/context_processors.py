from typing import Any

from django.http import HttpRequest

from crisisportal.models import Notification


def portal(request: HttpRequest) -> dict[str, Any]:
    """Header data: the unread inbox count (one indexed query) and the nav permissions."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count(),
        "can_monitor_deliveries": user.has_perm("crisisportal.monitor_deliveries"),
    }
