"""Forms of the staff pages of the registers: filters, travel advice and embassy messages."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.rendering import PortalForm, style_widgets
from registration.models import AdviceColour, RegistrationKind, RegistrationStatus


def _choices(form: forms.BaseForm, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _country_choices(codes: list[str] | None) -> list[tuple[str, str]]:
    if codes is None:
        return list(countries)
    return [(code, str(countries.name(code))) for code in codes]


class RegistrationFilterForm(PortalForm):
    """Shows the filters of the overview, list and export; the filtering itself is
    registration_filters_clean (unknown values match nothing)."""

    q = forms.CharField(
        label=_("Name or email"),
        required=False,
        max_length=100,
        help_text=_("Part of the registrant's name or email address."),
    )
    # A code, not a select of 250 countries, for DCC staff; post staff choose from theirs.
    country = forms.CharField(
        label=_("Country"),
        required=False,
        max_length=2,
        help_text=_("Two-letter country code, e.g. SD."),
    )
    post = forms.ChoiceField(label=_("Post"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(
        self,
        *args: Any,
        countries_choosable: list[str] | None,
        posts: list[Any],
        with_search: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        all_choice: list[tuple[str, Any]] = [("", _("All"))]
        if countries_choosable is not None:
            self.fields["country"] = forms.ChoiceField(
                label=_("Country"),
                required=False,
                choices=all_choice + _country_choices(countries_choosable),
            )
        _choices(self, "post", all_choice + [(str(p.pk), p.name) for p in posts])
        _choices(self, "kind", all_choice + list(RegistrationKind.choices))
        _choices(self, "status", all_choice + list(RegistrationStatus.choices))
        if not with_search:
            for name in ("q", "kind", "status"):
                del self.fields[name]
        style_widgets(self)


class TravelAdviceForm(PortalForm):
    colour = forms.ChoiceField(label=_("Colour code"), choices=AdviceColour.choices)
    text = forms.CharField(
        label=_("Advice"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Registrants receive this text by email."),
    )


class RegionColourForm(PortalForm):
    """One row of the optional colours per region; a row left empty is skipped."""

    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    colour = forms.ChoiceField(label=_("Colour of the region"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "colour", [("", "—"), *AdviceColour.choices])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        region, colour = cleaned.get("region", "").strip(), cleaned.get("colour", "")
        cleaned["region"] = region
        if region and not colour:
            self.add_error("colour", _("Choose the colour of this region."))
        if colour and not region:
            self.add_error("region", _("Name the region of this colour."))
        return cleaned


class BaseRegionColourFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            region = form.cleaned_data.get("region", "")
            if not region:
                continue
            if region.casefold() in seen:
                raise ValidationError(_("Name each region once."))
            seen.add(region.casefold())

    def regions(self) -> dict[str, str]:
        """{region: colour} of the filled rows (after is_valid())."""
        return {
            form.cleaned_data["region"]: form.cleaned_data["colour"]
            for form in self.forms
            if form.cleaned_data.get("region")
        }


# Three empty rows below the regions of the current version are enough to add regions;
# publish again to add more.
RegionColourFormSet = forms.formset_factory(
    RegionColourForm, formset=BaseRegionColourFormSet, extra=3, max_num=50, validate_max=True
)


class EmbassyMessageForm(PortalForm):
    country = forms.ChoiceField(label=_("Country"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent by email to the extended registrants of the country only."),
    )

    def __init__(self, *args: Any, countries_choosable: list[str] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "country", [("", "—"), *_country_choices(countries_choosable)])
        style_widgets(self)
