from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _crisis_panel_context(request: Any, crisis: Any, perms: set[str]) -> dict[str, Any]:
    """The crisis's trigger documents on the crisis page (what this user may see of them)."""
    from triggers.permissions import can_create_document
    from triggers.selectors.crises import crisis_trigger_section

    return {
        "trigger_section": crisis_trigger_section(request.user, crisis),
        "can_create_trigger_document": can_create_document(request.user),
    }


class TriggersConfig(AppConfig):
    name = "triggers"
    verbose_name = _("Trigger documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from crisisportal.panels import crisis_panel_register

        # The crisis page's trigger documents, after the evacuation section.
        crisis_panel_register(
            key="triggers",
            order=300,
            template="triggers/_crisis_section.html",
            context=_crisis_panel_context,
        )
