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
