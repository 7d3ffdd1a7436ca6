"""Keep the secret of a registrant's personal link out of the logs.

The link in the emails carries the secret in its path (registration.services.registrations.
PERSONAL_LINK_PATH). Django's request logging (`django.server`, `django.request`) writes
request paths, so this filter, attached to those loggers and to the console handler in
settings.LOGGING, replaces the secret before any handler formats the record.
"""

import logging
import re
from typing import Any

# Kept in step with PERSONAL_LINK_PATH; not imported from the service because logging is
# configured before the apps (and their models) are loaded.
PERSONAL_LINK_SECRET = re.compile(r"(/register/link/)[^\s/?#\"'&]+")
REDACTED = r"\1[redacted]"


def redact_personal_links(text: str) -> str:
    return PERSONAL_LINK_SECRET.sub(REDACTED, text)


def _redact(value: Any) -> Any:
    return redact_personal_links(value) if isinstance(value, str) else value


class PersonalLinkRedactionFilter(logging.Filter):
    """Redact the personal-link secret in a record's message and arguments (never drops)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redact(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _redact(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redact(value) for value in record.args)
        return True
