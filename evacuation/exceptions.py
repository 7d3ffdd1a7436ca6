"""Refusals that the API answers with 409 Conflict and the pages show as an error message."""

from django.core.exceptions import ValidationError


class EvacuationConflict(ValidationError):
    """The request is valid but conflicts with the current state."""


class IllegalTransition(EvacuationConflict):
    """The case cannot move from its status to the requested one."""


class ManifestConflict(EvacuationConflict):
    """A manifest over capacity, or with a case that is not approved or is on another flight."""


class AlreadyClaimed(EvacuationConflict):
    """Another call-team member claimed the help request first."""
