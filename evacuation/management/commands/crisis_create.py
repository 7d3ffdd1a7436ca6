"""Open a crisis from a script (exercises, automation) and print {"id": ...} as JSON.

It lives in the evacuation app because `--group` enables groups of its catalogue.
"""

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from crisisportal.models import CrisisKind
from crisisportal.services.crises import crisis_open
from crisisportal.services.roles import staff_profile_set
from evacuation.models import GroupCode
from evacuation.services.groups import crisis_group_set

AUTOMATION_USERNAME = "system:automation"


def automation_user() -> Any:
    """The DCC account scripted crises are opened (and coordinated) by; it cannot sign in."""
    user, created = get_user_model().objects.get_or_create(
        username=AUTOMATION_USERNAME,
        defaults={"first_name": "Automation", "last_name": "(system)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        staff_profile_set(actor=None, user=user, is_dcc=True, language="en")
    return user


class Command(BaseCommand):
    help = "Open a crisis with its eligible groups enabled; prints {id}."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--title", required=True)
        parser.add_argument("--kind", required=True, choices=CrisisKind.values)
        parser.add_argument("--country", action="append", dest="countries", required=True)
        parser.add_argument(
            "--group",
            action="append",
            dest="groups",
            default=[],
            choices=GroupCode.values,
            help="Code of an eligible group to enable (repeatable).",
        )
        parser.add_argument(
            "--coordinator",
            help="Email of the staff member who coordinates; default a system account.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = automation_user()
        if options["coordinator"]:
            actor = get_user_model().objects.filter(email=options["coordinator"]).first()
            if actor is None:
                raise CommandError("No staff member with that email.")
        try:
            # All or nothing: a crisis without the groups asked for would mislead the exercise.
            with transaction.atomic():
                crisis = crisis_open(
                    actor=actor,
                    title=options["title"],
                    kind=options["kind"],
                    countries=[code.upper() for code in options["countries"]],
                    rationale="Opened by script (crisis_create).",
                    decided_by="Automation",
                )
                for code in dict.fromkeys(options["groups"]):
                    crisis_group_set(
                        actor=actor,
                        crisis=crisis,
                        group_code=code,
                        enabled=True,
                        rationale="Enabled by script (crisis_create).",
                        decided_by="Automation",
                    )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(json.dumps({"id": str(crisis.pk)}))
