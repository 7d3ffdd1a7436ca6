"""Kept only for evacuation/apps.py, which imports `access.register` and is being changed by
the app-panel work: the API access helpers are evacuation.api.permissions. Remove this module
once apps.py imports evacuation.api.permissions."""

from evacuation.api.permissions import register

__all__ = ["register"]
