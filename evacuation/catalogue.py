"""The catalogue of the ten eligible groups (codes are fixed by the API contract with Defence).
Seeded by migration 0002; catalogue_ensure() restores it where a test flushed the tables."""

from typing import Any

# (code, name, description, default priority, responsible ministry)
GROUPS = [
    (
        "dutch-national",
        "Dutch national",
        "Persons holding Dutch nationality.",
        1,
        "Ministry of Foreign Affairs",
    ),
    (
        "family-member",
        "Family member of a Dutch national",
        "Spouse, registered partner, cohabitation partner (notarial agreement and joint household), dependent (adopted, step) child of a Dutch national.",
        1,
        "Ministry of Foreign Affairs",
    ),
    (
        "residence-permit-holder",
        "Residence-permit holder",
        "Holder of a residence permit of the Netherlands or a valid permit of Aruba, Curaçao, Sint Maarten, Bonaire, Sint Eustatius or Saba.",
        2,
        "Ministry of Justice and Security",
    ),
    (
        "mission-personnel",
        "Military or police mission personnel",
        "Dutch military or police mission personnel, extracted by Defence.",
        1,
        "Ministry of Defence",
    ),
    (
        "local-embassy-staff",
        "Local embassy staff",
        "Staff hired locally by a Dutch embassy or consulate.",
        2,
        "Ministry of Foreign Affairs",
    ),
    (
        "interpreter",
        "Interpreter of a military or police mission",
        "Interpreters of Dutch military and police missions.",
        2,
        "Ministry of Defence",
    ),
    (
        "parliamentary-motion",
        "Person covered by a parliamentary motion",
        "Persons covered by a motion of parliament (as the Belhaj motion was).",
        3,
        "Ministry of Foreign Affairs",
    ),
    (
        "at-risk-hrd-journalist",
        "Human-rights defender or journalist at risk",
        "Human-rights defenders and journalists at risk with a clear tie to the Netherlands.",
        3,
        "Ministry of Foreign Affairs",
    ),
    (
        "nuclear-family",
        "Nuclear family of local staff, interpreter or motion person",
        "Spouse or partner and dependent (adopted, step) children of local embassy staff, interpreters and motion persons.",
        3,
        "Ministry of Foreign Affairs",
    ),
    (
        "eu-citizen",
        "Citizen of another EU member state",
        "Other EU nationals taken along; counted separately for co-financing by the EU Civil Protection Mechanism (up to 75 %).",
        4,
        "Ministry of Foreign Affairs",
    ),
]


def catalogue_ensure(group_model: Any = None) -> None:
    if group_model is None:
        from evacuation.models import EligibleGroup as group_model
    for code, name, description, priority, ministry in GROUPS:
        group_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "default_priority": priority,
                "responsible_ministry": ministry,
            },
        )
