"""How measure owners without an account are reached."""

import pghistory
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from triggers.models.base import AddedItem, owner_name
from triggers.models.documents import TriggerDocument
from triggers.models.scenarios import MeasureOwner


@pghistory.track()
class OwnerContact(AddedItem):
    """How a measure owner without an account is reached: a directorate, Defence or another
    ministry by name, with a contact address. A contact without a name reaches every owner of
    its kind that has no contact of its own."""

    document = models.ForeignKey(
        TriggerDocument, on_delete=models.CASCADE, related_name="owner_contacts"
    )
    kind = models.CharField(_("owner"), max_length=20, choices=MeasureOwner.choices)
    name = owner_name(_("As written in the measures, e.g. DCV or JenV."))
    email = models.EmailField(_("contact email"))

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint("document", "kind", Lower("name"), name="unique_owner_contact"),
            models.CheckConstraint(condition=~models.Q(kind="post"), name="owner_contact_not_post"),
        ]
        verbose_name = _("owner contact")
        verbose_name_plural = _("owner contacts")

    def __str__(self) -> str:
        label = str(self.get_kind_display())
        return f"{label}: {self.name}" if self.name else label
