"""Forms of the staff pages of the register of nationals abroad: the filters."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.fields import choices_set, country_choices
from crisisportal.forms.rendering import PortalForm, style_widgets
from registration.models import RegistrationKind, RegistrationStatus


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
                choices=all_choice + country_choices(countries_choosable),
            )
        choices_set(self, "post", all_choice + [(str(p.pk), p.name) for p in posts])
        choices_set(self, "kind", all_choice + list(RegistrationKind.choices))
        choices_set(self, "status", all_choice + list(RegistrationStatus.choices))
        if not with_search:
            for name in ("q", "kind", "status"):
                del self.fields[name]
        style_widgets(self)
