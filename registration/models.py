"""Persons, their family ties and documents, and the local staff register.

Codes stored in the database are the codes of the public API (contract v1, issue 7), so the
API maps fields 1:1: sex `female`/`male`/`other`/`unknown`, territories `NL`/`AW`/`CW`/`SX`/
`BQ`, relation kinds `spouse` ... `sibling`, employers `defence`/`police`/`embassy`, and so on.
"""

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.normalise import normalise_document_number, normalise_name, normalise_phone


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class PersonSource(models.TextChoices):
    SELF_REGISTRATION = "self-registration", _("Self-registration")
    POST = "post", _("Post")
    DEFENCE = "defence", _("Defence")
    IMPORT = "import", _("Import")
    CALL_TEAM = "call-team", _("Call team")


class Territory(models.TextChoices):
    """Territories of the Kingdom whose residence permits count (BQ = Bonaire, Sint Eustatius, Saba)."""

    NL = "NL", _("The Netherlands")
    AW = "AW", _("Aruba")
    CW = "CW", _("Curaçao")
    SX = "SX", _("Sint Maarten")
    BQ = "BQ", _("Bonaire, Sint Eustatius and Saba")


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    IDENTITY_CARD = "identity-card", _("Identity card")
    RESIDENCE_PERMIT = "residence-permit", _("Residence permit card")
    LAISSEZ_PASSER = "laissez-passer", _("Laissez-passer")
    OTHER = "other", _("Other document")


class FamilyTieKind(models.TextChoices):
    """The related person's role towards the person (`child`: the related person is a child)."""

    SPOUSE = "spouse", _("Spouse")
    REGISTERED_PARTNER = "registered-partner", _("Registered partner")
    # Notarial cohabitation agreement and a joint household.
    COHABITATION_PARTNER = "cohabitation-partner", _("Cohabitation partner")
    CHILD = "child", _("Child")
    ADOPTED_CHILD = "adopted-child", _("Adopted child")
    STEP_CHILD = "step-child", _("Step-child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")


CHILD_KINDS = frozenset(
    {FamilyTieKind.CHILD, FamilyTieKind.ADOPTED_CHILD, FamilyTieKind.STEP_CHILD}
)
PARTNER_KINDS = frozenset(
    {
        FamilyTieKind.SPOUSE,
        FamilyTieKind.REGISTERED_PARTNER,
        FamilyTieKind.COHABITATION_PARTNER,
    }
)


def inverse_tie_kind(kind: str, *, child_kind: str = FamilyTieKind.CHILD) -> str:
    """The kind seen from the other side: partners and siblings are symmetric, a child's
    other side is a parent. A parent's other side is a child of `child_kind`."""
    if kind in CHILD_KINDS:
        return FamilyTieKind.PARENT
    if kind == FamilyTieKind.PARENT:
        return child_kind
    return kind


class Employer(models.TextChoices):
    DEFENCE = "defence", _("Defence (military mission)")
    POLICE = "police", _("Police mission")
    EMBASSY = "embassy", _("Embassy")


class ContractType(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment contract")
    FREELANCE = "freelance", _("Freelance")


class LocalStaffRole(models.TextChoices):
    INTERPRETER = "interpreter", _("Interpreter")
    SECURITY = "security", _("Security guard")
    DRIVER = "driver", _("Driver")
    ADMINISTRATIVE = "administrative", _("Administrative")
    OTHER = "other", _("Other")


@pghistory.track()
class Person(models.Model):
    """One record per human being, shared by every source (registrations, Defence, posts)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
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
    # person before any registration or employment links it to the post (registration.access).
    registered_by_post = models.ForeignKey(
        "crisisportal.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_persons",
        verbose_name=_("registered by post"),
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
class ResidencePermit(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
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
class IdentityDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
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
class FamilyTie(models.Model):
    """A family tie as seen from `person`: `related_person` is `person`'s <kind>.

    Ties are stored as one row per direction, both written together by the services (the
    two rows share `pair_id`). That makes "the ties of X" one indexed filter on `person`
    and shows the tie on both persons; the inverse kind follows `inverse_tie_kind`. The
    `dependent` flag belongs to the pair (a dependent child) and is the same on both rows.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
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


@pghistory.track()
class LocalStaffEmployment(models.Model):
    """A locally hired staff member's employment; unique per employer and its reference."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="local_staff_employments"
    )
    employer = models.CharField(_("employer"), max_length=20, choices=Employer.choices)
    # For an embassy: which post; for missions the mission name identifies it.
    post = models.ForeignKey(
        "crisisportal.Post",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_staff",
        verbose_name=_("post"),
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


class PersonMerge(models.Model):
    """The record of an explicit merge: who merged which record into which, a snapshot of
    the removed record and every row that was moved, so the merge can be inspected and, if
    it was wrong, undone by hand from this record and the pghistory events."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    surviving_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="merges"
    )
    merged_person_id = models.UUIDField(db_index=True)
    merged_person_snapshot = models.JSONField(encoder=DjangoJSONEncoder)
    # [{"model": "app.Model", "pk": "...", "field": "person"}, ...]
    moved_objects = models.JSONField(default=list)
    # Records that could not simply move (e.g. two evacuation cases in one crisis) and were
    # combined by a merge hook: [{"model": ..., "pk": removed, "into": kept, "snapshot": ...}]
    combined_objects = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason"), blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")

    def __str__(self) -> str:
        return f"{self.merged_person_id} → {self.surviving_person_id}"


class RegistrationKind(models.TextChoices):
    LIMITED = "limited", _("Limited: travel advice changes only")
    EXTENDED = "extended", _("Extended: messages from the embassy")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting email confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DEREGISTERED = "deregistered", _("Deregistered")
    EXPIRED = "expired", _("Expired")


@pghistory.track()
class NationalRegistration(models.Model):
    """A national abroad who registered voluntarily on the public page.

    Counts only once confirmed by email. The registrant reaches it through a personal
    link whose secret is stored hashed (`token_hash`), never in a URL path or a log.
    Deregistration and purging blank every personal field and delete the persons, so
    only the anonymous row (country, kind, dates) is left for counts.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=RegistrationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    country = models.CharField(_("country"), max_length=2, db_index=True)
    post = models.ForeignKey(
        "crisisportal.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="national_registrations",
    )
    registrant = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="national_registrations",
    )
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


class AdviceColour(models.TextChoices):
    GREEN = "green", _("Green: no special security risks")
    YELLOW = "yellow", _("Yellow: security risks, be alert")
    ORANGE = "orange", _("Orange: only necessary travel")
    RED = "red", _("Red: do not travel")


@pghistory.track()
class TravelAdvice(models.Model):
    """One version of the travel advice for a country; the highest published version is current."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = models.CharField(_("country"), max_length=2)
    version = models.PositiveIntegerField()
    colour = models.CharField(_("colour code"), max_length=10, choices=AdviceColour.choices)
    # {"Kabul": "red", ...}: optional colours per region.
    regions = models.JSONField(_("regions"), default=dict, blank=True)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["country", "-version"]
        verbose_name = _("travel advice")
        verbose_name_plural = _("travel advice")
        constraints = [
            models.UniqueConstraint(fields=["country", "version"], name="travel_advice_version")
        ]

    def __str__(self) -> str:
        return f"{self.country} v{self.version}"


class BroadcastKind(models.TextChoices):
    TRAVEL_ADVICE = "travel-advice", _("Travel advice changed")
    EMBASSY_MESSAGE = "embassy-message", _("Embassy message")


@pghistory.track()
class Broadcast(models.Model):
    """A message to the confirmed registrants of a country, fanned out by Celery."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=BroadcastKind.choices)
    country = models.CharField(_("country"), max_length=2)
    travel_advice = models.ForeignKey(
        TravelAdvice, on_delete=models.PROTECT, null=True, blank=True, related_name="broadcasts"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once every recipient has a delivery row (the fan-out is idempotent until then).
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")

    def __str__(self) -> str:
        return self.subject


class BroadcastDeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class BroadcastDelivery(models.Model):
    """One row per broadcast and registration: the unique constraint is what makes a
    broadcast reach a registrant at most once, whatever workers or Redis do."""

    id = models.BigAutoField(primary_key=True)
    broadcast = models.ForeignKey(Broadcast, on_delete=models.CASCADE, related_name="deliveries")
    registration = models.ForeignKey(
        NationalRegistration, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10,
        choices=BroadcastDeliveryStatus.choices,
        default=BroadcastDeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    notification = models.ForeignKey(
        "crisisportal.Notification", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["broadcast", "registration"], name="broadcast_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["broadcast", "status"], name="broadcast_delivery_status")]

    def __str__(self) -> str:
        return f"{self.broadcast_id}:{self.registration_id} {self.status}"


class LocalStaffImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be checked")
    VALIDATING = "validating", _("Checking every row")
    VALIDATED = "validated", _("Checked")
    APPLYING = "applying", _("Importing")
    APPLIED = "applied", _("Imported")
    FAILED = "failed", _("Failed")


class LocalStaffImportUpload(models.Model):
    """An uploaded local staff file between its preview and its import.

    The file is kept here, server-side (never in the session cookie), so the preview and the
    import, both run by Celery, read the very bytes the user saw checked. Its content is
    blanked once imported, and every upload is deleted a day after it was made
    (local_staff_import_uploads_purge), imported or not: it holds personal data.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=LocalStaffImportStatus.choices,
        default=LocalStaffImportStatus.PENDING,
    )
    # Problems with the file as a whole (unreadable, wrong headers): no rows were checked.
    file_errors = models.JSONField(default=list, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    # Rows checked so far, for the progress shown while Celery checks a big file.
    checked_count = models.PositiveIntegerField(default=0)
    valid_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    error_row_count = models.PositiveIntegerField(default=0)
    duplicate_row_count = models.PositiveIntegerField(default=0)
    # Rows whose employer's reference is already registered (the import updates those).
    existing_count = models.PositiveIntegerField(default=0)
    only_valid_rows = models.BooleanField(default=False)
    # {"created": n, "updated": n, "skipped": n} once imported; {"error": "..."} if refused.
    result = models.JSONField(default=dict, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("local staff import")
        verbose_name_plural = _("local staff imports")

    def __str__(self) -> str:
        return self.filename


class LocalStaffImportError(models.Model):
    """One error of an uploaded file, by row (the header is row 1) and column."""

    id = models.BigAutoField(primary_key=True)
    upload = models.ForeignKey(
        LocalStaffImportUpload, on_delete=models.CASCADE, related_name="errors"
    )
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=50)
    message = models.CharField(max_length=500)

    class Meta:
        ordering = ["row", "id"]
        indexes = [models.Index(fields=["upload", "row", "id"], name="staff_import_error_row")]

    def __str__(self) -> str:
        return f"{self.row} {self.column}"


class LocalStaffImportDuplicate(models.Model):
    """A person already registered who is probably the person of a row: reported to the
    user, never merged by the import."""

    id = models.BigAutoField(primary_key=True)
    upload = models.ForeignKey(
        LocalStaffImportUpload, on_delete=models.CASCADE, related_name="duplicates"
    )
    row = models.PositiveIntegerField()
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0.0)

    class Meta:
        ordering = ["row", "-score", "id"]
        indexes = [models.Index(fields=["upload", "row"], name="staff_import_duplicate_row")]

    def __str__(self) -> str:
        return f"{self.row} {self.person_id}"
