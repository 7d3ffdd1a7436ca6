import pghistory
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from crisisportal.models.choices import EvacuationPlanLevel, PostKind
from crisisportal.models.fields import TimestampedModel


@pghistory.track()
class Post(TimestampedModel):
    """A diplomatic post abroad: embassy, consulate or permanent representation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PostKind.choices)
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=120)
    evacuation_plan_level = models.CharField(
        _("evacuation plan level"),
        max_length=20,
        choices=EvacuationPlanLevel.choices,
        default=EvacuationPlanLevel.BASIC,
    )
    email = models.EmailField(_("functional mailbox"), blank=True)
    # Post staff are members of this group; object permissions on crises are granted to it.
    staff_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="post", editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class PostMembership(models.Model):
    """A staff member working at a post (embassy staff, including locally engaged officers)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="unique_post_membership")
        ]
        verbose_name = _("post staff member")
        verbose_name_plural = _("post staff")

    def __str__(self) -> str:
        return f"{self.user} @ {self.post}"
