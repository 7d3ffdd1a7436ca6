"""Forms of staff accounts and profiles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.rendering import PortalForm
from crisisportal.models import (
    Organisation,
)


class StaffProfileForm(PortalForm):
    organisation = forms.ChoiceField(label=_("Organisation"), choices=Organisation.choices)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", _("Dutch")), ("en", _("English"))]
    )
    is_dcc = forms.BooleanField(
        label=_("DCC staff (may open crises and manage posts)"), required=False
    )
    in_flexible_shell = forms.BooleanField(label=_("Member of the flexible shell"), required=False)


class StaffAccountForm(StaffProfileForm):
    """A new account: who it is, then the profile."""

    email = forms.EmailField(label=_("Email"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    field_order = ["email", "first_name", "last_name"]
