from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _picture_panel_context(request: Any, crisis: Any, perms: set[str]) -> dict[str, Any]:
    """The crisis picture on the crisis page: open alerts, reporting per post, meetings."""
    from crisisportal.selectors.sitreps import crisis_picture_context

    return crisis_picture_context(request.user, crisis, perms)


class CrisisPortalConfig(AppConfig):
    name = "crisisportal"
    verbose_name = _("Crisis portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from crisisportal.panels import crisis_panel_register

        crisis_panel_register(
            key="picture",
            order=100,
            template="crisisportal/_crisis_picture.html",
            context=_picture_panel_context,
        )
