import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models import Crisis
from crisisportal.models.fields import UUIDModel, staff_link
from evacuation.models.choices import ReceptionOrganisationKind


@pghistory.track()
class ReceptionOrganisation(UUIDModel):
    """An organisation in the Netherlands to involve early in receiving evacuees."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="reception")
    kind = models.CharField(
        _("organisation"), max_length=20, choices=ReceptionOrganisationKind.choices
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    informed_on = models.DateField(_("informed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("reception organisation")
        verbose_name_plural = _("reception organisations")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


@pghistory.track()
class EvacueeInformation(UUIDModel):
    """A version of the information given to evacuees beforehand. Versions are never edited."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="evacuee_information")
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=10, default="en")
    text = models.TextField(_("text"))
    published_by = staff_link(null=True)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["crisis", "language", "version"], name="unique_evacuee_information_version"
            )
        ]
        verbose_name = _("evacuee information")
        verbose_name_plural = _("evacuee information")

    def __str__(self) -> str:
        return f"{self.crisis} v{self.version} ({self.language})"
