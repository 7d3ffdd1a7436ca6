"""Persons, their documents and residence permits, and family ties between persons.

One record per human being, whatever the source; the codes in its fields are the public
API's (registration.models.choices).
"""

import uuid

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.fields import UUIDModel, optional_link
from registration.models.choices import (
    DocumentKind,
    FamilyTieKind,
    PersonSource,
    Sex,
    Territory,
)
from registration.normalise import normalise_document_number, normalise_name, normalise_phone


@pghistory.track()
class Person(UUIDModel):
    """One record per human being, shared by every source (registrations, Defence, posts)."""

    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200)
    original_script_name = models.CharField(
        _("name in original script"), max_length=300, blank=True
    )
    # Either the full date, or only the year when the day is unknown (birth_year is always
    # filled when date_of_birth is, so duplicate detection can compare years alone).
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    nationalities = ArrayField(
        models.CharField(max_length=2),
        default=list,
        blank=True,
        verbose_name=_("nationalities"),
        help_text=_("ISO 3166-1 alpha-2 codes"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    messaging_handle = models.CharField(_("messaging handle"), max_length=100, blank=True)
    location_country = models.CharField(_("current country"), max_length=2, blank=True)
    location_place = models.CharField(_("current place"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=PersonSource.choices)
    # The post whose staff entered the record in the portal: its staff keep seeing the
    # person before any registration or employment links it to the post (registration.permissions).
    registered_by_post = optional_link(
        "crisisportal.Post", _("registered by post"), related_name="registered_persons"
    )
    # The source system's own identifier (e.g. Defence), unique per source.
    external_id = models.CharField(_("external id"), max_length=100, blank=True)

    # Derived search columns, kept in step by save() and by every bulk path (see services).
    name_normalised = models.CharField(max_length=600, blank=True, editable=False)
    phone_normalised = models.CharField(max_length=40, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            GinIndex(OpClass("name_normalised", name="gin_trgm_ops"), name="person_name_trgm"),
            models.Index(fields=["birth_year"], name="person_birth_year"),
            models.Index(
                fields=["phone_normalised"],
                condition=~models.Q(phone_normalised=""),
                name="person_phone",
            ),
            GinIndex(fields=["nationalities"], name="person_nationalities"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="person_unique_external_id",
            ),
        ]
        permissions = [("merge_person", "Merge duplicate persons")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "name_normalised",
                "phone_normalised",
                "birth_year",
                "updated_at",
            }
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p)

    def refresh_derived_fields(self) -> None:
        self.name_normalised = normalise_name(self.given_names, self.family_name)
        self.phone_normalised = normalise_phone(self.phone)
        if self.date_of_birth:
            self.birth_year = self.date_of_birth.year


@pghistory.track()
class ResidencePermit(UUIDModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="residence_permits")
    territory = models.CharField(_("territory"), max_length=2, choices=Territory.choices)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["territory", "valid_until"]
        verbose_name = _("residence permit")
        verbose_name_plural = _("residence permits")

    def __str__(self) -> str:
        return f"{self.territory} {self.valid_until or ''}".strip()


@pghistory.track()
class IdentityDocument(UUIDModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identity_documents")
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=50)
    number_normalised = models.CharField(max_length=50, editable=False, db_index=True)
    issuing_country = models.CharField(_("issuing country"), max_length=2)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "number"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.issuing_country}"

    def save(self, *args, **kwargs):
        self.number_normalised = normalise_document_number(self.number)
        super().save(*args, **kwargs)


@pghistory.track()
class FamilyTie(UUIDModel):
    """A family tie as seen from `person`: `related_person` is `person`'s <kind>.

    Ties are stored as one row per direction, both written together by the services (the
    two rows share `pair_id`). That makes "the ties of X" one indexed filter on `person`
    and shows the tie on both persons; the inverse kind follows `inverse_tie_kind`. The
    `dependent` flag belongs to the pair (a dependent child) and is the same on both rows.
    """

    pair_id = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family_ties")
    related_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="family_ties_inverse"
    )
    kind = models.CharField(_("relation"), max_length=30, choices=FamilyTieKind.choices)
    dependent = models.BooleanField(_("dependent"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "created_at"]
        verbose_name = _("family tie")
        verbose_name_plural = _("family ties")
        constraints = [
            models.UniqueConstraint(fields=["person", "related_person"], name="family_tie_once"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("related_person")), name="family_tie_not_self"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
