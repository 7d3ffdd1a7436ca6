"""Permission matrix of the crisis picture: every role × every page. Forbidden and missing: 404."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisisportal.services.sitreps import sitrep_attachment_add, sitrep_submit
from tests.crisisportal.picture_factories import PNG, make_decision, make_meeting, make_sitrep

pytestmark = pytest.mark.django_db

OK, NOT_FOUND, LOGIN = 200, 404, 302

ROLES = ["coordinator", "dcc_member", "post_a", "post_b", "call_team", "partner", "anonymous"]

# page → expected status per role, in ROLES order.
MATRIX = {
    "sitrep-list": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "sitrep-create": [NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "sitrep-timeline": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "sitrep-detail": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "sitrep-attachment": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "draft-detail": [NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "draft-edit": [NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "alert-acknowledge": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    # post A takes part in one meeting, so it sees a list with that meeting only.
    "meeting-list": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "meeting-create": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN],
    "meeting-detail": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "post-meeting-detail": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "decision-log": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, LOGIN],
    "decision-detail": [OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, LOGIN],
}


@pytest.fixture
def picture(crisis, coordinator, dcc_member, post_a, post_a_staff):
    draft = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False)
    sitrep_attachment_add(actor=post_a_staff, sitrep=draft, upload=SimpleUploadedFile("a.png", PNG))
    sitrep = sitrep_submit(actor=post_a_staff, sitrep=draft)
    sitrep.refresh_from_db()
    decision = make_decision(actor=coordinator, crisis=crisis, owner=dcc_member)
    post_meeting = make_meeting(
        actor=coordinator, crisis=crisis, title="With the post", participant_posts=[post_a]
    )
    return {
        "sitrep": sitrep,
        "attachment": sitrep.attachments.get(),
        "draft": make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False),
        "alert": make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high").alert,
        "meeting": decision.meeting,
        "post_meeting": post_meeting,
        "decision": decision,
    }


def _url(page, crisis, post_a, p):
    c = crisis.pk
    urls = {
        "sitrep-list": reverse("crisisportal:sitrep-list", args=[c]),
        "sitrep-create": reverse("crisisportal:sitrep-create", args=[c]),
        "sitrep-timeline": reverse("crisisportal:sitrep-timeline", args=[c, post_a.pk]),
        "sitrep-detail": reverse("crisisportal:sitrep-detail", args=[c, p["sitrep"].pk]),
        "sitrep-attachment": reverse(
            "crisisportal:sitrep-attachment", args=[c, p["sitrep"].pk, p["attachment"].pk]
        ),
        "draft-detail": reverse("crisisportal:sitrep-detail", args=[c, p["draft"].pk]),
        "draft-edit": reverse("crisisportal:sitrep-edit", args=[c, p["draft"].pk]),
        "alert-acknowledge": reverse("crisisportal:alert-acknowledge", args=[c, p["alert"].pk]),
        "meeting-list": reverse("crisisportal:meeting-list", args=[c]),
        "meeting-create": reverse("crisisportal:meeting-create", args=[c]),
        "meeting-detail": reverse("crisisportal:meeting-detail", args=[c, p["meeting"].pk]),
        "post-meeting-detail": reverse(
            "crisisportal:meeting-detail", args=[c, p["post_meeting"].pk]
        ),
        "decision-log": reverse("crisisportal:decision-log", args=[c]),
        "decision-detail": reverse("crisisportal:decision-detail", args=[c, p["decision"].pk]),
    }
    return urls[page]


@pytest.mark.parametrize("page", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_picture_permission_matrix(
    request, page, role_index, crisis, post_a, post_b_staff, picture
):
    role = ROLES[role_index]
    client = request.getfixturevalue(f"{role}_client")
    response = client.get(_url(page, crisis, post_a, picture))
    assert response.status_code == MATRIX[page][role_index], f"{role} on {page}"


def test_writes_by_readers_are_refused(partner_client, post_a_client, crisis, picture, post_a):
    meeting = picture["post_meeting"]
    base = f"/crises/{crisis.pk}/meetings/{meeting.pk}"
    for client in (partner_client, post_a_client):
        assert client.post(f"{base}/advance").status_code == 404
        assert client.post(f"{base}/picture", {"picture-fact": "x"}).status_code == 404
        ack = reverse("crisisportal:alert-acknowledge", args=[crisis.pk, picture["alert"].pk])
        assert client.post(ack, {"note": "seen"}).status_code == 404
    decision = reverse("crisisportal:decision-detail", args=[crisis.pk, picture["decision"].pk])
    assert partner_client.post(decision, {"status-status": "done"}).status_code == 404
    create = reverse("crisisportal:sitrep-create", args=[crisis.pk])
    assert partner_client.post(create, {"post": post_a.pk}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.phase == "picture"
    picture["alert"].refresh_from_db()
    assert picture["alert"].acknowledged_at is None


def test_post_staff_see_only_their_own_posts_sitreps(
    post_b_client, post_a_client, crisis, other_crisis, picture, post_b, post_b_staff
):
    # post_b's staff see the other crisis but not post A's reports in any crisis.
    url = reverse("crisisportal:sitrep-detail", args=[other_crisis.pk, picture["sitrep"].pk])
    assert post_b_client.get(url).status_code == 404
    submitted = make_sitrep(actor=post_b_staff, crisis=other_crisis, post=post_b)
    assert (
        post_a_client.get(
            reverse("crisisportal:sitrep-detail", args=[other_crisis.pk, submitted.pk])
        ).status_code
        == 404
    )
    assert (
        post_b_client.get(
            reverse("crisisportal:sitrep-detail", args=[other_crisis.pk, submitted.pk])
        ).status_code
        == 200
    )


def test_unknown_ids_are_404(coordinator_client, crisis):
    for name in ("sitrep-detail", "meeting-detail", "decision-detail"):
        url = reverse(f"crisisportal:{name}", args=[crisis.pk, uuid.uuid4()])
        assert coordinator_client.get(url).status_code == 404
