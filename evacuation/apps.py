from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvacuationConfig(AppConfig):
    name = "evacuation"
    verbose_name = _("Evacuation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from evacuation import signals
        from evacuation.api import access as api_access
        from evacuation.merging import EVACUATION_MERGE_HOOK
        from registration.merging import merge_hook_register

        signals.connect()
        merge_hook_register(EVACUATION_MERGE_HOOK)
        # The API client sees the persons with a case in a crisis it is granted.
        api_access.register()
