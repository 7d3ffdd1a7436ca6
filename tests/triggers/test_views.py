import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisisportal.services.meetings import picture_item_add
from crisisportal.services.roles import crisis_member_set
from tests.crisisportal.picture_factories import make_meeting, make_sitrep
from tests.factories import make_staff
from tests.triggers.factories import add_event, add_measure, add_scenario, make_document
from triggers.services.items import non_like_minded_position_save
from triggers.services.observations import precursor_event_observe
from triggers.services.owner_contacts import owner_contact_save
from triggers.services.participants import document_participants_set
from triggers.services.reviews import review_hold, review_small_group_hold

pytestmark = pytest.mark.django_db


def _grow(actor, document, n, *, post_staff=None, offset=0):
    """n scenarios of two events with two measures each; with post_staff every event also has
    an observation citing a sitrep and a picture item, every scenario brings an owner contact,
    a DCC participant and a held small-group review."""
    sitrep = picture_item = None
    if post_staff is not None:
        sitrep = make_sitrep(actor=post_staff, crisis=document.crisis, post=document.posts.get())
        meeting = make_meeting(actor=actor, crisis=document.crisis, title=f"BOB {offset}")
        picture_item = picture_item_add(
            actor=actor, meeting=meeting, fact="The airport is closed.", source="post"
        )
    for i in range(offset, offset + n):
        scenario = add_scenario(actor, document, f"Scenario {i}")
        for j in range(2):
            event = add_event(actor, scenario, f"Event {i}.{j}")
            for k in range(2):
                add_measure(
                    actor,
                    event,
                    f"Measure {i}.{j}.{k}",
                    owner="other-ministry" if k else "directorate",
                    owner_detail=f"Ministry {i}" if k else "",
                    owner_contact=None if k else actor,
                )
            if post_staff is not None:
                precursor_event_observe(
                    actor=actor,
                    event=event,
                    status="signs-observed",
                    observed_on=timezone.localdate(),
                    source="Embassy",
                    sitrep=sitrep,
                    picture_item=picture_item,
                )
        if post_staff is not None:
            owner_contact_save(
                actor=actor,
                document=document,
                kind="other-ministry",
                name=f"Ministry {i}",
                email=f"contact{i}@ministry.example",
            )
            member = make_staff(f"dcc{i}@dcc.example", is_dcc=True, first_name=f"Member{i}")
            crisis_member_set(actor=actor, crisis=document.crisis, user=member, role="dcc-member")
            participants = [p.user for p in document.participants.filter(kind="user")]
            document_participants_set(
                actor=actor,
                document=document,
                users=[*participants, member],
                posts=document.posts.all(),
                ministries={"jenv": "ncc@jenv.example"},
                guests="UNHCR",
            )
            review_small_group_hold(
                actor=actor,
                document=document,
                held_on=timezone.localdate(),
                took_part=document.participants.all(),
                guests="UNHCR",
            )
    non_like_minded_position_save(
        actor=actor, document=document, country="RU", position_text="p", why_not_us="w"
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_document_page_query_count_is_constant(coordinator, coordinator_client, crisis, post_a):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    url = f"/trigger-documents/{document.pk}"
    _grow(coordinator, document, 1)
    review_hold(
        actor=coordinator,
        review=document.reviews.get(),
        held_on=timezone.localdate(),
        took_part=document.reviews.get().participants.all(),
    )
    coordinator_client.get(url)  # the first request of a session does its own bookkeeping
    small, _ = _count(coordinator_client, url)
    _grow(coordinator, document, 4)
    large, page = _count(coordinator_client, url)
    assert page.count('data-testid="measure"') == 20
    assert large == small, f"{small} queries with 1 scenario, {large} with 5"


def test_document_page_query_count_is_constant_with_sources_contacts_and_participants(
    coordinator, coordinator_client, crisis, post_a, post_a_staff
):
    """Observations citing sitreps and picture items, owner contacts, review participants and
    held reviews with who took part: 1 scenario or 3, the same number of queries."""
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    url = f"/trigger-documents/{document.pk}"
    _grow(coordinator, document, 1, post_staff=post_a_staff)
    coordinator_client.get(url)
    small, page = _count(coordinator_client, url)
    assert page.count('data-testid="owner-reached-at"') == 2
    _grow(coordinator, document, 2, post_staff=post_a_staff, offset=1)
    large, page = _count(coordinator_client, url)
    assert page.count('data-testid="measure"') == 12
    assert page.count('data-testid="owner-reached-at"') == 6
    assert "contact2@ministry.example" in page
    assert page.count("/sitreps/") >= 6 and "fact in the picture of BOB 1" in page
    history = page.split('data-testid="review-history"', 1)[1].split("</table>", 1)[0]
    assert "Member2" in history and "Embassy Alpha" in history
    assert large == small, f"{small} queries with 1 scenario, {large} with 3"


def test_crisis_page_lists_documents_with_constant_queries(
    coordinator, coordinator_client, crisis, post_a
):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    _grow(coordinator, document, 1)
    coordinator_client.get(f"/crises/{crisis.pk}")
    small, _ = _count(coordinator_client, f"/crises/{crisis.pk}")
    for i in range(3):
        make_document(actor=coordinator, crisis=crisis, posts=[post_a], title=f"Doc {i}")
    large, page = _count(coordinator_client, f"/crises/{crisis.pk}")
    assert "Doc 2" in page and document.title in page
    assert large == small


def test_bad_input_shows_field_errors_and_saves_nothing(
    coordinator_client, coordinator, crisis, post_a
):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Siege")
    event = add_event(coordinator, scenario, "Airport closes")
    versions = document.versions.count()
    response = coordinator_client.post(
        f"/trigger-documents/{document.pk}/events/{event.pk}/observe",
        {"status": "occurred", "observed_on": "2999-01-01", "source": "Embassy"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be in the future." in page
    assert 'aria-invalid="true"' in page
    event.refresh_from_db()
    assert event.status == "not-observed"
    assert document.versions.count() == versions

    response = coordinator_client.post(
        f"/trigger-documents/{document.pk}/positions/new",
        {"country": "RU", "position_text": "Stays", "why_not_us": ""},
    )
    assert response.status_code == 200
    assert not document.positions.exists()


def test_held_review_shows_diff_to_previously_approved_version(
    coordinator_client, coordinator, crisis, post_a
):
    from triggers.services.reviews import review_small_group_hold

    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    add_scenario(coordinator, document, "Stalemate", kind="most-likely")
    first = review_small_group_hold(
        actor=coordinator,
        document=document,
        held_on=timezone.localdate(),
        took_part=[],
        guests="DCC",
    )
    add_scenario(coordinator, document, "Siege", kind="worst-case")
    response = coordinator_client.post(
        f"/trigger-documents/{document.pk}/reviews/{document.reviews.get(kind='weekly').pk}/hold",
        {
            "held_on": timezone.localdate().isoformat(),
            "guests": "DCC, Embassy Alpha",
            "notes": "OK",
        },
    )
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"]).content.decode()
    assert first.approved_version is not None
    assert f"v{first.approved_version.number} → v3" in page
    assert "Scenario: Siege" in page
    assert "Stalemate" not in page


def test_peace_time_document_is_offered_and_attached_to_a_crisis(
    coordinator, coordinator_client, crisis, post_a
):
    document = make_document(actor=coordinator, posts=[post_a], title="Alpha peace time")
    assert not document.reviews.exists()  # no crisis, no weekly reviews
    page = coordinator_client.get(f"/crises/{crisis.pk}").content.decode()
    assert 'data-testid="peace-time-documents"' in page and "Alpha peace time" in page
    response = coordinator_client.post(
        f"/trigger-documents/{document.pk}/edit",
        {
            "title": "Alpha peace time",
            "crisis": crisis.pk,
            "posts": [post_a.pk],
            "review_weekday": 2,
            "review_time": "09:30",
            "active": "on",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.crisis == crisis
    review = document.reviews.get()
    assert review.due_at.astimezone(timezone.get_current_timezone()).strftime("%A %H:%M") == (
        "Wednesday 09:30"
    )
