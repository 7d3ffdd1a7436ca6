"""The registrant's browser session on the public pages.

A national abroad has no account: the personal link from their email opens their own
registration in their browser session (registrant_session_open), and the session keeps it
only while the link is the current one. The link's secret never appears in a later URL.
"""

from django.contrib.sessions.backends.base import SessionBase

from crisisportal.identifiers import uuid_or_nil
from registration.models import NationalRegistration, RegistrationStatus

REGISTRANT_SESSION_KEY = "national_registration"


def registrant_session_open(session: SessionBase, registration: NationalRegistration) -> None:
    """Remember in the browser session which registration its personal link opened, so the
    pages the registrant uses have clean URLs. A new session key: a session id known
    before the link was opened cannot be used to reach the registration."""
    session.cycle_key()
    session[REGISTRANT_SESSION_KEY] = {
        "id": str(registration.pk),
        "token_hash": registration.token_hash,
    }


def registrant_session_close(session: SessionBase) -> None:
    session.pop(REGISTRANT_SESSION_KEY, None)


def registration_of_session(session: SessionBase) -> NationalRegistration | None:
    """The confirmed registration this session opened, or None. A newer personal link
    (asked for on the new-link page, or sent with the expiry reminder) closes sessions
    opened with an older one; a registration that ended is gone for the session too."""
    opened = session.get(REGISTRANT_SESSION_KEY)
    if not isinstance(opened, dict) or not opened.get("id") or not opened.get("token_hash"):
        return None
    return (
        NationalRegistration.objects.filter(
            pk=uuid_or_nil(opened["id"]),
            token_hash=opened["token_hash"],
            status=RegistrationStatus.CONFIRMED,
        )
        .select_related("registrant")
        .first()
    )
