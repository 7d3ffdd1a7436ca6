"""Reads behind the staff pages of the registers: registrations of nationals abroad per
country and post, travel advice and its history, broadcasts and their failed deliveries.

Every function takes an already scoped queryset (registration.access) or a scoped object;
none of them decides who may see what.
"""

import difflib
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django_countries import countries

from crisisportal.models import DeliveryStatus
from registration.models import (
    AdviceColour,
    Broadcast,
    BroadcastDelivery,
    BroadcastDeliveryStatus,
    NationalRegistration,
    RegistrationKind,
    RegistrationStatus,
    TravelAdvice,
)
from registration.services.broadcasts import broadcast_count_expressions

# Query parameters of the list and the export; anything else is ignored.
REGISTRATION_FILTERS = ("country", "post", "kind", "status", "q")


def registration_filters_clean(data: Any) -> dict[str, str]:
    """Keep the known, non-empty filter values of a query dict (unknown values match
    nothing, so a mistyped filter never widens an export)."""
    return {
        name: str(data.get(name)).strip()
        for name in REGISTRATION_FILTERS
        if str(data.get(name) or "").strip()
    }


def registrations_filter(
    registrations: QuerySet[NationalRegistration], filters: dict[str, str]
) -> QuerySet[NationalRegistration]:
    """Apply the list filters; country, status and kind use the (country, status, kind) index."""
    if country := filters.get("country"):
        registrations = registrations.filter(country=country.upper())
    if post := filters.get("post"):
        registrations = registrations.filter(post_id=_uuid_or_nil(post))
    if kind := filters.get("kind"):
        registrations = (
            registrations.filter(kind=kind)
            if kind in RegistrationKind.values
            else registrations.none()
        )
    if status := filters.get("status"):
        registrations = (
            registrations.filter(status=status)
            if status in RegistrationStatus.values
            else registrations.none()
        )
    if query := filters.get("q"):
        # Every word must match the registrant's given names, family name or email.
        for word in query.split()[:5]:
            registrations = registrations.filter(
                Q(registrant__given_names__icontains=word)
                | Q(registrant__family_name__icontains=word)
                | Q(email__icontains=word)
            )
    return registrations


def _uuid_or_nil(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        return uuid.UUID(int=0)


@dataclass
class RegistrationCountRow:
    country: str
    post_id: Any
    post_name: str
    limited: int
    extended: int
    pending: int
    members: int

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) or self.country

    @property
    def confirmed(self) -> int:
        return self.limited + self.extended


@dataclass
class RegistrationCounts:
    rows: list[RegistrationCountRow]
    total: RegistrationCountRow


def registration_counts(registrations: QuerySet[NationalRegistration]) -> RegistrationCounts:
    """Confirmed registrations per type, pending ones and the family members of the
    confirmed ones, per country and post: one GROUP BY query. Ended registrations
    (deregistered, expired) are not counted; countries with only those are left out."""
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    grouped = (
        registrations.order_by()
        .values("country", "post_id", "post__name")
        .annotate(
            # distinct: the join with the members repeats a registration per member.
            limited=Count("id", distinct=True, filter=confirmed & Q(kind=RegistrationKind.LIMITED)),
            extended=Count(
                "id", distinct=True, filter=confirmed & Q(kind=RegistrationKind.EXTENDED)
            ),
            pending=Count("id", distinct=True, filter=Q(status=RegistrationStatus.PENDING)),
            member_count=Count("members", filter=confirmed),
        )
        .filter(Q(limited__gt=0) | Q(extended__gt=0) | Q(pending__gt=0))
    )
    rows = [
        RegistrationCountRow(
            country=row["country"],
            post_id=row["post_id"],
            post_name=row["post__name"] or "",
            limited=row["limited"],
            extended=row["extended"],
            pending=row["pending"],
            members=row["member_count"],
        )
        for row in grouped
    ]
    rows.sort(key=lambda row: (row.country_name, row.post_name))
    total = RegistrationCountRow(
        country="",
        post_id=None,
        post_name="",
        limited=sum(row.limited for row in rows),
        extended=sum(row.extended for row in rows),
        pending=sum(row.pending for row in rows),
        members=sum(row.members for row in rows),
    )
    return RegistrationCounts(rows=rows, total=total)


def registration_list(
    registrations: QuerySet[NationalRegistration],
) -> QuerySet[NationalRegistration]:
    """Registrations with what the list and the export show, newest first, in one query."""
    return (
        registrations.select_related("registrant", "post")
        .annotate(members_count=Count("members"))
        .order_by("-created_at", "id")
    )


def registration_members(registration: NationalRegistration) -> list[dict[str, Any]]:
    """The accompanying family members with their tie to the registrant (two queries)."""
    from registration.models import FamilyTie

    members = [m.person for m in registration.members.select_related("person").order_by("id")]
    if registration.registrant_id is None:
        return [{"person": person, "tie": None} for person in members]
    ties = {
        tie.related_person_id: tie
        for tie in FamilyTie.objects.filter(
            person_id=registration.registrant_id, related_person__in=[p.pk for p in members]
        )
    }
    return [{"person": person, "tie": ties.get(person.pk)} for person in members]


# Travel advice ---------------------------------------------------------------------------


def colour_label(code: str) -> str:
    return str(AdviceColour(code).label) if code in AdviceColour.values else code


def advice_regions(advice: TravelAdvice) -> list[tuple[str, str, str]]:
    """(region, colour code, colour label) of the advice's regions, by region name."""
    return [
        (region, colour, colour_label(colour))
        for region, colour in sorted((advice.regions or {}).items())
    ]


@dataclass
class CurrentAdvice:
    advice: TravelAdvice
    regions: list[tuple[str, str, str]]

    @property
    def country_name(self) -> str:
        return str(countries.name(self.advice.country)) or self.advice.country


def travel_advice_current() -> list[CurrentAdvice]:
    """The highest version per country (DISTINCT ON), by country name. One query."""
    current = [
        CurrentAdvice(advice=advice, regions=advice_regions(advice))
        for advice in TravelAdvice.objects.order_by("country", "-version")
        .distinct("country")
        .select_related("published_by")
    ]
    current.sort(key=lambda row: row.country_name)
    return current


@dataclass
class RegionChange:
    region: str
    before: str  # colour code, "" when the region was added
    after: str  # colour code, "" when the region was removed

    @property
    def before_label(self) -> str:
        return colour_label(self.before)

    @property
    def after_label(self) -> str:
        return colour_label(self.after)


@dataclass
class AdviceVersion:
    """One version with what changed since the version before it."""

    advice: TravelAdvice
    previous: TravelAdvice | None
    regions: list[tuple[str, str, str]]  # advice_regions()
    region_changes: list[RegionChange] = field(default_factory=list)
    # [(operation, text)], operation "equal", "insert" or "delete", whitespace kept.
    text_diff: list[tuple[str, str]] = field(default_factory=list)

    @property
    def colour_changed(self) -> bool:
        return self.previous is not None and self.previous.colour != self.advice.colour

    @property
    def text_changed(self) -> bool:
        return self.previous is not None and self.previous.text != self.advice.text


# A word with the whitespace after it, so a changed phrase reads as one deletion and one
# insertion rather than alternating words and spaces.
_WORDS = re.compile(r"^\s+|\S+\s*")


def text_diff(before: str, after: str) -> list[tuple[str, str]]:
    """A word-level diff: runs of equal, deleted and inserted words (whitespace kept)."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation in ("delete", "replace"):
            segments.append(("delete", "".join(old[i1:i2])))
        if operation in ("insert", "replace"):
            segments.append(("insert", "".join(new[j1:j2])))
        if operation == "equal":
            segments.append(("equal", "".join(old[i1:i2])))
    return segments


def travel_advice_history(country: str) -> list[AdviceVersion]:
    """Every version of a country's advice, newest first, each compared with the one
    before it (colour, regions, text). One query."""
    advice = list(
        TravelAdvice.objects.filter(country=country)
        .select_related("published_by")
        .order_by("version")
    )
    versions: list[AdviceVersion] = []
    previous: TravelAdvice | None = None
    for current in advice:
        regions = dict(current.regions or {})
        version = AdviceVersion(advice=current, previous=previous, regions=advice_regions(current))
        if previous is not None:
            before = dict(previous.regions or {})
            version.region_changes = [
                RegionChange(region=name, before=before.get(name, ""), after=regions.get(name, ""))
                for name in sorted(before.keys() | regions.keys())
                if before.get(name) != regions.get(name)
            ]
            if previous.text != current.text:
                version.text_diff = text_diff(previous.text, current.text)
        versions.append(version)
        previous = current
    versions.reverse()
    return versions


# Broadcasts ------------------------------------------------------------------------------


def broadcast_list(broadcasts: QuerySet[Broadcast]) -> QuerySet[Broadcast]:
    """Broadcasts with their sent / failed / pending counts (as broadcast_counts), newest
    first, in one query."""
    return (
        broadcasts.select_related("created_by", "travel_advice")
        .annotate(**broadcast_count_expressions(prefix="deliveries__"))
        .order_by("-created_at", "id")
    )


# An address in a delivery error (an SMTP server's "550 <x@y> unknown") is personal data.
_EMAIL_ADDRESS = re.compile(r"[^\s<>\"'@]+@[^\s<>\"'@]+")


def masked_email(email: str) -> str:
    """The first letter and the domain only: enough to tell deliveries apart."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else "…"


@dataclass
class FailedDelivery:
    delivery: BroadcastDelivery
    reason: str
    recipient: str  # the address in clear, or masked
    registration_visible: bool


FAILED_DELIVERIES_SHOWN = 100


def broadcast_failed_deliveries(
    broadcast: Broadcast, *, visible_registrations: QuerySet[NationalRegistration]
) -> list[FailedDelivery]:
    """The first failed deliveries with their reason, in one query. Addresses are shown in
    clear only for registrations the reader may see (visible_registrations), else masked,
    in the recipient column and inside the reason alike."""
    deliveries = (
        broadcast.deliveries.filter(
            Q(status=BroadcastDeliveryStatus.FAILED)
            | Q(notification__email_status=DeliveryStatus.FAILED)
        )
        .select_related("notification", "registration")
        .annotate(
            registration_visible=Exists(
                visible_registrations.filter(pk=OuterRef("registration_id"))
            )
        )
        .order_by("id")[:FAILED_DELIVERIES_SHOWN]
    )
    rows = []
    for delivery in deliveries:
        notification = delivery.notification
        reason = delivery.error or (notification.email_error if notification else "")
        email = delivery.registration.email or (notification.to_email if notification else "")
        visible = bool(delivery.registration_visible)
        if not visible:
            reason = _EMAIL_ADDRESS.sub(lambda match: masked_email(match.group()), reason)
        rows.append(
            FailedDelivery(
                delivery=delivery,
                reason=reason,
                recipient=email if visible else masked_email(email) if email else "",
                registration_visible=visible,
            )
        )
    return rows
