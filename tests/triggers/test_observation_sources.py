"""An observation cites the sitrep or picture item it came from: real links, scoped to the crisis."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from crisisportal.services.meetings import picture_item_add
from tests.crisisportal.picture_factories import make_meeting, make_sitrep
from tests.triggers.factories import add_event, add_scenario, make_document
from triggers.models import EventObservation
from triggers.services.observations import precursor_event_observe

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(coordinator, crisis, post_a):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Siege of the capital")
    return add_event(coordinator, scenario, "Airport closes")


@pytest.fixture
def sitrep(post_a_staff, crisis, post_a):
    return make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a)


@pytest.fixture
def picture_item(coordinator, crisis):
    meeting = make_meeting(actor=coordinator, crisis=crisis, title="BOB Monday")
    return picture_item_add(
        actor=coordinator,
        meeting=meeting,
        fact="The airport is closed to civil traffic.",
        source="post",
    )


def _observe(actor, event, **kwargs):
    return precursor_event_observe(
        actor=actor,
        event=event,
        status=kwargs.pop("status", "occurred"),
        observed_on=timezone.localdate(),
        source="Embassy Alpha",
        **kwargs,
    )


def test_document_page_links_to_the_cited_sitrep_and_picture_item(
    coordinator, coordinator_client, event, sitrep, picture_item, crisis
):
    _observe(coordinator, event, sitrep=sitrep, picture_item=picture_item)
    page = coordinator_client.get(
        f"/trigger-documents/{event.scenario.document_id}"
    ).content.decode()
    sitrep_href = f"/crises/{crisis.pk}/sitreps/{sitrep.pk}"
    meeting_href = (
        f"/crises/{crisis.pk}/meetings/{picture_item.meeting_id}#picture-item-{picture_item.pk}"
    )
    assert f'href="{sitrep_href}"' in page
    assert "situation report of Embassy Alpha" in page
    assert f'href="{meeting_href}"' in page
    assert "fact in the picture of BOB Monday" in page
    # The links land on the access-checked pages, and the fact is there to be found.
    assert coordinator_client.get(sitrep_href).status_code == 200
    meeting_page = coordinator_client.get(meeting_href.split("#")[0]).content.decode()
    assert f'id="picture-item-{picture_item.pk}"' in meeting_page


def test_service_refuses_sources_outside_the_crisis_and_writes_nothing(
    coordinator,
    event,
    other_crisis,
    other_coordinator,
    post_b,
    post_b_staff,
    post_a_staff,
    crisis,
    post_a,
):
    foreign_sitrep = make_sitrep(actor=post_b_staff, crisis=other_crisis, post=post_b)
    draft = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False)
    foreign_meeting = make_meeting(actor=other_coordinator, crisis=other_crisis)
    foreign_item = picture_item_add(
        actor=other_coordinator, meeting=foreign_meeting, fact="Tremor", source="post"
    )
    for sitrep in (foreign_sitrep, draft):
        with pytest.raises(ValidationError) as refused:
            _observe(coordinator, event, sitrep=sitrep)
        assert "sitrep" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _observe(coordinator, event, picture_item=foreign_item)
    assert "picture_item" in refused.value.message_dict
    event.refresh_from_db()
    assert event.status == "not-observed"
    assert not EventObservation.objects.exists()


def test_post_staff_cannot_cite_a_meeting_their_post_does_not_attend(
    post_a_staff, event, picture_item, sitrep
):
    with pytest.raises(ValidationError) as refused:
        _observe(post_a_staff, event, picture_item=picture_item)
    assert "picture_item" in refused.value.message_dict
    # Their own post's submitted sitrep is fine.
    observation = _observe(post_a_staff, event, sitrep=sitrep)
    assert observation.sitrep == sitrep


def test_form_offers_only_the_crisis_sources_and_shows_errors_in_the_page(
    coordinator,
    coordinator_client,
    event,
    sitrep,
    picture_item,
    other_crisis,
    post_b,
    post_b_staff,
    post_a_staff,
    crisis,
    post_a,
):
    foreign_sitrep = make_sitrep(actor=post_b_staff, crisis=other_crisis, post=post_b)
    draft = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False)
    url = f"/trigger-documents/{event.scenario.document_id}/events/{event.pk}/observe"
    page = coordinator_client.get(url).content.decode()
    assert f'value="{sitrep.pk}"' in page
    assert f'value="{picture_item.pk}"' in page
    assert f'value="{foreign_sitrep.pk}"' not in page
    assert f'value="{draft.pk}"' not in page

    response = coordinator_client.post(
        url,
        {
            "status": "occurred",
            "observed_on": timezone.localdate().isoformat(),
            "source": "Embassy",
            "sitrep": str(foreign_sitrep.pk),
        },
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not EventObservation.objects.exists()

    response = coordinator_client.post(
        url,
        {
            "status": "signs-observed",
            "observed_on": timezone.localdate().isoformat(),
            "source": "Embassy",
            "sitrep": str(sitrep.pk),
            "picture_item": str(picture_item.pk),
        },
    )
    assert response.status_code == 302
    observation = EventObservation.objects.get()
    assert (observation.sitrep, observation.picture_item) == (sitrep, picture_item)
