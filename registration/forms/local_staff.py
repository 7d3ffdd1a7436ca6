"""Forms of the local staff register: filters, registration with family members, import."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from crisisportal.forms.fields import choices_set, date_field
from crisisportal.forms.rendering import PortalForm
from crisisportal.models import Post
from registration.models import ContractType, Employer, FamilyTieKind, LocalStaffRole, Sex
from registration.services.local_staff import LOCAL_STAFF_PERSON_FIELDS


class LocalStaffFilterForm(PortalForm):
    q = forms.CharField(label=_("Name or reference"), required=False, max_length=200, strip=True)
    employer = forms.ChoiceField(
        label=_("Employer"), required=False, choices=[("", _("All")), *Employer.choices]
    )
    post = forms.ChoiceField(label=_("Post"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All")), *LocalStaffRole.choices]
    )
    mission = forms.CharField(label=_("Mission"), required=False, max_length=200)
    contract_type = forms.ChoiceField(
        label=_("Contract type"),
        required=False,
        choices=[("", _("All")), *ContractType.choices],
    )

    def __init__(self, *args: Any, posts: list[Post], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_set(self, "post", [("", _("All")), *[(str(p.pk), p.name) for p in posts]])


def _nationality_codes(value: str) -> list[str]:
    codes = [c.strip().upper() for c in value.replace(";", ",").split(",") if c.strip()]
    unknown = [c for c in codes if not countries.alpha2(c)]
    if unknown:
        raise forms.ValidationError(
            _("Unknown country code: %(code)s"), params={"code": ", ".join(unknown)}
        )
    return codes


class LocalStaffForm(PortalForm):
    """The person and their employment. A mission needs its name, an embassy its post
    (checked again by the service); the post is one of the user's posts."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    date_of_birth = date_field(_("Date of birth"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    nationalities = forms.CharField(
        label=_("Nationalities"),
        required=False,
        max_length=100,
        help_text=_("Country codes (ISO 3166), separated by commas, for example AF, NL."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    employer = forms.ChoiceField(label=_("Employer"), choices=Employer.choices)
    post = forms.ChoiceField(
        label=_("Post"), required=False, help_text=_("For staff of an embassy.")
    )
    mission = forms.CharField(
        label=_("Mission"),
        required=False,
        max_length=200,
        help_text=_("Required for a military or police mission."),
    )
    employer_reference = forms.CharField(label=_("Employer's reference"), max_length=100)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    role = forms.ChoiceField(label=_("Role"), choices=LocalStaffRole.choices)
    start_date = date_field(_("Start of employment"), required=False)
    end_date = date_field(_("End of employment"), required=False)

    def __init__(
        self,
        *args: Any,
        posts: list[Post],
        employers: list[tuple[str, Any]],
        ask_confirmation: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.posts = {str(p.pk): p for p in posts}
        choices_set(self, "post", [("", "—"), *[(str(p.pk), p.name) for p in posts]])
        choices_set(self, "employer", employers)
        if ask_confirmation:
            self.fields["confirm_different_person"] = forms.BooleanField(
                label=_("This is a different person from the possible duplicates listed"),
                required=False,
            )
            from crisisportal.forms.rendering import style_widgets

            style_widgets(self)

    def clean_nationalities(self) -> list[str]:
        return _nationality_codes(self.cleaned_data["nationalities"])

    def clean_post(self) -> Post | None:
        value = self.cleaned_data["post"]
        return self.posts.get(value) if value else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("employer") == Employer.EMBASSY and not cleaned.get("post"):
            self.add_error("post", _("Choose the post that employs this person."))
        if cleaned.get("employer") in (Employer.DEFENCE, Employer.POLICE) and not cleaned.get(
            "mission"
        ):
            self.add_error("mission", _("Give the name of the military or police mission."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end of employment is before its start."))
        return cleaned

    def person_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in LOCAL_STAFF_PERSON_FIELDS}

    def employment_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "employer": data["employer"],
            "reference": data["employer_reference"],
            "contract_type": data["contract_type"],
            "role": data["role"],
            "mission": data["mission"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "post": data["post"],
        }


class FamilyMemberForm(PortalForm):
    """A family member of the staff member; a blank form is skipped. Its fields are not
    marked required: the whole form is optional, but a filled one needs a name and relation."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    date_of_birth = date_field(_("Date of birth"), required=False)
    kind = forms.ChoiceField(
        label=_("Relation to the staff member"),
        required=False,
        choices=[("", "—"), *FamilyTieKind.choices],
        help_text=_("What the family member is to the staff member, e.g. their child."),
    )
    dependent = forms.BooleanField(label=_("Dependent (a child)"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.is_blank():
            if not cleaned.get("family_name"):
                self.add_error("family_name", _("Give the family member's family name."))
            if not cleaned.get("kind"):
                self.add_error("kind", _("Choose the relation."))
        return cleaned

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name) for name in ("given_names", "family_name", "date_of_birth", "kind")
        )


FamilyMemberFormSet = forms.formset_factory(FamilyMemberForm, extra=2, max_num=20)


def family_members_of(formset: Any) -> list[dict[str, Any]]:
    return [form.cleaned_data for form in formset.forms if not form.is_blank()]


class LocalStaffImportForm(PortalForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV or Excel (.xlsx) file with the columns of the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.LOCAL_STAFF_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; split it into smaller files."),
                params={"limit": limit // (1024 * 1024)},
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class LocalStaffImportApplyForm(PortalForm):
    only_valid_rows = forms.BooleanField(required=False)

    def __init__(self, *args: Any, valid_count: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["only_valid_rows"].label = ngettext(
            "Import only the %(count)s valid row; skip the rows with errors",
            "Import only the %(count)s valid rows; skip the rows with errors",
            valid_count,
        ) % {"count": valid_count}
