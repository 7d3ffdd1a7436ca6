"""Persons, family relations and local staff in the API's terms (camelCase, contract v1)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisisportal.api.fields import UtcDateTimeField
from registration.models import (
    ContractType,
    Employer,
    FamilyTieKind,
    LocalStaffRole,
    PersonSource,
    Sex,
    Territory,
)

COUNTRY_SCHEMA = {"type": "string", "pattern": "^[A-Z]{2}$", "example": "NL"}


@extend_schema_field(COUNTRY_SCHEMA)
class CountryCodeField(serializers.RegexField):
    """ISO 3166-1 alpha-2; the registration service checks that the code exists."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            r"^[A-Za-z]{2}$",
            error_messages={"invalid": "Use an ISO 3166-1 alpha-2 code, e.g. NL."},
            **kwargs,
        )

    def to_internal_value(self, data: Any) -> str:
        return str(super().to_internal_value(data)).upper()


class ResidencePermitSerializer(serializers.Serializer):
    territory = serializers.ChoiceField(choices=Territory.choices)
    validUntil = serializers.DateField(source="valid_until", allow_null=True, required=False)


class PersonInputSerializer(serializers.Serializer):
    givenNames = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    familyName = serializers.CharField(max_length=200)
    dateOfBirth = serializers.DateField(allow_null=True, required=False)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    nationalities = serializers.ListField(
        child=CountryCodeField(), required=False, default=list, max_length=20
    )
    residencePermits = ResidencePermitSerializer(many=True, required=False, default=list)
    externalId = serializers.CharField(
        max_length=100,
        allow_blank=True,
        required=False,
        default="",
        help_text="The source system's own identifier, unique per source.",
    )
    # A body member named like DRF's Field.source attribute; the metaclass takes it as a field.
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=PersonSource.choices, required=False, default=PersonSource.DEFENCE
    )


def person_service_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Validated PersonInput data as keyword arguments of the registration services."""
    return {
        "given_names": data["givenNames"],
        "family_name": data["familyName"],
        "date_of_birth": data.get("dateOfBirth"),
        "sex": data["sex"],
        "nationalities": data["nationalities"],
        "residence_permits": [
            {"territory": permit["territory"], "valid_until": permit.get("valid_until")}
            for permit in data["residencePermits"]
        ],
        "external_id": data["externalId"],
        "source": data["source"],
    }


# Service field -> member of the request body, for the service's ValidationErrors.
PERSON_FIELD_NAMES = {
    "given_names": "givenNames",
    "family_name": "familyName",
    "date_of_birth": "dateOfBirth",
    "birth_year": "dateOfBirth",
    "sex": "sex",
    "nationalities": "nationalities",
    "residence_permits": "residencePermits",
    "external_id": "externalId",
    "source": "source",
}


class RelationSerializer(serializers.Serializer):
    relatedPersonId = serializers.UUIDField(source="related_person_id")
    kind = serializers.ChoiceField(
        choices=FamilyTieKind.choices,
        help_text="The related person's role towards this person (`child`: a child of it).",
    )
    dependent = serializers.BooleanField()


class RelationInputSerializer(serializers.Serializer):
    relatedPersonId = serializers.UUIDField()
    kind = serializers.ChoiceField(
        choices=FamilyTieKind.choices,
        help_text="The related person's role towards this person (`child`: a child of it).",
    )
    dependent = serializers.BooleanField(required=False, default=False)


class PersonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    givenNames = serializers.CharField(source="given_names")
    familyName = serializers.CharField(source="family_name")
    dateOfBirth = serializers.DateField(source="date_of_birth", allow_null=True)
    sex = serializers.ChoiceField(choices=Sex.choices)
    nationalities = serializers.ListField(child=CountryCodeField())
    residencePermits = ResidencePermitSerializer(source="residence_permits.all", many=True)
    externalId = serializers.CharField(source="external_id")
    source = serializers.ChoiceField(choices=PersonSource.choices)  # type: ignore[assignment]
    relations = RelationSerializer(source="family_ties.all", many=True)
    updatedAt = UtcDateTimeField(source="updated_at")


class LocalStaffInputSerializer(serializers.Serializer):
    person = PersonInputSerializer()
    employer = serializers.ChoiceField(choices=Employer.choices)
    role = serializers.ChoiceField(choices=LocalStaffRole.choices)
    contractType = serializers.ChoiceField(choices=ContractType.choices)
    mission = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    startDate = serializers.DateField(allow_null=True, required=False)
    endDate = serializers.DateField(allow_null=True, required=False)


class LocalStaffSerializer(serializers.Serializer):
    externalId = serializers.CharField(source="employer_reference")
    employer = serializers.ChoiceField(choices=Employer.choices)
    role = serializers.ChoiceField(choices=LocalStaffRole.choices)
    contractType = serializers.ChoiceField(source="contract_type", choices=ContractType.choices)
    mission = serializers.CharField()
    startDate = serializers.DateField(source="start_date", allow_null=True)
    endDate = serializers.DateField(source="end_date", allow_null=True)
    person = PersonSerializer()
    updatedAt = UtcDateTimeField(source="updated_at")
