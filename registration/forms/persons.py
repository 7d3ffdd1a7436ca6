"""Forms of the staff pages on persons: search, create and edit (with permits and documents
as formsets), family ties, duplicate confirmation and merges."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.fields import choices_set, date_field, textarea_rows
from crisisportal.forms.rendering import PortalForm, style_widgets
from registration.models import DocumentKind, FamilyTieKind, Person, Sex, Territory


def _country_code(value: str) -> str:
    code = value.strip().upper()
    if code and not countries.alpha2(code):
        raise forms.ValidationError(
            _("Unknown country code: %(code)s"), code="country", params={"code": code}
        )
    return code


class PersonSearchForm(PortalForm):
    q = forms.CharField(
        label=_("Name, document number or phone number"),
        max_length=200,
        required=False,
        help_text=_("Names are matched loosely: Mohammad also finds Muhammad and Mohammed."),
    )


class PersonForm(PortalForm):
    """Every field of a person a staff member enters. The source is only chosen when the
    record is created (it says where the record came from); `sources` and `posts` are the
    choices the user may make (see views.persons._source_choices)."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    original_script_name = forms.CharField(
        label=_("Name in original script"),
        max_length=300,
        required=False,
        help_text=_("For example in Arabic or Cyrillic script, as in the person's passport."),
    )
    date_of_birth = date_field(_("Date of birth"), required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1880,
        max_value=2100,
        help_text=_("Only when the full date of birth is not known."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    nationalities = forms.CharField(
        label=_("Nationalities"),
        max_length=200,
        required=False,
        help_text=_("Country codes (ISO 3166), separated by commas, for example NL, AF."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    messaging_handle = forms.CharField(
        label=_("Messaging handle"),
        max_length=100,
        required=False,
        help_text=_("For example a Signal or WhatsApp number or user name."),
    )
    location_country = forms.CharField(
        label=_("Current country"),
        max_length=2,
        required=False,
        help_text=_("Country code (ISO 3166), for example AF."),
    )
    location_place = forms.CharField(label=_("Current place"), max_length=200, required=False)
    source = forms.ChoiceField(label=_("Source of this record"))
    registered_by_post = forms.ChoiceField(label=_("Registered by post"))

    def __init__(
        self,
        *args: Any,
        sources: list[tuple[str, Any]] | None = None,
        posts: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if sources:
            choices_set(self, "source", sources)
        else:
            del self.fields["source"]
        if posts:
            choices_set(self, "registered_by_post", posts)
        else:
            del self.fields["registered_by_post"]

    def clean_nationalities(self) -> list[str]:
        codes = self.cleaned_data["nationalities"].replace(";", ",").split(",")
        cleaned = []
        errors = []
        for part in codes:
            if not part.strip():
                continue
            try:
                cleaned.append(_country_code(part))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return sorted(set(cleaned))

    def clean_location_country(self) -> str:
        return _country_code(self.cleaned_data["location_country"])

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        return {
            "given_names": person.given_names,
            "family_name": person.family_name,
            "original_script_name": person.original_script_name,
            "date_of_birth": person.date_of_birth,
            # The year is derived from a full date; show it only when it stands alone.
            "birth_year": None if person.date_of_birth else person.birth_year,
            "sex": person.sex,
            "nationalities": ", ".join(person.nationalities),
            "phone": person.phone,
            "email": person.email,
            "messaging_handle": person.messaging_handle,
            "location_country": person.location_country,
            "location_place": person.location_place,
        }


class _PortalFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
        style_widgets(form)


def formset_entries(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The filled-in rows of a valid formset, without the ones marked for removal (as the
    services take permits and documents)."""
    return [
        {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class ResidencePermitForm(PortalForm):
    territory = forms.ChoiceField(label=_("Territory"), choices=[("", "—"), *Territory.choices])
    valid_until = date_field(_("Valid until"), required=False)


class IdentityDocumentForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("Type of document"), choices=[("", "—"), *DocumentKind.choices]
    )
    number = forms.CharField(label=_("Document number"), max_length=50)
    issuing_country = forms.CharField(
        label=_("Issuing country"),
        max_length=2,
        help_text=_("Country code (ISO 3166), for example NL."),
    )
    expires_on = date_field(_("Expiry date"), required=False)

    def clean_issuing_country(self) -> str:
        return _country_code(self.cleaned_data["issuing_country"])


ResidencePermitFormSet = forms.formset_factory(
    ResidencePermitForm, formset=_PortalFormSet, extra=1, can_delete=True, max_num=20
)
IdentityDocumentFormSet = forms.formset_factory(
    IdentityDocumentForm, formset=_PortalFormSet, extra=1, can_delete=True, max_num=20
)


class DuplicateConfirmForm(PortalForm):
    """Shown with the likely duplicates: saving anyway needs an explicit confirmation,
    which covers only the candidates the user was shown (`shown`, their ids)."""

    confirm_different = forms.BooleanField(
        label=_("This is a different person: save anyway"), required=False
    )
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def confirmed_ids(self) -> set[str]:
        if not self.is_valid() or not self.cleaned_data["confirm_different"]:
            return set()
        return {part for part in self.cleaned_data["shown"].split(",") if part}


class FamilyTieForm(PortalForm):
    """Add a tie: the related person is chosen from a search among the persons the user
    may see (`candidates`); `q` carries the search along with the POST."""

    q = forms.CharField(widget=forms.HiddenInput, required=False)
    related_person = forms.ChoiceField(
        label=_("Family member"), widget=forms.RadioSelect, choices=[]
    )
    kind = forms.ChoiceField(
        label=_("Relation"),
        choices=[("", "—"), *FamilyTieKind.choices],
        help_text=_("What the chosen person is to this person, for example their spouse."),
    )
    dependent = forms.BooleanField(
        label=_("Dependent (a child who depends on the parent)"), required=False
    )

    def __init__(self, *args: Any, candidates: Iterable[Person] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["related_person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(person.pk), person_label(person)) for person in candidates]


def person_label(person: Person) -> str:
    """Name, birth and nationalities: enough to tell namesakes apart in a choice."""
    born = (
        person.date_of_birth.isoformat()
        if person.date_of_birth
        else (str(person.birth_year) if person.birth_year else "")
    )
    details = ", ".join(part for part in (born, " ".join(person.nationalities)) if part)
    return f"{person.full_name} ({details})" if details else person.full_name


class PersonMergeForm(PortalForm):
    reason = forms.CharField(
        label=_("Reason for the merge"),
        widget=textarea_rows(3),
        max_length=2000,
        help_text=_("Why these two records are the same person, for example the same passport."),
    )
