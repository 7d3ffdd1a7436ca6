"""Permission matrix: every role × every page of the core. Forbidden and missing are both 404."""

import uuid

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OK, NOT_FOUND, LOGIN = 200, 404, 302

ROLES = ["coordinator", "dcc_member", "post_a", "post_b", "call_team", "partner", "anonymous"]

# page name → expected status per role, in ROLES order.
MATRIX = {
    "crisis-detail": [OK, OK, OK, NOT_FOUND, OK, OK, LOGIN],
    "crisis-members": [OK, OK, OK, NOT_FOUND, OK, OK, LOGIN],
    "crisis-edit": [OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "crisis-phase": [OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "crisis-escalate": [OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "crisis-history": [OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "crisis-create": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "crisis-list": [OK, OK, OK, OK, OK, OK, LOGIN],
    "post-list": [OK, OK, OK, OK, OK, OK, LOGIN],
    "post-create": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "post-a-detail": [OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "post-a-edit": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "inbox": [OK, OK, OK, OK, OK, OK, LOGIN],
    "deliveries": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
}


def _url(page, crisis, post_a):
    if page.startswith("post-a-"):
        return reverse(f"crisisportal:post-{page.removeprefix('post-a-')}", args=[post_a.pk])
    if page in ("crisis-create", "crisis-list", "post-list", "post-create", "inbox", "deliveries"):
        return reverse(f"crisisportal:{page}")
    return reverse(f"crisisportal:{page}", args=[crisis.pk])


@pytest.mark.parametrize("page", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_permission_matrix(request, page, role_index, crisis, post_a, post_b_staff, post_a_staff):
    role = ROLES[role_index]
    client = request.getfixturevalue(f"{role}_client")
    response = client.get(_url(page, crisis, post_a))
    assert response.status_code == MATRIX[page][role_index], f"{role} on {page}"


@pytest.mark.parametrize(
    "page", ["crisis-detail", "crisis-members", "crisis-edit", "crisis-escalate"]
)
def test_other_crisis_and_unknown_ids_are_404_alike(coordinator_client, crisis, other_crisis, page):
    assert (
        coordinator_client.get(reverse(f"crisisportal:{page}", args=[other_crisis.pk])).status_code
        == 404
    )
    assert (
        coordinator_client.get(reverse(f"crisisportal:{page}", args=[uuid.uuid4()])).status_code
        == 404
    )


def test_other_post_is_404(post_a_client, post_b, post_a):
    assert (
        post_a_client.get(reverse("crisisportal:post-detail", args=[post_b.pk])).status_code == 404
    )


def test_writes_by_non_managers_are_refused(dcc_member_client, partner_client, crisis):
    url = reverse("crisisportal:crisis-escalate", args=[crisis.pk])
    data = {"to_level": "national", "rationale": "x", "decided_by": "y"}
    assert dcc_member_client.post(url, data).status_code == 404
    assert partner_client.post(url, data).status_code == 404
    members = reverse("crisisportal:crisis-members", args=[crisis.pk])
    assert (
        partner_client.post(members, {"member-user": "1", "member-role": "coordinator"}).status_code
        == 404
    )
    crisis.refresh_from_db()
    assert crisis.escalation_level == "departmental"


def test_crisis_list_shows_only_own_crises(post_a_client, crisis, other_crisis):
    page = post_a_client.get(reverse("crisisportal:crisis-list")).content.decode()
    assert crisis.title in page
    assert other_crisis.title not in page
