"""Forms of situation reports and their alerts."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crisisportal.forms.fields import DateInput, DateTimeLocalInput, textarea_rows
from crisisportal.forms.rendering import PortalForm, PortalModelForm
from crisisportal.models import (
    SITREP_FIELDS,
    SITREP_REQUIRED_TO_SUBMIT,
    CountryCamp,
    CountryStance,
    Post,
    Sitrep,
    Urgency,
)


class SitrepForm(PortalModelForm):
    post = forms.ModelChoiceField(label=_("Post"), queryset=Post.objects.none())

    class Meta:
        model = Sitrep
        fields = list(SITREP_FIELDS)
        widgets = {
            "period_start": DateTimeLocalInput(),
            "period_end": DateTimeLocalInput(),
            "urgency": forms.RadioSelect,
            "security_situation": textarea_rows(5),
            "local_authority_notes": textarea_rows(3),
            "essentials_notes": textarea_rows(3),
            "positive_developments": textarea_rows(4),
            "negative_developments": textarea_rows(4),
            "free_text": textarea_rows(4),
        }
        help_texts = {
            "urgency": _(
                "High alerts the crisis coordinator and the DCC at once, until they acknowledge it."
            ),
            "positive_developments": _("Required: reports show the good news and the bad."),
            "negative_developments": _("Required: reports show the good news and the bad."),
        }

    def __init__(self, *args: Any, posts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in SITREP_REQUIRED_TO_SUBMIT:
            self.fields[name].required = True
        self.fields["urgency"].choices = Urgency.choices  # type: ignore[attr-defined]
        if posts is None:
            del self.fields["post"]
        else:
            self.fields["post"].queryset = posts  # type: ignore[attr-defined]
            if len(posts) == 1:
                self.fields["post"].initial = posts.first().pk
            self.order_fields(["post"])


class CountryPositionForm(PortalForm):
    camp = forms.ChoiceField(label=_("Group"), choices=CountryCamp.choices)
    country = forms.ChoiceField(label=_("Country"), choices=list(countries))
    stance = forms.ChoiceField(label=_("Position"), choices=CountryStance.choices)
    observed_on = forms.DateField(label=_("Date"), widget=DateInput())
    details = forms.CharField(label=_("Details"), max_length=500, required=False)


class AttachmentForm(PortalForm):
    file = forms.FileField(
        label=_("Image or document"),
        help_text=_("PNG, JPEG, GIF, WebP or PDF, at most 8 MB."),
    )


class AcknowledgeForm(PortalForm):
    note = forms.CharField(
        label=_("Note"),
        widget=textarea_rows(3),
        help_text=_("What the DCC does with this alert."),
    )
