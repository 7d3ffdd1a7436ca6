"""The crisis page shows the crisis's trigger documents through this tag, so the core does not
import the triggers app (dependencies point one way)."""

from typing import Any

from django import template

from triggers.permissions import can_create_document
from triggers.selectors import crisis_trigger_section

register = template.Library()


@register.inclusion_tag("triggers/_crisis_section.html", takes_context=True)
def trigger_documents_section(context: Any, crisis: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "crisis": crisis,
        "trigger_section": crisis_trigger_section(user, crisis),
        "can_create_trigger_document": can_create_document(user),
        "request": context["request"],
    }
