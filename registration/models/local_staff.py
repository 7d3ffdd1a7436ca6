"""The local staff register: locally hired staff of embassies and missions and their employment.

Employer codes (`defence`/`police`/`embassy`) are the codes of the public API.
"""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import UUIDModel, optional_link
from registration.models.choices import ContractType, Employer, LocalStaffRole
from registration.models.persons import Person


@pghistory.track()
class LocalStaffEmployment(UUIDModel):
    """A locally hired staff member's employment; unique per employer and its reference."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="local_staff_employments"
    )
    employer = models.CharField(_("employer"), max_length=20, choices=Employer.choices)
    # For an embassy: which post; for missions the mission name identifies it.
    post = optional_link(
        "crisisportal.Post", _("post"), related_name="local_staff", on_delete=models.PROTECT
    )
    employer_reference = models.CharField(_("employer's reference"), max_length=100)
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices
    )
    role = models.CharField(_("role"), max_length=20, choices=LocalStaffRole.choices)
    mission = models.CharField(_("mission"), max_length=200, blank=True)
    start_date = models.DateField(_("start of employment"), null=True, blank=True)
    end_date = models.DateField(_("end of employment"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["employer", "employer_reference"]
        verbose_name = _("local staff employment")
        verbose_name_plural = _("local staff employments")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "employer_reference"], name="local_staff_unique_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="local_staff_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_employer_display()} {self.employer_reference}"
