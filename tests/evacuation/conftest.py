from typing import Any

import pytest

from evacuation.catalogue import catalogue_ensure


@pytest.fixture(autouse=True)
def _group_catalogue(request: Any) -> None:
    """Transactional tests elsewhere flush the tables, the seeded catalogue included."""
    uses_db = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if uses_db:
        catalogue_ensure()


@pytest.fixture
def tasks_sent(monkeypatch: Any) -> list[tuple[str, list[Any]]]:
    """Tasks published by name (crisisportal.queue) are recorded here instead of sent."""
    from crisisportal import queue

    sent: list[tuple[str, list[Any]]] = []

    def record(task_name: str, *args: Any, **options: Any) -> bool:
        sent.append((task_name, [queue._plain(arg) for arg in args]))
        return True

    monkeypatch.setattr(queue, "task_publish", record)
    return sent


@pytest.fixture
def tasks_run_now(monkeypatch: Any) -> None:
    """Tasks published by name (crisisportal.queue) run when they are published, in this process."""
    from crisisportal import queue
    from crisisportal.celery import app

    def run(task_name: str, *args: Any, **options: Any) -> bool:
        app.tasks[task_name].apply(args=tuple(queue._plain(arg) for arg in args))
        return True

    monkeypatch.setattr(queue, "task_publish", run)
