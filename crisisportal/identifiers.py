"""Identifiers that arrive from outside (a form field, a query string, a request body).

A malformed UUID is treated like an unknown one: it matches nothing, so the caller answers
the same 404 or empty list as for an id that does not exist.
"""

import uuid
from typing import Any

NIL_UUID = uuid.UUID(int=0)


def uuid_or_nil(value: Any) -> uuid.UUID:
    """value as a UUID, or the nil UUID (which matches no row) when it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return NIL_UUID


def is_uuid(value: Any) -> bool:
    return uuid_or_nil(value) != NIL_UUID
