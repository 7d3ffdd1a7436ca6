from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """Look up a key in a dict in a template (counts tables)."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def group_label(code: Any) -> str:
    """The translated name of a group code (codes are stored; people read names)."""
    from evacuation.models.choices import GroupCode

    return str(GroupCode(code).label) if code in GroupCode.values else str(code)


@register.filter
def group_labels(codes: Any) -> str:
    return ", ".join(group_label(code) for code in codes or [])


@register.filter
def status_label(code: Any) -> str:
    """The translated name of a case status code, as in the status history."""
    from evacuation.models.choices import CaseStatus

    return str(CaseStatus(code).label) if code in CaseStatus.values else str(code)


@register.filter
def group_reason(group: Any) -> str:
    """A stored group's reason in the reader's language."""
    from evacuation.services.eligibility import reason_text

    return reason_text(group)
