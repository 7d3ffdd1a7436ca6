"""The crisis page and the decision log run a fixed number of queries, however many posts,
sitreps, alerts and decisions the crisis has: measured with N and 3N rows, then pinned."""

from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisisportal.models import Decision, DecisionStatus
from crisisportal.services.posts import post_staff_add
from crisisportal.services.roles import crisis_post_permissions_sync
from tests.crisisportal.picture_factories import make_decision, make_sitrep
from tests.factories import PostFactory, make_staff

pytestmark = pytest.mark.django_db

N = 2
_serial = count(1)


def _add_reporting_posts(crisis: Any, how_many: int) -> None:
    """Posts affected by the crisis, each with a normal report and a high-urgency one (an
    open alert), a correction in draft, and one post that has not reported at all."""
    for _ in range(how_many):
        number = next(_serial)
        post: Any = PostFactory(name=f"Embassy {number:03}", country="SD", city=f"City {number}")
        crisis.posts.add(post)
        crisis_post_permissions_sync(crisis)  # as crisis_update does when posts are linked
        staff = make_staff(f"staff{number}@post.example", first_name="Staff", last_name=str(number))
        post_staff_add(actor=None, post=post, user=staff)
        make_sitrep(actor=staff, crisis=crisis, post=post, urgency="normal")
        make_sitrep(actor=staff, crisis=crisis, post=post, urgency="high")
        make_sitrep(actor=staff, crisis=crisis, post=post, submit=False)
        silent = PostFactory(name=f"Silent {number:03}", country="SD", city=f"Town {number}")
        crisis.posts.add(silent)


def _add_decisions(crisis: Any, coordinator: Any, how_many: int) -> None:
    """Decisions of separate meetings with different owners; some overdue, some done."""
    for _ in range(how_many):
        number = next(_serial)
        owner = make_staff(
            f"owner{number}@dcc.example", is_dcc=True, first_name="Owner", last_name=str(number)
        )
        make_decision(
            actor=coordinator, crisis=crisis, owner=owner, title=f"Crisis meeting {number}"
        )
        overdue = make_decision(
            actor=coordinator, crisis=crisis, owner=owner, title=f"Crisis meeting {number}b"
        )
        Decision.objects.filter(pk=overdue.pk).update(
            deadline=timezone.localdate() - timedelta(days=1)
        )
        done = make_decision(
            actor=coordinator, crisis=crisis, owner=coordinator, title=f"Meeting {number}c"
        )
        Decision.objects.filter(pk=done.pk).update(status=DecisionStatus.DONE)


def _grow(crisis: Any, coordinator: Any, how_many: int) -> None:
    _add_reporting_posts(crisis, how_many)
    _add_decisions(crisis, coordinator, how_many)


def _queries(client: Any, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


# The crisis page for a DCC coordinator: session, user, crisis; the access check (global
# permissions of user and groups, then user and group permissions on the crisis) and the
# page's permission set (user and group on the crisis again); affected posts; the phase and
# escalation timeline; open alerts with their sitrep and post; posts of the reporting table;
# the latest submitted sitrep per post (one DISTINCT ON); decision counts (open, overdue);
# the next meeting; unread inbox count; trigger documents (two); and the session's idle-timeout
# refresh (savepoint, update, release).
CRISIS_PAGE_QUERIES = 22
# For post staff: no meetings summary, but their own posts of the crisis (asked twice: for
# alerts and for the reporting table) and their post memberships for the trigger section.
POST_STAFF_CRISIS_PAGE_QUERIES = 23
# The decision log: session, user, crisis, the access check (four), owners for the filter, the
# paginator's count, unread inbox count, one page of decisions with owner and meeting, and the
# session's refresh (three).
DECISION_LOG_QUERIES = 14


def test_crisis_page_queries_do_not_grow_with_posts_sitreps_alerts_and_decisions(
    coordinator_client, crisis, coordinator, django_assert_num_queries
):
    url = f"/crises/{crisis.pk}"
    coordinator_client.get(url)  # the first request of a session writes the session
    _grow(crisis, coordinator, N)
    with_n, page = _queries(coordinator_client, url)
    assert page.count("High urgency from Embassy") == N
    assert page.count("Silent ") == 2 * N  # in the reporting table and the list of posts

    _grow(crisis, coordinator, 2 * N)
    with_3n, page = _queries(coordinator_client, url)
    assert page.count("High urgency from Embassy") == 3 * N
    assert f"{2 * 3 * N} open decisions" in page
    assert f"{3 * N} overdue" in page
    assert with_3n == with_n

    with django_assert_num_queries(CRISIS_PAGE_QUERIES):
        coordinator_client.get(url)


def test_post_staff_crisis_page_queries_do_not_grow(
    client_for, crisis, post_a, post_a_staff, coordinator, django_assert_num_queries
):
    client = client_for(post_a_staff)
    url = f"/crises/{crisis.pk}"
    make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high")
    client.get(url)
    _grow(crisis, coordinator, N)
    with_n, page = _queries(client, url)
    _grow(crisis, coordinator, 2 * N)
    with_3n, page = _queries(client, url)
    # Post staff see only their own post's reporting and alerts.
    assert page.count("High urgency from") == 1
    start = page.index('data-testid="post-reporting"')
    table = page[start : page.index("</table>", start)]
    assert "Embassy Alpha" in table
    assert "Embassy 0" not in table
    assert "Silent" not in table
    assert with_3n == with_n

    with django_assert_num_queries(POST_STAFF_CRISIS_PAGE_QUERIES):
        client.get(url)


@pytest.mark.parametrize(
    "query",
    ["", "?status=open", "?status=overdue", "?status=done", "?owner=OWNER"],
)
def test_decision_log_queries_do_not_grow_with_decisions(
    query, coordinator_client, crisis, coordinator, django_assert_num_queries
):
    def url() -> str:
        return f"/crises/{crisis.pk}/decisions" + query.replace("OWNER", str(coordinator.pk))

    coordinator_client.get(url())
    _add_decisions(crisis, coordinator, N)
    with_n, page = _queries(coordinator_client, url())
    _add_decisions(crisis, coordinator, 2 * N)
    with_3n, page = _queries(coordinator_client, url())
    rows = page.count('href="/crises/' + str(crisis.pk) + "/decisions/")
    expected = {
        "": 3 * 3 * N,
        "?status=open": 2 * 3 * N,
        "?status=overdue": 3 * N,
        "?status=done": 3 * N,
        "?owner=OWNER": 3 * N,
    }[query]
    assert rows == expected
    if query == "?status=overdue":
        assert page.count("portal-status--overdue") == 3 * N
    assert with_3n == with_n

    with django_assert_num_queries(DECISION_LOG_QUERIES):
        coordinator_client.get(url())
