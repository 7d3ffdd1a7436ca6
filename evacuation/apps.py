from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _crisis_panel_context(request: Any, crisis: Any, perms: set[str]) -> dict[str, Any]:
    """The evacuation links on the crisis page: shown to everyone who sees the crisis."""
    return {}


class EvacuationConfig(AppConfig):
    name = "evacuation"
    verbose_name = _("Evacuation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from crisisportal.panels import crisis_panel_register
        from evacuation import signals
        from evacuation.api import permissions as api_permissions
        from evacuation.merging import EVACUATION_MERGE_HOOK
        from registration.merging import merge_hook_register

        signals.connect()
        merge_hook_register(EVACUATION_MERGE_HOOK)
        # The API client sees the persons with a case in a crisis it is granted.
        api_permissions.register()
        # The crisis page's evacuation section, after the crisis picture.
        crisis_panel_register(
            key="evacuation",
            order=200,
            template="evacuation/_crisis_section.html",
            context=_crisis_panel_context,
        )
