"""Forms of a trigger document's settings: the document, its review participants and the
contacts of its measure owners."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.crises import staff_label
from crisisportal.forms.fields import TimeInput, choices_offer, offered_choice, offered_ticks
from crisisportal.forms.rendering import PortalForm, style_widgets
from crisisportal.models import Crisis, Post
from triggers.forms.fields import guests_field
from triggers.models import (
    INVITED_ORGANISATIONS,
    MeasureOwner,
    Weekday,
)


class DocumentForm(PortalForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    crisis = offered_choice(
        _("Crisis"),
        Crisis,
        help_text=_("Leave empty for a peace-time document; attach it when a crisis opens."),
    )
    posts = offered_ticks(_("Posts"), Post, required=True)
    review_weekday = forms.TypedChoiceField(
        label=_("Weekly review day"), choices=Weekday.choices, coerce=int, initial=0
    )
    review_time = forms.TimeField(label=_("Weekly review time"), widget=TimeInput, initial="10:00")
    active = forms.BooleanField(label=_("Active (reviewed weekly)"), required=False, initial=True)

    def __init__(self, *args: Any, crises: Any, posts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "crisis", crises)
        choices_offer(self, "posts", posts)


class ParticipantsForm(PortalForm):
    """The standing participants of a document's weekly review."""

    users = offered_ticks(
        _("Staff members"),
        get_user_model(),
        help_text=_("DCC staff of the crisis; reminded in the portal and by email."),
    )
    posts = offered_ticks(
        _("Posts"),
        Post,
        help_text=_("Reminded in the post's functional mailbox and its staff's inbox."),
    )
    guests = guests_field(_("Others who take part without being reminded by the portal."))

    def __init__(self, *args: Any, users: Any, posts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_offer(self, "users", users, staff_label)
        choices_offer(self, "posts", posts)
        guests = self.fields.pop("guests")
        for organisation in INVITED_ORGANISATIONS:
            self.fields[f"ministry_{organisation.value}"] = forms.EmailField(
                label=gettext("Contact email of %s") % organisation.label,
                required=False,
                help_text=_("Fill in to invite this ministry; leave empty otherwise."),
            )
        self.fields["guests"] = guests
        style_widgets(self)

    def ministry_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("ministry_")]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "users": data["users"],
            "posts": data["posts"],
            "guests": data["guests"],
            "ministries": {
                name.removeprefix("ministry_"): data[name] or ""
                for name in data
                if name.startswith("ministry_")
            },
        }


class OwnerContactForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("Owner"),
        choices=[(k, label) for k, label in MeasureOwner.choices if k != MeasureOwner.POST],
    )
    name = forms.CharField(
        label=_("Owner (name)"),
        max_length=200,
        required=False,
        help_text=_(
            "As written in the measures, e.g. DCV or JenV. Leave empty to reach every owner "
            "of this kind without a contact of its own."
        ),
    )
    email = forms.EmailField(label=_("Contact email"))
