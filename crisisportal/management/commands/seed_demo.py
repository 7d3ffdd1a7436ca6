"""Seed a realistic, fictional demo crisis with staff of every role (used by `make run`)."""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from crisisportal.models import (
    Crisis,
    CrisisKind,
    CrisisPhase,
    CrisisRole,
    EscalationLevel,
    EvacuationPlanLevel,
    InformedParty,
    PostKind,
)
from crisisportal.services.crises import crisis_escalation_change, crisis_open, crisis_phase_change
from crisisportal.services.posts import post_create, post_staff_add
from crisisportal.services.roles import crisis_member_set, staff_profile_set

DEMO_PASSWORD = "demo-crisis-2026"  # noqa: S105 — published demo credential, demo mode only
DEMO_TITLE = "Armed conflict in Sudan (demo)"

STAFF = [
    # email, first, last, is_dcc, flexible shell, organisation
    ("coordinator@demo.dcc.example", "Carla", "de Coördinator", True, False, "bz"),
    ("member@demo.dcc.example", "Daan", "Dijkstra", True, False, "bz"),
    ("shell@demo.dcc.example", "Fatima", "El Amrani", False, True, "bz"),
    ("shell2@demo.dcc.example", "Pieter", "Verbeek", False, True, "bz"),
    ("post.khartoum@demo.dcc.example", "Sara", "Jansen", False, False, "bz"),
    ("post.cairo@demo.dcc.example", "Omar", "Bakker", False, False, "bz"),
    ("callteam@demo.dcc.example", "Lotte", "Visser", False, False, "bz"),
    ("partner@demo.dcc.example", "Joris", "Mulder", False, False, "jenv"),
]

POSTS = [
    # name, country, city, evacuation plan level, email
    (
        "Embassy Khartoum",
        "SD",
        "Khartoum",
        EvacuationPlanLevel.EXTENDED,
        "khartoum@demo.dcc.example",
    ),
    ("Embassy Cairo", "EG", "Cairo", EvacuationPlanLevel.BASIC, ""),
    ("Embassy Addis Ababa", "ET", "Addis Ababa", EvacuationPlanLevel.BASIC, ""),
]

# The crisis's members besides its opener. The escalation list: an alert nobody acknowledges
# goes to the DCC member first, then back to the coordinator.
MEMBERS = [
    # account, role, escalation order
    ("member", CrisisRole.DCC_MEMBER, 1),
    ("coordinator", CrisisRole.COORDINATOR, 2),
    ("callteam", CrisisRole.CALL_TEAM, None),
    ("partner", CrisisRole.PARTNER, None),
]


class Command(BaseCommand):
    help = "Seed the fictional demo crisis and one demo account per role (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if Crisis.objects.filter(title=DEMO_TITLE).exists():
            self.stdout.write("Demo crisis already present.")
            return
        users = {}
        user_model = get_user_model()
        for email, first, last, is_dcc, shell, organisation in STAFF:
            user, _ = user_model.objects.get_or_create(
                username=email, defaults={"email": email, "first_name": first, "last_name": last}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            staff_profile_set(
                actor=None,
                user=user,
                is_dcc=is_dcc,
                in_flexible_shell=shell,
                organisation=organisation,
                demo_account=True,
            )
            users[email.split("@")[0]] = user
        coordinator = users["coordinator"]

        khartoum, cairo, _addis_ababa = (
            post_create(
                actor=coordinator,
                name=name,
                kind=PostKind.EMBASSY,
                country=country,
                city=city,
                evacuation_plan_level=level,
                email=email,
            )
            for name, country, city, level, email in POSTS
        )
        post_staff_add(actor=coordinator, post=khartoum, user=users["post.khartoum"])
        post_staff_add(actor=coordinator, post=cairo, user=users["post.cairo"])

        now = timezone.now()
        crisis = crisis_open(
            actor=coordinator,
            title=DEMO_TITLE,
            kind=CrisisKind.ARMED_CONFLICT,
            countries=["SD"],
            posts=[khartoum, cairo],
            reporting_cadence_hours=24,
            summary="Fighting between the army and a paramilitary force has reached the capital. "
            "Airport closed since this morning; embassies of partner countries consider evacuation.",
            rationale="Embassy Khartoum reports heavy fighting near the diplomatic quarter.",
            decided_by="Head of DCC",
            informed=[InformedParty.POSTS, InformedParty.SECRETARY_GENERAL],
            decided_at=now - timedelta(days=10),
        )
        for account, role, escalation_order in MEMBERS:
            crisis_member_set(
                actor=coordinator,
                crisis=crisis,
                user=users[account],
                role=role,
                escalation_order=escalation_order,
            )
        crisis_phase_change(
            actor=coordinator,
            crisis=crisis,
            to_phase=CrisisPhase.CRISIS,
            rationale="Airport closed; no commercial flights; several like-minded countries prepare evacuation.",
            decided_by="Secretary-General",
            informed=[InformedParty.MINISTER, InformedParty.POSTS, InformedParty.DEFENCE],
            decided_at=now - timedelta(days=4),
        )
        crisis_escalation_change(
            actor=coordinator,
            crisis=crisis,
            to_level=EscalationLevel.INTERDEPARTMENTAL,
            rationale="Evacuation needs Defence assets and reception by JenV: interdepartmental coordination.",
            decided_by="Secretary-General",
            informed=[
                InformedParty.MINISTER,
                InformedParty.DEFENCE,
                InformedParty.JENV,
                InformedParty.NCTV,
            ],
            informed_other="Ministry of Defence operations centre",
            decided_at=now - timedelta(days=3),
        )
        self.stdout.write(self.style.SUCCESS(f"Demo crisis seeded; demo password: {DEMO_PASSWORD}"))
