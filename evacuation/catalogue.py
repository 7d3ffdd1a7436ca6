"""The catalogue of the ten eligible groups (codes are fixed by the API contract with Defence).
Seeded by migration 0002; catalogue_ensure() restores it where a test flushed the tables."""

from typing import Any

from django.utils.translation import gettext_noop

# (code, name, description, default priority, responsible ministry). The texts are stored in
# English and marked for translation, so the catalogue page shows them in the reader's language.
GROUPS = [
    (
        "dutch-national",
        gettext_noop("Dutch national"),
        gettext_noop("Persons holding Dutch nationality."),
        1,
        gettext_noop("Ministry of Foreign Affairs"),
    ),
    (
        "family-member",
        gettext_noop("Family member of a Dutch national"),
        gettext_noop(
            "Spouse, registered partner, cohabitation partner (notarial agreement and joint household), dependent (adopted, step) child of a Dutch national."
        ),
        1,
        gettext_noop("Ministry of Foreign Affairs"),
    ),
    (
        "residence-permit-holder",
        gettext_noop("Residence-permit holder"),
        gettext_noop(
            "Holder of a residence permit of the Netherlands or a valid permit of Aruba, Curaçao, Sint Maarten, Bonaire, Sint Eustatius or Saba."
        ),
        2,
        gettext_noop("Ministry of Justice and Security"),
    ),
    (
        "mission-personnel",
        gettext_noop("Military or police mission personnel"),
        gettext_noop("Dutch military or police mission personnel, extracted by Defence."),
        1,
        gettext_noop("Ministry of Defence"),
    ),
    (
        "local-embassy-staff",
        gettext_noop("Local embassy staff"),
        gettext_noop("Staff hired locally by a Dutch embassy or consulate."),
        2,
        gettext_noop("Ministry of Foreign Affairs"),
    ),
    (
        "interpreter",
        gettext_noop("Interpreter of a military or police mission"),
        gettext_noop("Interpreters of Dutch military and police missions."),
        2,
        gettext_noop("Ministry of Defence"),
    ),
    (
        "parliamentary-motion",
        gettext_noop("Person covered by a parliamentary motion"),
        gettext_noop("Persons covered by a motion of parliament (as the Belhaj motion was)."),
        3,
        gettext_noop("Ministry of Foreign Affairs"),
    ),
    (
        "at-risk-hrd-journalist",
        gettext_noop("Human-rights defender or journalist at risk"),
        gettext_noop(
            "Human-rights defenders and journalists at risk with a clear tie to the Netherlands."
        ),
        3,
        gettext_noop("Ministry of Foreign Affairs"),
    ),
    (
        "nuclear-family",
        gettext_noop("Nuclear family of local staff, interpreter or motion person"),
        gettext_noop(
            "Spouse or partner and dependent (adopted, step) children of local embassy staff, interpreters and motion persons."
        ),
        3,
        gettext_noop("Ministry of Foreign Affairs"),
    ),
    (
        "eu-citizen",
        gettext_noop("Citizen of another EU member state"),
        gettext_noop(
            "Other EU nationals taken along; counted separately for co-financing by the EU Civil Protection Mechanism (up to 75 %)."
        ),
        4,
        gettext_noop("Ministry of Foreign Affairs"),
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
