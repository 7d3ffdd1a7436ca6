from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvacuationConfig(AppConfig):
    name = "evacuation"
    verbose_name = _("Evacuation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from evacuation import signals

        signals.connect()
