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
    from crisisportal.celery import app

    sent: list[tuple[str, list[Any]]] = []

    def send_task(name: str, args: Any = (), **options: Any) -> None:
        sent.append((name, list(args)))

    monkeypatch.setattr(app, "send_task", send_task)
    return sent


@pytest.fixture
def tasks_run_now(monkeypatch: Any) -> None:
    """Tasks published by name run when they are published, in this process."""
    from crisisportal.celery import app

    def send_task(name: str, args: Any = (), **options: Any) -> None:
        app.tasks[name].apply(args=tuple(args))

    monkeypatch.setattr(app, "send_task", send_task)
