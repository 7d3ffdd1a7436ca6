"""Registrations of nationals abroad and the family members travelling with them."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import UUIDModel, optional_link
from registration.models.choices import RegistrationKind, RegistrationStatus
from registration.models.persons import Person


@pghistory.track()
class NationalRegistration(UUIDModel):
    """A national abroad who registered voluntarily on the public page.

    Counts only once confirmed by email. The registrant reaches it through a personal
    link whose secret is stored hashed (`token_hash`), never in a URL path or a log.
    Deregistration and purging blank every personal field and delete the persons, so
    only the anonymous row (country, kind, dates) is left for counts.
    """

    kind = models.CharField(_("type"), max_length=10, choices=RegistrationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    country = models.CharField(_("country"), max_length=2, db_index=True)
    post = optional_link("crisisportal.Post", related_name="national_registrations")
    registrant = optional_link(Person, related_name="national_registrations")
    email = models.EmailField(_("email"), blank=True, db_index=True)
    language = models.CharField(max_length=5, default="nl")
    whereabouts = models.CharField(_("whereabouts"), max_length=300, blank=True)
    stay_from = models.DateField(_("staying from"), null=True, blank=True)
    stay_until = models.DateField(_("staying until"), null=True, blank=True)
    consent_text = models.TextField(blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration of a national abroad")
        verbose_name_plural = _("registrations of nationals abroad")
        indexes = [
            models.Index(fields=["country", "status", "kind"], name="registration_country"),
            models.Index(fields=["status", "stay_until"], name="registration_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.country}"


class RegistrationMember(models.Model):
    """A family member travelling with the registrant (a person with a tie to them)."""

    registration = models.ForeignKey(
        NationalRegistration, on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "person"], name="registration_member_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.person_id)
