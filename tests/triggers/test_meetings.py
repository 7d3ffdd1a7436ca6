"""Trigger documents in BOB meetings: the agenda question, judgements about scenarios, the
precursor-event status table and small-group reviews linked to a meeting."""

import pytest
from django.utils import timezone

from crisisportal.models import MeetingAgendaItem
from crisisportal.services.meetings import judgement_add, meeting_phase_advance
from tests.crisisportal.picture_factories import make_meeting
from tests.triggers.factories import add_event, add_measure, add_scenario, make_document
from triggers.models import JudgementScenarioLink
from triggers.services.agenda import scenario_worsened_declare
from triggers.services.observations import precursor_event_observe
from triggers.services.reviews import review_small_group_hold, reviews_tick

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(coordinator, crisis, post_a):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Siege of the capital", kind="worst-case")
    event = add_event(coordinator, scenario, "Airport closes")
    add_measure(coordinator, event, "Charter on standby")
    return document, scenario, event


def _occur(actor, event):
    precursor_event_observe(
        actor=actor,
        event=event,
        status="occurred",
        observed_on=timezone.localdate(),
        source="Embassy Alpha",
    )


def test_occurrence_puts_the_question_on_the_next_meeting_linked_to_the_event(
    built, coordinator, post_a_staff, crisis
):
    _document, _scenario, event = built
    meeting = make_meeting(actor=coordinator, crisis=crisis)
    _occur(post_a_staff, event)  # post staff may record it; the rule puts it on the agenda
    item = MeetingAgendaItem.objects.get(meeting=meeting)
    assert item.source_object == event
    assert "Siege of the capital" in item.text and "Airport closes" in item.text
    reviews_tick()  # a later beat run does not add it twice
    assert MeetingAgendaItem.objects.filter(meeting=meeting).count() == 1


def test_without_a_meeting_the_question_waits_and_beat_places_it(built, coordinator, crisis):
    _document, scenario, event = built
    _occur(coordinator, event)
    assert not MeetingAgendaItem.objects.exists()
    meeting = make_meeting(actor=coordinator, crisis=crisis)
    reviews_tick()
    assert MeetingAgendaItem.objects.get(meeting=meeting).source_object == event
    # Once answered, the question goes on no further meeting.
    scenario_worsened_declare(
        actor=coordinator, scenario=scenario, worsened=False, decided_by="BOB"
    )
    later = make_meeting(actor=coordinator, crisis=crisis, title="Crisis meeting 2")
    reviews_tick()
    assert not MeetingAgendaItem.objects.filter(meeting=later).exists()


def test_meeting_page_shows_event_status_links_judgements_and_reviews(
    built, coordinator, coordinator_client, partner_client, crisis
):
    document, scenario, event = built
    _occur(coordinator, event)
    meeting = make_meeting(actor=coordinator, crisis=crisis)
    meeting_phase_advance(actor=coordinator, meeting=meeting)  # to Oordeelsvorming
    judgement = judgement_add(
        actor=coordinator, meeting=meeting, text="The siege scenario is now the most likely."
    )
    review = review_small_group_hold(
        actor=coordinator,
        document=document,
        held_on=timezone.localdate(),
        took_part=[],
        guests="DCC core team",
        meeting=meeting,
    )
    url = f"/crises/{crisis.pk}/meetings/{meeting.pk}"
    page = coordinator_client.get(url).content.decode()
    assert 'data-testid="precursor-event-status"' in page
    assert "Airport closes" in page and "Occurred" in page
    assert f"/trigger-documents/{document.pk}/reviews/{review.pk}" in page
    assert 'data-testid="judgement-scenario-links"' in page

    # A read-only partner sees the table but cannot link.
    response = partner_client.post(
        f"/trigger-documents/meetings/{meeting.pk}/judgement-scenario",
        {"judgement": judgement.pk, "scenario": scenario.pk},
    )
    assert response.status_code == 404
    assert "Airport closes" in partner_client.get(url).content.decode()

    response = coordinator_client.post(
        f"/trigger-documents/meetings/{meeting.pk}/judgement-scenario",
        {"judgement": judgement.pk, "scenario": scenario.pk},
    )
    assert response.status_code == 302
    assert JudgementScenarioLink.objects.get().scenario == scenario
    page = coordinator_client.get(url).content.decode()
    assert "The siege scenario is now the most likely. → " in page


def test_small_group_review_refuses_a_meeting_of_another_crisis(
    built, coordinator, other_coordinator, other_crisis
):
    from django.core.exceptions import ValidationError

    document = built[0]
    foreign = make_meeting(actor=other_coordinator, crisis=other_crisis)
    with pytest.raises(ValidationError):
        review_small_group_hold(
            actor=coordinator,
            document=document,
            held_on=timezone.localdate(),
            took_part=[],
            guests="DCC",
            meeting=foreign,
        )
