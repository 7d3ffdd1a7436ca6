"""Forms of the public registration pages (nationals abroad, no account).

Labels and texts are translatable msgids: the pages are in Dutch and English, and the
consent text stored with a registration is the text in the language it was shown in.
"""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.fields import date_field
from crisisportal.forms.rendering import PortalForm
from registration.models import CHILD_KINDS, FamilyTieKind, RegistrationKind

MAX_MEMBERS = 10

# The consent text per type of registration, shown above the consent box and stored with
# the registration exactly as shown (in the page's language).
CONSENT_TEXTS: dict[str, Promise] = {
    RegistrationKind.LIMITED: _(
        "I agree that the Ministry of Foreign Affairs stores my name, date of birth, email "
        "address, the country and the family members I give here, in order to email me when "
        "the travel advice for this country changes. Registering is voluntary. I can change "
        "or end my registration at any time with my personal link; ending it deletes these "
        "details."
    ),
    RegistrationKind.EXTENDED: _(
        "I agree that the Ministry of Foreign Affairs stores my name, date of birth, email "
        "address, phone number, whereabouts, period of stay and the family members I give "
        "here, and shares them with the Dutch embassy or consulate for the country, in order "
        "to send me the embassy's messages and the changes in the travel advice, and to "
        "reach me in an emergency. Registering is voluntary. I can change or end my "
        "registration at any time with my personal link; ending it deletes these details. "
        "My registration ends after the end of my stay."
    ),
}


def _country_choices() -> list[tuple[str, str]]:
    # A callable: the names follow the language of the request, not the one at import.
    return [("", "—"), *((str(code), str(name)) for code, name in countries)]


class RegistrationForm(PortalForm):
    """The registrant and their stay. Whereabouts, period of stay and phone are asked only
    for an extended registration (a limited one needs no more than the country)."""

    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    date_of_birth = date_field(_("Date of birth"), required=False)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send a link to confirm your registration to this address."),
    )
    whereabouts = forms.CharField(
        label=_("Where are you staying?"),
        max_length=300,
        help_text=_("The place and address, for example the city and your hotel."),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        help_text=_("A number on which the embassy can reach you in the country."),
    )
    stay_from = date_field(_("Staying from"), required=False)
    stay_until = date_field(_("Staying until"))
    consent = forms.BooleanField(label=_("I have read this text and I agree"))

    EXTENDED_FIELDS = ("whereabouts", "phone", "stay_from", "stay_until")

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == RegistrationKind.LIMITED:
            for name in self.EXTENDED_FIELDS:
                del self.fields[name]
            self.fields["country"].help_text = _(
                "You receive the changes in the travel advice for this country."
            )
        else:
            self.fields["country"].help_text = _("The country where you are staying.")

    @property
    def consent_text(self) -> str:
        return str(CONSENT_TEXTS[self.kind])

    def clean_stay_until(self) -> Any:
        stay_until = self.cleaned_data.get("stay_until")
        if stay_until and stay_until < timezone.localdate():
            raise forms.ValidationError(_("The end of your stay is in the past."))
        return stay_until

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()


class MemberForm(PortalForm):
    """A family member travelling with the registrant."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    date_of_birth = date_field(_("Date of birth"), required=False)
    kind = forms.ChoiceField(
        label=_("Relation to you"), choices=[("", "—"), *FamilyTieKind.choices]
    )
    dependent = forms.BooleanField(
        label=_("Dependent on me"),
        required=False,
        help_text=_("Only for a child: a child who lives with you and depends on you."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("dependent") and data.get("kind") and data["kind"] not in CHILD_KINDS:
            self.add_error("dependent", _("Only a child can be dependent."))
        return data


class BaseMemberFormSet(forms.BaseFormSet):
    def members(self) -> list[dict[str, Any]]:
        """The family members as registration_submit/_update take them (rows left empty or
        marked for removal are left out)."""
        return [
            {key: form.cleaned_data[key] for key in MemberForm.base_fields}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


MemberFormSet = forms.formset_factory(
    MemberForm,
    formset=BaseMemberFormSet,
    extra=1,
    max_num=MAX_MEMBERS,
    validate_max=True,
    absolute_max=MAX_MEMBERS,
    can_delete=True,
    can_delete_extra=False,
)
MEMBERS_PREFIX = "members"


def member_rows_as_initial(data: Any) -> list[dict[str, Any]]:
    """The member rows typed so far, as initial values: "Add another family member" shows
    them again with one more empty row, without validating (nor storing) anything yet."""
    try:
        total = min(int(data.get(f"{MEMBERS_PREFIX}-TOTAL_FORMS", 0)), MAX_MEMBERS)
    except ValueError:
        total = 0
    rows = []
    for index in range(total):
        prefix = f"{MEMBERS_PREFIX}-{index}-"
        if data.get(prefix + "DELETE"):
            continue
        row: dict[str, Any] = {name: data.get(prefix + name, "") for name in MemberForm.base_fields}
        row["dependent"] = bool(row["dependent"])
        if any(value for value in row.values()):
            rows.append(row)
    return rows[: MAX_MEMBERS - 1]


def form_values_as_initial(form_class: type[forms.Form], data: Any) -> dict[str, Any]:
    return {name: data.get(name) for name in form_class.base_fields if data.get(name)}


class RegistrationUpdateForm(PortalForm):
    """What a registrant may change later; the type and country stay (register anew for
    another country)."""

    whereabouts = forms.CharField(label=_("Where are you staying?"), max_length=300)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    stay_until = date_field(_("Staying until"))

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == RegistrationKind.LIMITED:
            for name in list(self.fields):
                del self.fields[name]

    def clean_stay_until(self) -> Any:
        stay_until = self.cleaned_data.get("stay_until")
        if stay_until and stay_until < timezone.localdate():
            raise forms.ValidationError(_("The end of your stay is in the past."))
        return stay_until


class NewLinkForm(PortalForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The address you registered with."),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()
