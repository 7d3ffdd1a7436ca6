from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisPortalConfig(AppConfig):
    name = "crisisportal"
    verbose_name = _("Crisis portal")
    default_auto_field = "django.db.models.BigAutoField"
