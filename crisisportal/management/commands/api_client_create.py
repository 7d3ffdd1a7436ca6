"""Create an API client (e.g. for Defence) and print its credentials as one JSON object."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crisisportal.api.clients import API_SCOPES, api_client_create
from crisisportal.models import Crisis


class Command(BaseCommand):
    help = "Create an OAuth2 client-credentials API client; prints {clientId, clientSecret}."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--scope", action="append", choices=API_SCOPES, dest="scopes", default=[]
        )
        parser.add_argument("--crisis", action="append", dest="crises", default=[])

    def handle(
        self, *args: Any, name: str, scopes: list[str], crises: list[str], **options: Any
    ) -> None:
        granted = []
        for crisis_id in crises:
            try:
                granted.append(Crisis.objects.get(pk=crisis_id))
            except (Crisis.DoesNotExist, ValidationError, ValueError) as missing:
                raise CommandError(f"No crisis with id {crisis_id}.") from missing
        try:
            application, secret = api_client_create(
                actor=None, name=name, scopes=scopes or ["read"], crises=granted
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(json.dumps({"clientId": application.client_id, "clientSecret": secret}))
