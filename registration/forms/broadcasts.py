"""Forms of the travel advice and broadcast pages: publishing advice (with colours per
region) and embassy messages."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_set, country_choices, textarea_rows
from crisisportal.forms.rendering import PortalForm, style_widgets
from registration.models import AdviceColour


class TravelAdviceForm(PortalForm):
    colour = forms.ChoiceField(label=_("Colour code"), choices=AdviceColour.choices)
    text = forms.CharField(
        label=_("Advice"),
        widget=textarea_rows(8),
        help_text=_("Registrants receive this text by email."),
    )


class RegionColourForm(PortalForm):
    """One row of the optional colours per region; a row left empty is skipped."""

    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    colour = forms.ChoiceField(label=_("Colour of the region"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_set(self, "colour", [("", "—"), *AdviceColour.choices])

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
        widget=textarea_rows(8),
        help_text=_("Sent by email to the extended registrants of the country only."),
    )

    def __init__(self, *args: Any, countries_choosable: list[str] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_set(self, "country", [("", "—"), *country_choices(countries_choosable)])
        style_widgets(self)
