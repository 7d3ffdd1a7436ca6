"""Queueing Celery tasks from services.

Services name a task instead of importing its module: task modules import services (a task
loads by id and calls one service), so a service importing a task module would make an
import cycle. The task is published once the surrounding transaction commits, so a worker
never sees a row that is not there yet; a dead broker only delays the work, because every
queued job also has a durable row that beat re-publishes.
"""

import logging
from collections.abc import Iterable
from typing import Any

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def task_publish(task_name: str, *args: Any, **options: Any) -> bool:
    """Publish task_name now; False (and a warning) when the broker cannot be reached."""
    if task_name not in current_app.tasks:
        # Task modules are imported lazily (autodiscovery); a name still unknown is a bug.
        current_app.loader.import_default_modules()
        if task_name not in current_app.tasks:
            raise LookupError(f"No Celery task named {task_name!r}")
    try:
        # Through the registered task (not send_task): it honours the task's ignore_result, so
        # publishing never waits on the result backend when Redis is down.
        current_app.tasks[task_name].apply_async(args=tuple(_plain(arg) for arg in args), **options)
    except Exception:  # broker down: the durable row stays pending and beat re-publishes it
        logger.warning("Could not publish %s; it will be retried.", task_name)
        return False
    return True


def task_enqueue_on_commit(task_name: str, *args: Any, **options: Any) -> None:
    """Publish task_name with args after the current transaction commits."""
    transaction.on_commit(lambda: task_publish(task_name, *args, **options))


def tasks_publish(task_name: str, arg_lists: Iterable[Iterable[Any]]) -> bool:
    """Publish one task_name per argument list now; stop at the first broker error (the
    rest would fail alike, and their durable rows are picked up again later)."""
    return all(task_publish(task_name, *args) for args in arg_lists)


def tasks_enqueue_on_commit(task_name: str, arg_lists: Iterable[Iterable[Any]]) -> None:
    """Publish one task_name per argument list after commit; stop at the first broker error."""
    arg_lists = [list(args) for args in arg_lists]
    transaction.on_commit(lambda: tasks_publish(task_name, arg_lists))


def _plain(value: Any) -> Any:
    # Ids travel as strings (UUIDs are not JSON); other JSON values pass as they are.
    return (
        value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else str(value)
    )
