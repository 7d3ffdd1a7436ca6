from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from crisisportal.models import Notification
from registration.models import (
    BroadcastDelivery,
    NationalRegistration,
    Person,
    RegistrationStatus,
    TravelAdvice,
)
from registration.selectors.broadcasts import broadcast_counts
from registration.selectors.persons import family_ties_of
from registration.services.broadcasts import (
    broadcast_fan_out,
    broadcast_send_batch,
    embassy_message_send,
    travel_advice_publish,
)
from registration.services.registrations import (
    registration_by_token,
    registration_confirm,
    registration_deregister,
    registration_rate_limited,
    registration_submit,
    registration_update,
    registrations_expire_and_purge,
)

pytestmark = pytest.mark.django_db


def _submit(email: str = "anna@example.org", **overrides: Any) -> NationalRegistration:
    data: dict[str, Any] = {
        "kind": "extended",
        "country": "sd",
        "email": email,
        "given_names": "Anna",
        "family_name": "Jansen",
        "consent_text": "I agree",
        "whereabouts": "Khartoum, Hotel X",
        "phone": "+249 1",
        "stay_until": date.today() + timedelta(days=30),
        "members": [
            {"given_names": "Sam", "family_name": "Jansen", "kind": "child", "dependent": True}
        ],
    }
    data.update(overrides)
    return registration_submit(**data)


def _token_from_outbox(email: str) -> str:
    body = (
        Notification.objects.filter(to_email=email, kind="registration_confirm")
        .latest("created_at")
        .body
    )
    return body.split("/register/link/")[1].split()[0]


def test_submit_confirm_update_deregister() -> None:
    registration = _submit()
    assert registration.status == RegistrationStatus.PENDING
    registrant = registration.registrant
    assert registrant is not None
    assert [t.kind for t in family_ties_of(registrant)] == ["child"]
    token = _token_from_outbox("anna@example.org")
    assert token not in (registration.token_hash or "")  # stored hashed
    found = registration_by_token(token)
    assert found == registration
    registration_confirm(registration=found)
    assert found.status == RegistrationStatus.CONFIRMED

    registration_update(
        registration=found,
        whereabouts="Port Sudan",
        phone="+249 2",
        stay_until=date.today() + timedelta(days=60),
        members=[],
    )
    assert Person.objects.count() == 1

    registration_deregister(registration=found)
    found.refresh_from_db()
    assert found.status == RegistrationStatus.DEREGISTERED
    assert (found.email, found.whereabouts, found.registrant) == ("", "", None)
    assert not Person.objects.exists()
    assert registration_by_token(token) is None
    # The anonymous row still counts.
    assert NationalRegistration.objects.filter(country="SD").count() == 1


def test_same_answer_for_known_and_unknown_email() -> None:
    _submit()
    _submit()  # a second submission with the same address is simply another pending one
    assert NationalRegistration.objects.count() == 2


def test_extended_registration_needs_end_of_stay() -> None:
    with pytest.raises(ValidationError) as error:
        _submit(stay_until=None)
    assert "stay_until" in error.value.message_dict
    assert not Person.objects.exists()


def test_rate_limits_per_ip_and_email(settings: Any) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.REGISTRATION_RATE_LIMIT_PER_EMAIL = 2
    settings.REGISTRATION_RATE_LIMIT_PER_IP = 3
    assert not registration_rate_limited(ip="10.0.0.1", email="a@example.org")
    assert not registration_rate_limited(ip="10.0.0.1", email="A@example.org ")
    assert registration_rate_limited(ip="10.0.0.2", email="a@example.org")
    assert not registration_rate_limited(ip="10.0.0.1", email="b@example.org")
    assert registration_rate_limited(ip="10.0.0.1", email="c@example.org")


def test_expiry_reminder_expire_and_purge(settings: Any) -> None:
    settings.REGISTRATION_RETENTION_DAYS = 10
    registration = _submit(stay_until=date.today() + timedelta(days=5))
    registration_confirm(registration=registration)
    result = registrations_expire_and_purge()
    assert result["reminded"] == 1
    assert registrations_expire_and_purge()["reminded"] == 0  # once
    assert Notification.objects.filter(kind="registration_expiry_reminder").count() == 1

    registrations_expire_and_purge(today=date.today() + timedelta(days=6))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.EXPIRED and registration.email

    registrations_expire_and_purge(today=date.today() + timedelta(days=20))
    registration.refresh_from_db()
    assert registration.email == "" and registration.registrant is None
    assert not Person.objects.exists()


def test_travel_advice_versions_and_broadcast_to_confirmed_registrants(coordinator: Any) -> None:
    confirmed = [_submit(email=f"r{i}@example.org") for i in range(3)]
    for registration in confirmed:
        registration_confirm(registration=registration)
    limited = _submit(email="limited@example.org", kind="limited", stay_until=None)
    registration_confirm(registration=limited)
    _submit(email="pending@example.org")  # unconfirmed: not notified
    _submit(email="elsewhere@example.org", country="EG")

    first = travel_advice_publish(
        actor=coordinator, country="SD", colour="orange", text="Only necessary travel."
    )
    second = travel_advice_publish(
        actor=coordinator, country="SD", colour="red", text="Leave.", regions={"Darfur": "red"}
    )
    assert (first.version, second.version) == (1, 2)
    broadcast = second.broadcasts.get()
    broadcast_fan_out(broadcast=broadcast)
    broadcast_fan_out(broadcast=broadcast)  # idempotent
    assert BroadcastDelivery.objects.filter(broadcast=broadcast).count() == 4
    assert broadcast_send_batch(broadcast=broadcast) == 4
    assert broadcast_send_batch(broadcast=broadcast) == 0
    sent_to = set(
        Notification.objects.filter(
            kind="registration_broadcast", dedupe_key__contains=str(broadcast.pk)
        ).values_list("to_email", flat=True)
    )
    assert sent_to == {"r0@example.org", "r1@example.org", "r2@example.org", "limited@example.org"}
    counts = broadcast_counts(broadcast)
    assert counts["total"] == 4 and counts["sent"] + counts["pending"] == 4

    message = embassy_message_send(
        actor=coordinator, country="SD", subject="Assembly", body="Come to X"
    )
    broadcast_fan_out(broadcast=message)
    assert message.deliveries.count() == 3  # extended registrants only

    with pytest.raises(ValidationError):
        travel_advice_publish(actor=coordinator, country="SD", colour="purple", text="")
    assert TravelAdvice.objects.count() == 2
