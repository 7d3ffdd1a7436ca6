"""Reads of travel advice: the current advice per country and each country's history with
what changed between versions.
"""

import difflib
import re
from dataclasses import dataclass, field

from django_countries import countries

from registration.models import (
    AdviceColour,
    TravelAdvice,
)


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
