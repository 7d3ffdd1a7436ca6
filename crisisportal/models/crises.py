import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.models.choices import (
    CrisisChangeKind,
    CrisisKind,
    CrisisPhase,
    EscalationLevel,
    InformedParty,
)
from crisisportal.models.fields import UUIDModel, staff_link
from crisisportal.models.posts import Post


@pghistory.track()
class Crisis(UUIDModel):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=CrisisKind.choices)
    countries = ArrayField(models.CharField(max_length=2), verbose_name=_("countries"))
    posts = models.ManyToManyField(
        Post, related_name="crises", blank=True, verbose_name=_("affected posts")
    )
    phase = models.CharField(
        _("phase"),
        max_length=20,
        choices=CrisisPhase.choices,
        default=CrisisPhase.PRE_CRISIS,
        db_index=True,
    )
    escalation_level = models.CharField(
        _("escalation level"),
        max_length=20,
        choices=EscalationLevel.choices,
        default=EscalationLevel.DEPARTMENTAL,
    )
    special_council = models.CharField(_("special council"), max_length=100, blank=True)
    reporting_cadence_hours = models.PositiveSmallIntegerField(
        _("reporting cadence (hours)"),
        default=24,
        help_text=_("How often each affected post must file a situation report."),
    )
    summary = models.TextField(_("summary"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = staff_link(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")
        indexes = [GinIndex(fields=["countries"], name="crisis_countries_gin")]
        permissions = [
            ("work_crisis", "Work on the crisis: meetings, alerts, decisions"),
            ("manage_crisis", "Manage the crisis: phase, escalation, members"),
            ("report_crisis", "File situation reports for the crisis"),
            ("work_cases", "Work evacuation cases of the crisis"),
            ("view_picture_crisis", "Read the crisis picture: all sitreps, meetings, decisions"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.phase == CrisisPhase.CLOSED

    def country_names(self) -> list[str]:
        return [str(countries.name(code)) or code for code in self.countries]


@pghistory.track()
class CrisisChange(UUIDModel):
    """A recorded decision that changed a crisis's phase or escalation level."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind"), max_length=20, choices=CrisisChangeKind.choices)
    from_value = models.CharField(_("from"), max_length=30, blank=True)
    to_value = models.CharField(_("to"), max_length=30)
    rationale = models.TextField(_("rationale"))
    decided_by = models.CharField(
        _("decided by"),
        max_length=200,
        help_text=_("Who took the decision, e.g. the Secretary-General."),
    )
    informed = ArrayField(
        models.CharField(max_length=30, choices=InformedParty.choices),
        default=list,
        blank=True,
        verbose_name=_("informed"),
    )
    informed_other = models.CharField(_("also informed"), max_length=300, blank=True)
    decided_at = models.DateTimeField(_("decided at"))
    recorded_by = staff_link(verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-recorded_at"]
        indexes = [models.Index(fields=["crisis", "-decided_at"], name="crisischange_timeline")]
        verbose_name = _("crisis change")
        verbose_name_plural = _("crisis changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.from_value} → {self.to_value}"

    def _label(self, value: str) -> str:
        escalations = (CrisisChangeKind.ESCALATION, CrisisChangeKind.DE_ESCALATION)
        choices = EscalationLevel if self.kind in escalations else CrisisPhase
        try:
            return str(choices(value).label)
        except ValueError:
            return value

    @property
    def from_label(self) -> str:
        return self._label(self.from_value) if self.from_value else ""

    @property
    def to_label(self) -> str:
        return self._label(self.to_value)

    def informed_labels(self) -> list[str]:
        return [str(InformedParty(value).label) for value in self.informed]
