"""Eligibility: which groups a person belongs to in a crisis, each with its reason.

The rules (DESIGN.md "Evacuation", issue 6):
- dutch-national: holds Dutch nationality.
- family-member: spouse, registered partner or cohabitation partner of a Dutch national, or
  their dependent (adopted, step) child. Parents, siblings and non-dependent children are not.
- residence-permit-holder: a permit of NL, AW, CW, SX or BQ valid on the evaluation date.
These three are consular duties and apply in every crisis. The others apply only when the
crisis enabled the group:
- local-embassy-staff, interpreter, mission-personnel: from the local staff register.
- parliamentary-motion, at-risk-hrd-journalist: designated by staff with justification.
- nuclear-family: partner or dependent child of local embassy staff, an interpreter or a
  motion person (as computed for this crisis).
- eu-citizen: nationality of another EU member state.
Overrides by staff (include or exclude, justified) are applied last.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from crisisportal.models import Crisis
from evacuation import people
from evacuation.models import CrisisGroup, EligibleGroup, GroupCode
from evacuation.models.cases import EligibilityOverride, GroupDesignation
from evacuation.models.choices import OverrideEffect

ALWAYS_APPLICABLE = {
    GroupCode.DUTCH_NATIONAL,
    GroupCode.FAMILY_MEMBER,
    GroupCode.RESIDENCE_PERMIT_HOLDER,
}
PERMIT_TERRITORIES = {"NL", "AW", "CW", "SX", "BQ"}
EU_MEMBER_STATES = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip
PARTNER_ROLES = {"spouse", "registered-partner", "cohabitation-partner"}
CHILD_ROLES = {"child", "adopted-child", "step-child"}


class Reason(str):
    """A reason in the active language that keeps its untranslated message and parameters.

    Cases store the message and parameters, not the text: eligibility is computed in web
    requests (in the user's language) and by the worker (in the default language), and each
    reader sees the reason in their own language. Parameters named in `translated` are codes
    rendered through a label (a family role, a group)."""

    message: str
    params: dict[str, str]
    translated: dict[str, str]

    def __new__(
        cls, message: str, params: dict[str, str] | None = None, **translated: str
    ) -> "Reason":
        params = params or {}
        text = reason_render(message, params, translated)
        reason = super().__new__(cls, text)
        reason.message, reason.params, reason.translated = message, params, translated
        return reason

    def as_json(self) -> dict[str, Any]:
        return {"message": self.message, "params": self.params, "translated": self.translated}


def reason_render(message: str, params: dict[str, Any], translated: dict[str, str]) -> str:
    values: dict[str, str] = {}
    for name, value in params.items():
        kind = translated.get(name)
        if kind == "family-role":
            values[name] = _role_label(value)
        elif kind == "employer":
            values[name] = people.employer_label(value)
        elif kind == "group":
            values[name] = str(GroupCode(value).label) if value in GroupCode.values else value
        else:
            values[name] = str(value)
    suffix = values.pop("suffix", "")
    return (_(message) % values if values else _(message)) + suffix


def reason_text(group: dict[str, Any]) -> str:
    """A stored group's reason in the active language (older rows kept only the text)."""
    if "message" not in group:
        return str(group.get("reason", ""))
    return reason_render(group["message"], group.get("params", {}), group.get("translated", {}))


def groups_differ(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> bool:
    """Whether the groups or their reasons changed; the language they were written in does not
    count (a stored text-only reason is compared by its group alone)."""
    if [g["code"] for g in before] != [g["code"] for g in after]:
        return True
    return any(
        (b["message"], b.get("params")) != (a["message"], a.get("params"))
        for b, a in zip(before, after, strict=True)
        if "message" in b and "message" in a
    )


class GroupReason(NamedTuple):
    code: str
    reason: str


@dataclass
class EligibilityResult:
    eligible: bool
    groups: list[GroupReason] = field(default_factory=list)
    # Groups the rules found but the crisis has not enabled (shown to staff, not counted).
    not_enabled: list[GroupReason] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [g.code for g in self.groups]

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {
                "code": g.code,
                "reason": str(g.reason),
                **(g.reason.as_json() if isinstance(g.reason, Reason) else {}),
            }
            for g in self.groups
        ]


def _role_label(role: str) -> str:
    labels = {
        "spouse": _("spouse"),
        "registered-partner": _("registered partner"),
        "cohabitation-partner": _("cohabitation partner"),
        "child": _("dependent child"),
        "adopted-child": _("dependent adopted child"),
        "step-child": _("dependent step-child"),
    }
    return str(labels.get(role, role))


def _is_nuclear_family_role(role: str, dependent: bool) -> bool:
    return role in PARTNER_ROLES or (role in CHILD_ROLES and dependent)


def _own_groups(
    person: Any, crisis: Crisis, on: date, designations: dict[str, str]
) -> list[GroupReason]:
    """Groups the person qualifies for by their own data (no family ties)."""
    found: list[GroupReason] = []
    nationalities = set(people.nationalities(person))
    if "NL" in nationalities:
        found.append(
            GroupReason(
                GroupCode.DUTCH_NATIONAL,
                Reason(gettext_noop("Dutch national: holds Dutch nationality")),
            )
        )
    for territory, valid_until in people.residence_permits(person):
        if territory in PERMIT_TERRITORIES and valid_until is not None and valid_until >= on:
            found.append(
                GroupReason(
                    GroupCode.RESIDENCE_PERMIT_HOLDER,
                    Reason(
                        gettext_noop("residence permit %(territory)s valid until %(date)s"),
                        {"territory": territory, "date": valid_until.isoformat()},
                    ),
                )
            )
            break
    for staff in people.local_staff(person):
        suffix = {"suffix": f" ({staff.mission})"} if staff.mission else {}
        if staff.employer == "embassy":
            found.append(
                GroupReason(
                    GroupCode.LOCAL_EMBASSY_STAFF,
                    Reason(
                        gettext_noop("local embassy staff: %(role)s at the embassy"),
                        {"role": staff.role, **suffix},
                    ),
                )
            )
        elif staff.employer in ("defence", "police") and staff.role == "interpreter":
            found.append(
                GroupReason(
                    GroupCode.INTERPRETER,
                    Reason(
                        gettext_noop("interpreter for %(employer)s"),
                        {"employer": staff.employer, **suffix},
                        employer="employer",
                    ),
                )
            )
        elif staff.employer in ("defence", "police"):
            found.append(
                GroupReason(
                    GroupCode.MISSION_PERSONNEL,
                    Reason(
                        gettext_noop("mission personnel: %(role)s for %(employer)s"),
                        {"role": staff.role, "employer": staff.employer, **suffix},
                        employer="employer",
                    ),
                )
            )
    for code, justification in designations.items():
        found.append(
            GroupReason(
                code, Reason(gettext_noop("designated by staff: %(why)s"), {"why": justification})
            )
        )
    other_eu = sorted(nationalities & EU_MEMBER_STATES)
    if other_eu:
        found.append(
            GroupReason(
                GroupCode.EU_CITIZEN,
                Reason(
                    gettext_noop("EU citizen: nationality %(codes)s"),
                    {"codes": ", ".join(other_eu)},
                ),
            )
        )
    # One reason per group: the first found.
    unique: dict[str, GroupReason] = {}
    for reason in found:
        unique.setdefault(str(reason.code), GroupReason(str(reason.code), reason.reason))
    return list(unique.values())


def _designations(crisis: Crisis, person_ids: list[Any]) -> dict[Any, dict[str, str]]:
    result: dict[Any, dict[str, str]] = {}
    for person_id, code, justification in GroupDesignation.objects.filter(
        crisis=crisis, person_id__in=person_ids
    ).values_list("person_id", "group_code", "justification"):
        result.setdefault(person_id, {})[code] = justification
    return result


def eligibility_for(person: Any, crisis: Crisis, on: date | None = None) -> EligibilityResult:
    """Compute the groups the person belongs to in the crisis, each with a reason."""
    on = on or timezone.localdate()
    enabled = set(
        CrisisGroup.objects.filter(crisis=crisis, enabled=True).values_list(
            "group__code", flat=True
        )
    ) | {str(code) for code in ALWAYS_APPLICABLE}
    ties = people.roles_towards_others(person)
    designations = _designations(crisis, [person.pk] + [tie.other.pk for tie in ties])

    candidates = _own_groups(person, crisis, on, designations.get(person.pk, {}))
    family: list[GroupReason] = []
    nuclear: list[GroupReason] = []
    for tie in ties:
        if not _is_nuclear_family_role(tie.role, tie.dependent):
            continue
        other_name = people.display_name(tie.other)
        if "NL" in people.nationalities(tie.other):
            family.append(
                GroupReason(
                    GroupCode.FAMILY_MEMBER,
                    Reason(
                        gettext_noop("family member: %(role)s of %(name)s (Dutch national)"),
                        {"role": tie.role, "name": other_name},
                        role="family-role",
                    ),
                )
            )
        other_groups = {
            g.code: g
            for g in _own_groups(tie.other, crisis, on, designations.get(tie.other.pk, {}))
        }
        for code in (
            GroupCode.LOCAL_EMBASSY_STAFF,
            GroupCode.INTERPRETER,
            GroupCode.PARLIAMENTARY_MOTION,
        ):
            if code in other_groups and code in enabled:
                nuclear.append(
                    GroupReason(
                        GroupCode.NUCLEAR_FAMILY,
                        Reason(
                            gettext_noop("nuclear family: %(role)s of %(name)s (%(group)s)"),
                            {"role": tie.role, "name": other_name, "group": str(code)},
                            role="family-role",
                            group="group",
                        ),
                    )
                )
                break
    if family:
        candidates.append(family[0])
    if nuclear:
        candidates.append(nuclear[0])

    groups = [g for g in candidates if g.code in enabled]
    not_enabled = [g for g in candidates if g.code not in enabled]

    overrides = EligibilityOverride.objects.filter(crisis=crisis, person_id=person.pk)
    for override in overrides:
        groups = [g for g in groups if g.code != override.group_code]
        if override.effect == OverrideEffect.INCLUDE:
            groups.append(
                GroupReason(
                    override.group_code,
                    Reason(
                        gettext_noop("override by staff: %(why)s"),
                        {"why": override.justification},
                    ),
                )
            )
    return EligibilityResult(eligible=bool(groups), groups=groups, not_enabled=not_enabled)


def priority_for(crisis: Crisis, codes: list[str]) -> int:
    """The highest priority (lowest number) among the groups, as set for the crisis."""
    if not codes:
        return 9
    in_crisis = dict(
        CrisisGroup.objects.filter(crisis=crisis, group__code__in=codes).values_list(
            "group__code", "priority"
        )
    )
    defaults = dict(
        EligibleGroup.objects.filter(code__in=codes).values_list("code", "default_priority")
    )
    return min(in_crisis.get(code, defaults.get(code, 9)) for code in codes)
