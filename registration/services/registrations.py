"""Self-registration of nationals abroad: submit, confirm by email, update, deregister,
expiry reminders and purging. Public: no account, reached through a personal link."""

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from crisisportal.services.audit import audit_context
from crisisportal.services.notifications import notification_send_to_address
from registration.models import (
    NationalRegistration,
    Person,
    PersonSource,
    RegistrationKind,
    RegistrationMember,
    RegistrationStatus,
)
from registration.services.persons import family_member_add, person_create

PUBLIC_ACTOR = "public self-registration"

# The path of the personal link in the emails. The page behind it only exchanges the secret
# for a session and redirects to a clean URL; the log filter (registration.log_filters)
# redacts whatever follows this prefix.
PERSONAL_LINK_PATH = "/register/link/"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    """A fresh secret for a personal link and the hash that is stored of it."""
    token = secrets.token_urlsafe(32)
    return token, _hash(token)


def registration_by_token(token: str) -> NationalRegistration | None:
    """The registration a personal link opens, or None (also for ended ones)."""
    if not token or len(token) > 100:
        return None
    return (
        NationalRegistration.objects.filter(token_hash=_hash(token))
        .exclude(status__in=[RegistrationStatus.DEREGISTERED, RegistrationStatus.EXPIRED])
        .select_related("registrant")
        .first()
    )


def registration_rate_limited(*, ip: str, email: str) -> bool:
    """Count this attempt; True when the IP or the email address is over its hourly limit."""
    return _public_form_rate_limited("reg", ip=ip, email=email)


def registration_link_rate_limited(*, ip: str, email: str) -> bool:
    """Count a request for a new personal link; limited like registering, counted apart."""
    return _public_form_rate_limited("reg-link", ip=ip, email=email)


def _public_form_rate_limited(scope: str, *, ip: str, email: str) -> bool:
    return public_form_rate_limited(
        scope=scope,
        ip=ip,
        identity=email,
        per_ip=settings.REGISTRATION_RATE_LIMIT_PER_IP,
        per_identity=settings.REGISTRATION_RATE_LIMIT_PER_EMAIL,
    )


def public_form_rate_limited(
    *, scope: str, ip: str, identity: str, per_ip: int, per_identity: int
) -> bool:
    """Count an attempt on a public form; True when the IP or the identity (email address or
    phone number) is over its hourly limit. Shared by the public forms of the portal.

    Counters live in the Redis cache, keyed by a hash so no address is stored in clear.
    """
    limits = [(f"{scope}-ip:{_hash(ip)}", per_ip)]
    if identity.strip():
        limits.append((f"{scope}-email:{_hash(identity.strip().lower())}", per_identity))
    limited = False
    for key, limit in limits:
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=3600)
            count = 1
        limited = limited or count > limit
    return limited


def _manage_url(token: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{PERSONAL_LINK_PATH}{token}"


def _token_rotate(registration: NationalRegistration) -> str:
    """Give the registration a new personal link; earlier links (and the sessions opened
    with them, see registration.permissions) stop working. Returns the new secret."""
    token, token_hash = _new_token()
    NationalRegistration.objects.filter(pk=registration.pk).update(token_hash=token_hash)
    registration.token_hash = token_hash
    return token


def _validate(kind: str, country: str, stay_from: date | None, stay_until: date | None) -> None:
    errors: dict[str, str] = {}
    if kind not in RegistrationKind.values:
        errors["kind"] = _("Choose a type of registration.")
    if not countries.alpha2(country):
        errors["country"] = _("Choose a country.")
    if stay_from and stay_until and stay_until < stay_from:
        errors["stay_until"] = _("The end of your stay is before its start.")
    if kind == RegistrationKind.EXTENDED and not stay_until:
        errors["stay_until"] = _("Enter until when you stay in the country.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def registration_submit(
    *,
    kind: str,
    country: str,
    email: str,
    given_names: str,
    family_name: str,
    consent_text: str,
    date_of_birth: date | None = None,
    phone: str = "",
    whereabouts: str = "",
    stay_from: date | None = None,
    stay_until: date | None = None,
    members: Iterable[Mapping[str, Any]] = (),
    language: str = "nl",
) -> NationalRegistration:
    """Store a pending registration and email its confirmation link.

    The same happens whether or not the address registered before (no enumeration): each
    submission is its own registration, and only a confirmed one counts. Members are
    dicts {given_names, family_name, date_of_birth, kind} (kind as family_tie_add).
    """
    country = country.upper()
    _validate(kind, country, stay_from, stay_until)
    token, token_hash = _new_token()
    with audit_context(PUBLIC_ACTOR):
        registrant = person_create(
            actor=PUBLIC_ACTOR,
            source=PersonSource.SELF_REGISTRATION,
            given_names=given_names,
            family_name=family_name,
            date_of_birth=date_of_birth,
            email=email,
            phone=phone,
            nationalities=["NL"],
            location_country=country,
            location_place=whereabouts[:200],
        )
        registration = NationalRegistration.objects.create(
            kind=kind,
            country=country,
            email=email,
            language=language,
            registrant=registrant,
            whereabouts=whereabouts,
            stay_from=stay_from,
            stay_until=stay_until,
            consent_text=consent_text,
            consented_at=timezone.now(),
            token_hash=token_hash,
        )
        registration_members_set(registration=registration, members=members)
    notification_send_to_address(
        email=email,
        kind="registration_confirm",
        context={"registration": registration, "url": _manage_url(token)},
        language=language,
    )
    return registration


def registration_members_set(
    *, registration: NationalRegistration, members: Iterable[Mapping[str, Any]]
) -> None:
    """Replace the accompanying family members (their person records go with them)."""
    old = list(registration.members.values_list("person_id", flat=True))
    registration.members.all().delete()
    Person.objects.filter(pk__in=old, source=PersonSource.SELF_REGISTRATION).delete()
    assert registration.registrant is not None
    for index, member in enumerate(members):
        try:
            person = family_member_add(
                actor=PUBLIC_ACTOR,
                person=registration.registrant,
                member=member,
                source=PersonSource.SELF_REGISTRATION,
                location_country=registration.country,
            )
        except ValidationError as error:
            raise ValidationError(
                {f"members-{index}": [m for ms in error.message_dict.values() for m in ms]}
            ) from error
        RegistrationMember.objects.create(registration=registration, person=person)


@transaction.atomic
def registration_confirm(*, registration: NationalRegistration) -> NationalRegistration:
    """The email link was opened: from now on the registration counts."""
    if registration.status == RegistrationStatus.PENDING:
        with audit_context(PUBLIC_ACTOR):
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = timezone.now()
            registration.save(update_fields=["status", "confirmed_at"])
    return registration


@transaction.atomic
def registration_update(
    *,
    registration: NationalRegistration,
    whereabouts: str,
    phone: str,
    stay_until: date | None,
    members: Iterable[Mapping[str, Any]] | None = None,
) -> NationalRegistration:
    _validate(registration.kind, registration.country, registration.stay_from, stay_until)
    with audit_context(PUBLIC_ACTOR):
        registration.whereabouts = whereabouts
        registration.stay_until = stay_until
        registration.reminder_sent_at = None
        registration.save(update_fields=["whereabouts", "stay_until", "reminder_sent_at"])
        if registration.registrant:
            registration.registrant.phone = phone
            registration.registrant.location_place = whereabouts[:200]
            registration.registrant.save(update_fields=["phone", "location_place"])
        if members is not None:
            registration_members_set(registration=registration, members=members)
    return registration


def _anonymise(registration: NationalRegistration, status: str) -> None:
    member_ids = list(registration.members.values_list("person_id", flat=True))
    registrant_id = registration.registrant_id
    registration.members.all().delete()
    registration.registrant = None
    registration.email = ""
    registration.whereabouts = ""
    registration.consent_text = ""
    registration.token_hash = None
    registration.status = status
    registration.ended_at = timezone.now()
    registration.save()
    # The persons were created by this registration; a person that staff linked to
    # something else since (a case, local staff) is kept, only its registration goes.
    for person in Person.objects.filter(
        pk__in=[*member_ids, registrant_id], source=PersonSource.SELF_REGISTRATION
    ):
        try:
            with transaction.atomic():
                person.delete()
        except Exception:  # noqa: S112 - protected by another record: keep the person
            continue


@transaction.atomic
def registration_links_resend(*, email: str, language: str = "nl") -> int:
    """Email a fresh personal link for every confirmed registration of this address (the
    old links stop working). The caller answers the same whether or not any exist, so the
    page reveals nothing about who registered; the count is for tests and logs only."""
    email = email.strip()
    if not email:
        return 0
    sent = 0
    registrations = NationalRegistration.objects.select_for_update().filter(
        email__iexact=email, status=RegistrationStatus.CONFIRMED
    )
    for registration in registrations:
        token = _token_rotate(registration)
        notification_send_to_address(
            email=registration.email,
            kind="registration_new_link",
            context={"registration": registration, "url": _manage_url(token)},
            language=language,
        )
        sent += 1
    return sent


@transaction.atomic
def registration_deregister(*, registration: NationalRegistration) -> None:
    """Delete the registration's personal data; the anonymous row stays for counts."""
    with audit_context(PUBLIC_ACTOR):
        _anonymise(registration, RegistrationStatus.DEREGISTERED)


def registrations_expire_and_purge(*, today: date | None = None) -> dict[str, int]:
    """Beat job: remind a week before the stay ends, expire after it, purge after retention."""
    today = today or timezone.localdate()
    reminded = 0
    due = NationalRegistration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        stay_until__lte=today + timedelta(days=7),
        stay_until__gte=today,
        reminder_sent_at__isnull=True,
    )
    for registration in due.iterator():
        with transaction.atomic():
            claimed = NationalRegistration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if not claimed:
                continue
            # A fresh personal link: the confirmation email may be long gone, and the
            # registrant needs their own page to extend or end the stay.
            token = _token_rotate(registration)
            notification_send_to_address(
                email=registration.email,
                kind="registration_expiry_reminder",
                context={"registration": registration, "url": _manage_url(token)},
                language=registration.language,
                dedupe_key=f"registration-reminder:{registration.pk}:{registration.stay_until}",
            )
            reminded += 1
    expired = NationalRegistration.objects.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING],
        stay_until__lt=today,
    ).update(status=RegistrationStatus.EXPIRED, ended_at=timezone.now())
    # Never-confirmed registrations and expired ones are purged after the retention period.
    cutoff = today - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    purged = 0
    stale = NationalRegistration.objects.filter(
        status__in=[RegistrationStatus.EXPIRED, RegistrationStatus.PENDING],
        token_hash__isnull=False,
    ).filter(
        Q(status=RegistrationStatus.EXPIRED, stay_until__lt=cutoff)
        | Q(status=RegistrationStatus.PENDING, created_at__date__lt=cutoff)
    )
    for registration in stale.iterator():
        with transaction.atomic(), audit_context("registration purge"):
            _anonymise(registration, RegistrationStatus.EXPIRED)
            purged += 1
    return {"reminded": reminded, "expired": expired, "purged": purged}
