"""Structured review participants: staff (notified), posts (mailbox and staff), other
ministries (contact address) and guests; set on the document, copied onto each due review,
reminded once each, and recorded as having taken part when the review is held."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crisisportal.models import Notification
from crisisportal.services.posts import post_staff_add
from tests.triggers.factories import make_document
from triggers.models import DocumentParticipant, ReviewParticipant
from triggers.services.participants import document_participants_set
from triggers.services.reviews import reviews_tick

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(coordinator, crisis, post_a, post_a_staff):
    return make_document(actor=coordinator, crisis=crisis, posts=[post_a])


def _invited(rows):
    return {str(row) for row in rows}


def test_a_new_document_invites_the_dcc_staff_and_its_posts(document, coordinator, dcc_member):
    assert _invited(document.participants.all()) == {
        "Carla Coordinator",
        "Daan Member",
        "Embassy Alpha",
    }
    review = document.reviews.get()
    assert _invited(review.participants.all()) == _invited(document.participants.all())


def test_participants_page_sets_staff_posts_ministries_and_guests(
    document, coordinator_client, dcc_member, partner, post_a
):
    url = f"/trigger-documents/{document.pk}/participants"
    page = coordinator_client.get(url).content.decode()
    assert "Contact email of Ministry of Justice and Security / NCC" in page
    response = coordinator_client.post(
        url,
        {
            "users": [dcc_member.pk, partner.pk],
            "posts": [post_a.pk],
            "ministry_jenv": "ncc@jenv.example",
            "ministry_defence": "",
            "guests": "UNHCR liaison",
        },
    )
    assert response.status_code == 302
    page = coordinator_client.get(f"/trigger-documents/{document.pk}").content.decode()
    listed = page.split('data-testid="review-participants"', 1)[1].split("</ul>", 1)[0]
    for name in ["Daan Member", "Joris Partner", "Embassy Alpha", "ncc@jenv.example", "UNHCR"]:
        assert name in listed
    assert "Carla Coordinator" not in listed
    # The upcoming review invites the same people.
    review = document.reviews.get()
    assert _invited(review.participants.all()) == {
        "Daan Member",
        "Joris Partner",
        "Embassy Alpha",
        "Ministry of Justice and Security / NCC",
    }


def test_bad_participants_show_errors_and_change_nothing(
    document, coordinator_client, other_coordinator, post_b
):
    before = _invited(document.participants.all())
    url = f"/trigger-documents/{document.pk}/participants"
    response = coordinator_client.post(url, {"ministry_jenv": "not an address"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    # Someone outside the crisis, a post outside the document: not offered, so refused.
    response = coordinator_client.post(url, {"users": [other_coordinator.pk], "posts": [post_b.pk]})
    assert response.status_code == 200
    assert _invited(document.participants.all()) == before


def test_only_editors_change_participants(document, partner_client, post_b_client, post_a_client):
    url = f"/trigger-documents/{document.pk}/participants"
    assert partner_client.get(url).status_code == 404
    assert post_b_client.get(url).status_code == 404
    assert post_a_client.get(url).status_code == 200


def test_every_participant_is_reminded_once_by_its_own_channel(
    document, coordinator, dcc_member, post_a, post_a_staff
):
    # The DCC member also works at the post: one reminder all the same.
    post_staff_add(actor=None, post=post_a, user=dcc_member)
    document_participants_set(
        actor=coordinator,
        document=document,
        users=[coordinator, dcc_member],
        posts=[post_a],
        ministries={"jenv": "ncc@jenv.example", "defence": ""},
        guests="UNHCR liaison",
    )
    review = document.reviews.get()
    before = review.due_at - timedelta(hours=12)
    assert reviews_tick(now=before)["reminded"] == 1
    assert reviews_tick(now=before + timedelta(minutes=5))["reminded"] == 0
    reminders = Notification.objects.filter(kind="trigger_review_reminder")
    assert sorted(str(n.recipient or n.to_email) for n in reminders) == sorted(
        [
            str(coordinator),
            str(dcc_member),
            str(post_a_staff),
            "alpha@post.example",
            "ncc@jenv.example",
        ]
    )

    # Someone invited after the reminders went out is reminded by the next run; nobody else.
    document_participants_set(
        actor=coordinator,
        document=document,
        users=[coordinator, dcc_member],
        posts=[post_a],
        ministries={"jenv": "ncc@jenv.example", "defence": "ops@mod.example"},
    )
    assert reviews_tick(now=before + timedelta(minutes=10))["reminded"] == 1
    assert reminders.all().count() == 6
    assert reminders.filter(to_email="ops@mod.example").count() == 1
    assert reviews_tick(now=before + timedelta(minutes=15))["reminded"] == 0
    assert reminders.all().count() == 6


def test_held_review_records_who_took_part(document, coordinator_client, coordinator):
    review = document.reviews.get()
    url = f"/trigger-documents/{document.pk}/reviews/{review.pk}/hold"
    form = coordinator_client.get(url).content.decode()
    assert "Who took part" in form and "Embassy Alpha" in form
    response = coordinator_client.post(url, {"held_on": timezone.localdate().isoformat()})
    assert response.status_code == 200
    assert "Record who took part" in response.content.decode()
    review.refresh_from_db()
    assert not review.is_held

    embassy = review.participants.get(post__isnull=False)
    carla = review.participants.get(user=coordinator)
    response = coordinator_client.post(
        url,
        {
            "held_on": timezone.localdate().isoformat(),
            "took_part": [embassy.pk, carla.pk],
            "guests": "UNHCR liaison",
            "notes": "Fine",
        },
    )
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"]).content.decode()
    took_part = page.split('data-testid="took-part"', 1)[1].split("</ul>", 1)[0]
    assert "Embassy Alpha" in took_part and "Carla Coordinator" in took_part
    assert "UNHCR liaison" in took_part and "Daan Member" not in took_part
    absent = page.split('data-testid="absent"', 1)[1].split("</dd>", 1)[0]
    assert "Daan Member" in absent
    history = coordinator_client.get(f"/trigger-documents/{document.pk}").content.decode()
    row = history.split('data-testid="review-history"', 1)[1].split("</table>", 1)[0]
    assert "Carla Coordinator" in row and "Embassy Alpha" in row and "UNHCR liaison" in row
    assert set(
        ReviewParticipant.objects.filter(review=review, took_part=True).values_list("pk", flat=True)
    ) == {embassy.pk, carla.pk}


def test_document_posts_follow_the_document(
    document, coordinator, coordinator_client, post_a, post_b
):
    from triggers.services.documents import trigger_document_update

    trigger_document_update(
        actor=coordinator,
        document=document,
        title=document.title,
        posts=[post_b],
        crisis=document.crisis,
        review_weekday=document.review_weekday,
        review_time=document.review_time,
        active=True,
    )
    posts = DocumentParticipant.objects.filter(document=document, kind="post")
    assert [p.post for p in posts] == [post_b]
    review = document.reviews.get()
    assert "Embassy Bravo" in _invited(review.participants.all())
    assert "Embassy Alpha" not in _invited(review.participants.all())
