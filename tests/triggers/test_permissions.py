"""Permission matrix: the post works on its own post's documents, partners read, others 404."""

import pytest

from tests.conftest import ROLE_CLIENTS
from tests.triggers.factories import add_event, add_measure, add_scenario, make_document

pytestmark = pytest.mark.django_db

# role → (can read, can write) on a document of `crisis` for post A
EXPECTED = {
    "coordinator_client": (True, True),
    "dcc_member_client": (True, True),
    "post_a_client": (True, True),
    "post_b_client": (False, False),
    "call_team_client": (True, False),
    "partner_client": (True, False),
    "anonymous_client": (False, False),
}


@pytest.fixture
def document(coordinator, crisis, post_a, post_a_staff, post_b_staff):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Siege")
    event = add_event(coordinator, scenario, "Airport closes")
    add_measure(coordinator, event, "Charter")
    return document


def _urls(document):
    scenario = document.scenarios.get()
    event = scenario.events.get()
    measure = event.measures.get()
    review = document.reviews.get()
    base = f"/trigger-documents/{document.pk}"
    read = [base, f"{base}/versions/compare", f"{base}/reviews/{review.pk}"]
    write = [
        f"{base}/edit",
        f"{base}/scenarios/new",
        f"{base}/scenarios/{scenario.pk}/edit",
        f"{base}/scenarios/{scenario.pk}/worsened",
        f"{base}/scenarios/{scenario.pk}/events/new",
        f"{base}/events/{event.pk}/edit",
        f"{base}/events/{event.pk}/observe",
        f"{base}/events/{event.pk}/measures/new",
        f"{base}/measures/{measure.pk}/edit",
        f"{base}/positions/new",
        f"{base}/reviews/{review.pk}/hold",
        f"{base}/reviews/small-group",
    ]
    return read, write


@pytest.mark.parametrize("role", ROLE_CLIENTS)
def test_document_pages_per_role(request, role, document):
    client = request.getfixturevalue(role)
    can_read, can_write = EXPECTED[role]
    read, write = _urls(document)
    for url in read:
        response = client.get(url)
        if role == "anonymous_client":
            assert response.status_code == 302, url
        else:
            assert response.status_code == (200 if can_read else 404), url
    for url in write:
        response = client.get(url)
        if role == "anonymous_client":
            assert response.status_code == 302, url
        else:
            assert response.status_code == (200 if can_write else 404), url
    # A write attempt by a reader changes nothing.
    measure = document.scenarios.get().events.get().measures.get()
    response = client.post(f"/trigger-documents/{document.pk}/measures/{measure.pk}/delete")
    if can_write:
        assert response.status_code == 302
        assert not document.scenarios.get().events.get().measures.exists()
    else:
        assert response.status_code in (302, 404)
        assert document.scenarios.get().events.get().measures.exists()


@pytest.mark.parametrize("role", ROLE_CLIENTS)
def test_documents_listed_and_on_crisis_page_only_where_visible(request, role, document):
    client = request.getfixturevalue(role)
    can_read, _ = EXPECTED[role]
    listing = client.get("/trigger-documents")
    if role == "anonymous_client":
        assert listing.status_code == 302
        return
    assert (document.title in listing.content.decode()) is can_read


def test_post_b_document_is_invisible_to_post_a_even_in_a_shared_crisis(
    coordinator, crisis, post_a, post_b, post_a_client, post_b_client, post_b_staff
):
    from crisisportal.services.crises import crisis_update

    crisis_update(
        actor=coordinator,
        crisis=crisis,
        title=crisis.title,
        kind=crisis.kind,
        countries=crisis.countries,
        posts=[post_a, post_b],
        reporting_cadence_hours=24,
        summary="",
    )
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_b], title="Bravo only")
    assert post_a_client.get(f"/trigger-documents/{document.pk}").status_code == 404
    assert post_b_client.get(f"/trigger-documents/{document.pk}").status_code == 200
    page = post_a_client.get(f"/crises/{crisis.pk}").content.decode()
    assert "Bravo only" not in page


def test_post_staff_creates_a_peace_time_document_for_own_post_only(
    post_a_client, post_a, post_b, post_a_staff
):
    response = post_a_client.post(
        "/trigger-documents/new",
        {"title": "Peace time", "posts": [post_b.pk], "review_weekday": 0, "review_time": "10:00"},
    )
    assert response.status_code == 200  # post B is not a choice
    response = post_a_client.post(
        "/trigger-documents/new",
        {"title": "Peace time", "posts": [post_a.pk], "review_weekday": 0, "review_time": "10:00"},
    )
    assert response.status_code == 302
    assert post_a_client.get(response["Location"]).status_code == 200


def test_export_download_is_access_checked(coordinator, document, partner_client, post_b_client):
    from triggers.models import DocumentExport
    from triggers.services.exports import document_export_render

    export = DocumentExport.objects.create(document=document, requested_by=coordinator)
    document_export_render(export_id=export.pk)
    url = f"/trigger-documents/{document.pk}/exports/{export.pk}"
    assert partner_client.get(url).status_code == 200
    assert post_b_client.get(url).status_code == 404
