"""The public help-request form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.fields import date_field, text_field
from crisisportal.forms.rendering import PortalForm
from evacuation.forms.fields import MultipleFileField
from evacuation.models.choices import ClaimedBasis


class HelpRequestForm(PortalForm):
    """The public form. Labels are translatable msgids; a new language (Dari, Pashto) needs
    only an entry in LANGUAGES and a catalogue, no code."""

    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    date_of_birth = date_field(label=_("Date of birth"))
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=[("", "—"), *countries], required=False
    )
    claimed_basis = forms.ChoiceField(
        label=_("Why should the Netherlands help you leave?"), choices=ClaimedBasis.choices
    )
    basis_detail = text_field(
        label=_("Details"),
        required=False,
        help_text=_(
            "For example: the name of the Dutch family member, or the mission you worked for."
        ),
        rows=3,
    )
    companions = text_field(
        label=_("Family members with you"),
        required=False,
        help_text=_("Name, date of birth and relation of each person, one per line."),
        rows=3,
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    location = forms.CharField(label=_("Where are you now?"), max_length=300)
    documents = text_field(
        label=_("Which documents do you have?"),
        required=False,
        help_text=_("For example: Dutch passport, residence permit, employment contract."),
    )
    attachments = MultipleFileField(
        label=_("Copies of your documents"),
        required=False,
        help_text=_(
            "Optional. PDF or photos (PNG, JPEG, GIF, WebP), at most 5 files of 8 MB each."
        ),
    )
