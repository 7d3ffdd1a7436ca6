from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """Look up a key in a dict in a template (counts tables)."""
    if not mapping:
        return None
    return mapping.get(key)
