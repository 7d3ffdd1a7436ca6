from typing import Any

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from crisisportal.celery import app as celery_app


def _database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "ok"}
    except Exception as error:
        return {"status": "error", "detail": type(error).__name__}


def _redis() -> dict[str, Any]:
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL,
            socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
            socket_connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
        )
        client.ping()
        return {"status": "ok"}
    except Exception as error:
        return {"status": "error", "detail": type(error).__name__}


def _workers() -> dict[str, Any]:
    try:
        replies = celery_app.control.ping(timeout=1.0) or []
    except Exception as error:
        return {"status": "error", "detail": type(error).__name__, "workers": 0}
    return {"status": "ok" if replies else "error", "workers": len(replies)}


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and Redis decide the status code; the worker count is reported alongside, so a
    restarting worker does not take the web containers out of the load balancer."""
    checks = {"database": _database(), "redis": _redis()}
    checks["celery"] = (
        _workers() if checks["redis"]["status"] == "ok" else {"status": "error", "workers": 0}
    )
    healthy = checks["database"]["status"] == "ok" and checks["redis"]["status"] == "ok"
    overall = (
        "ok"
        if healthy and checks["celery"]["status"] == "ok"
        else ("degraded" if healthy else "error")
    )
    return JsonResponse({"status": overall, "checks": checks}, status=200 if healthy else 503)
