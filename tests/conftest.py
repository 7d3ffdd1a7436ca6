"""Fixtures: one user and one logged-in client per role, two posts and two crises.

crisis   affects post_a; coordinator, dcc_member, call_team and partner are members.
other_crisis affects post_b; only other_coordinator is a member.
"""

from typing import Any

import pytest
from django.test import Client

from crisisportal.models import CrisisRole
from crisisportal.services.posts import post_staff_add
from crisisportal.services.roles import crisis_member_set
from tests.factories import PostFactory, make_crisis, make_staff


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate limits live in the (Redis) cache; one test's attempts must not lock out the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def post_a(db: Any) -> Any:
    return PostFactory(
        name="Embassy Alpha", country="SD", city="Khartoum", email="alpha@post.example"
    )


@pytest.fixture
def post_b(db: Any) -> Any:
    return PostFactory(name="Embassy Bravo", country="EG", city="Cairo")


@pytest.fixture
def coordinator(db: Any) -> Any:
    return make_staff(
        "coordinator@dcc.example", is_dcc=True, first_name="Carla", last_name="Coordinator"
    )


@pytest.fixture
def dcc_member(db: Any) -> Any:
    return make_staff("member@dcc.example", is_dcc=True, first_name="Daan", last_name="Member")


@pytest.fixture
def shell_member(db: Any) -> Any:
    return make_staff(
        "shell@dcc.example", in_flexible_shell=True, first_name="Fatima", last_name="Shell"
    )


@pytest.fixture
def other_coordinator(db: Any) -> Any:
    return make_staff("other@dcc.example", is_dcc=True, first_name="Otto", last_name="Other")


@pytest.fixture
def post_a_staff(post_a: Any) -> Any:
    user = make_staff("staff@alpha.example", first_name="Sara", last_name="Alpha")
    post_staff_add(actor=None, post=post_a, user=user)
    return user


@pytest.fixture
def post_b_staff(post_b: Any) -> Any:
    user = make_staff("staff@bravo.example", first_name="Omar", last_name="Bravo")
    post_staff_add(actor=None, post=post_b, user=user)
    return user


@pytest.fixture
def call_team(db: Any) -> Any:
    return make_staff("caller@dcc.example", first_name="Lotte", last_name="Caller")


@pytest.fixture
def partner(db: Any) -> Any:
    return make_staff(
        "partner@jenv.example", organisation="jenv", first_name="Joris", last_name="Partner"
    )


@pytest.fixture
def crisis(coordinator: Any, dcc_member: Any, call_team: Any, partner: Any, post_a: Any) -> Any:
    crisis = make_crisis(coordinator=coordinator, posts=[post_a])
    crisis_member_set(actor=coordinator, crisis=crisis, user=dcc_member, role=CrisisRole.DCC_MEMBER)
    crisis_member_set(actor=coordinator, crisis=crisis, user=call_team, role=CrisisRole.CALL_TEAM)
    crisis_member_set(actor=coordinator, crisis=crisis, user=partner, role=CrisisRole.PARTNER)
    return crisis


@pytest.fixture
def other_crisis(other_coordinator: Any, post_b: Any) -> Any:
    return make_crisis(
        coordinator=other_coordinator, posts=[post_b], title="Earthquake", kind="natural-disaster"
    )


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for() -> Any:
    return _client_for


@pytest.fixture
def coordinator_client(coordinator: Any) -> Client:
    return _client_for(coordinator)


@pytest.fixture
def dcc_member_client(dcc_member: Any) -> Client:
    return _client_for(dcc_member)


@pytest.fixture
def post_a_client(post_a_staff: Any) -> Client:
    return _client_for(post_a_staff)


@pytest.fixture
def post_b_client(post_b_staff: Any) -> Client:
    return _client_for(post_b_staff)


@pytest.fixture
def call_team_client(call_team: Any) -> Client:
    return _client_for(call_team)


@pytest.fixture
def partner_client(partner: Any) -> Client:
    return _client_for(partner)


@pytest.fixture
def anonymous_client() -> Client:
    return Client()


ROLE_CLIENTS = [
    "coordinator_client",
    "dcc_member_client",
    "post_a_client",
    "post_b_client",
    "call_team_client",
    "partner_client",
    "anonymous_client",
]


@pytest.fixture
def celery_worker(transactional_db: Any) -> Any:
    """A real Celery worker (in a thread of this process) consuming from the real Redis.

    Tests using it see only committed data, hence transactional_db.
    """
    import threading

    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from crisisportal.celery import app

    def close_worker_connections(**_kwargs: Any) -> None:
        # Django's connections are per thread and CONN_MAX_AGE keeps them open: without this
        # the worker thread's connection outlives the worker and the test database cannot be
        # dropped at the end of the run ("database is being accessed by other users").
        if threading.current_thread() is not threading.main_thread():
            connections.close_all()

    app.control.purge()
    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
        ):
            yield app
    finally:
        task_postrun.disconnect(close_worker_connections)
    app.control.purge()
