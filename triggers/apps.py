from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriggersConfig(AppConfig):
    name = "triggers"
    verbose_name = _("Trigger documents")
    default_auto_field = "django.db.models.BigAutoField"
