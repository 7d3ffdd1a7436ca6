"""Messages about a trigger document, in the portal and by email."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User

from crisisportal.services.notifications import notification_send, notification_send_to_address
from triggers.models import (
    TriggerDocument,
)
from triggers.selectors.owner_contacts import text_digest


def document_notify(
    document: TriggerDocument,
    *,
    kind: str,
    context: dict[str, Any],
    dedupe_key: str,
    users: Iterable[User],
    addresses: Iterable[str] = (),
) -> None:
    """One message about a document: a notification to each user and an email to each address.
    An address's dedupe key carries its digest, so each address gets the message once even
    when users behind it are notified too."""
    notification_send(
        recipients=list(users),
        kind=kind,
        context=context,
        url=document.get_absolute_url(),
        crisis=document.crisis,
        dedupe_key=dedupe_key,
    )
    for address in addresses:
        notification_send_to_address(
            email=address,
            kind=kind,
            context=context,
            url=document.get_absolute_url(),
            crisis=document.crisis,
            dedupe_key=f"{dedupe_key}:to:{text_digest(address)}",
        )
