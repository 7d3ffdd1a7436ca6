from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from crisisportal.services.notifications import register_sent_body_redactor
        from registration.log_filters import redact_personal_links

        # A sent email's stored copy keeps no working personal link.
        register_sent_body_redactor(redact_personal_links)
