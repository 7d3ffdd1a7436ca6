import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from crisisportal.models import Notification
from tests.triggers.factories import add_event, add_measure, add_scenario, make_document
from triggers.models import EventStatus, Measure, NonLikeMindedPosition
from triggers.services.agenda import scenario_worsened_declare
from triggers.services.items import non_like_minded_position_save
from triggers.services.observations import precursor_event_observe

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(coordinator, dcc_member, crisis, post_a, post_a_staff):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Siege of the capital", kind="worst-case")
    event = add_event(coordinator, scenario, "Airport closes")
    charter = add_measure(
        coordinator, event, "Charter on standby", owner="directorate", owner_contact=dcc_member
    )
    post_measure = add_measure(coordinator, event, "Burn classified papers", owner="post")
    done = add_measure(coordinator, event, "Warn nationals", status="executed")
    return document, scenario, event, charter, post_measure, done


def _observe(actor, event, status, **kwargs):
    return precursor_event_observe(
        actor=actor,
        event=event,
        status=status,
        observed_on=timezone.localdate(),
        source=kwargs.pop("source", "Embassy Alpha sitrep"),
        **kwargs,
    )


def test_signs_observed_changes_status_only(built, coordinator):
    _document, _scenario, event, _charter, *_ = built
    _observe(coordinator, event, EventStatus.SIGNS_OBSERVED)
    event.refresh_from_db()
    assert event.status == "signs-observed"
    assert event.agenda_question_since is None
    assert not Measure.objects.filter(due_since__isnull=False).exists()
    assert not Notification.objects.filter(kind__startswith="trigger_").exists()


def test_occurrence_makes_measures_due_notifies_owners_alerts_coordinator_and_queues_question(
    built, coordinator, dcc_member, post_a_staff
):
    _document, _scenario, event, _charter, _post_measure, _done = built
    _observe(
        coordinator,
        event,
        EventStatus.OCCURRED,
        source="Embassy Alpha",
    )
    event.refresh_from_db()
    assert event.status == "occurred" and event.status_since is not None
    assert event.agenda_question_since is not None
    due = set(Measure.objects.filter(due_since__isnull=False).values_list("title", flat=True))
    assert due == {"Charter on standby", "Burn classified papers"}  # executed one is not due
    # One message per owner: the directorate's contact person, and the post through its
    # staff and its functional mailbox. Each lists that owner's measures only.
    messages = Notification.objects.filter(kind="trigger_measures_due")
    reached = {(n.recipient or n.to_email): n.body for n in messages}
    assert set(reached) == {dcc_member, post_a_staff, "alpha@post.example"}
    assert "Charter on standby" in reached[dcc_member]
    assert "Burn classified papers" not in reached[dcc_member]
    assert "Burn classified papers" in reached[post_a_staff]
    assert "Burn classified papers" in reached["alpha@post.example"]
    assert all("Warn nationals" not in body for body in reached.values())
    alert = Notification.objects.get(kind="trigger_event_occurred")
    assert alert.recipient == coordinator
    assert "Charter on standby" in alert.body and "Burn classified papers" in alert.body
    assert "no contact known" not in alert.body  # every owner was reached

    # Observing the occurrence again does not notify again.
    _observe(coordinator, event, EventStatus.OCCURRED, source="Reuters")
    assert Notification.objects.filter(kind="trigger_event_occurred").count() == 1
    assert Notification.objects.filter(kind="trigger_measures_due").count() == 3
    assert event.observations.count() == 2


def test_measure_added_after_occurrence_is_due_at_once(built, coordinator, dcc_member):
    _document, _scenario, event, *_ = built
    _observe(coordinator, event, EventStatus.OCCURRED)
    late = add_measure(coordinator, event, "Extra flight", owner_contact=dcc_member)
    assert late.is_due
    assert Notification.objects.filter(
        recipient=dcc_member, kind="trigger_measures_due", body__contains="Extra flight"
    ).exists()


def test_worsened_declaration_asks_for_additional_measures_and_records_who(
    built, coordinator, coordinator_client
):
    document, scenario, event, *_ = built
    _observe(coordinator, event, EventStatus.OCCURRED)
    with pytest.raises(ValidationError):
        scenario_worsened_declare(
            actor=coordinator, scenario=scenario, worsened=True, decided_by=""
        )
    scenario_worsened_declare(
        actor=coordinator, scenario=scenario, worsened=True, decided_by="Director DCC"
    )
    scenario.refresh_from_db()
    event.refresh_from_db()
    assert scenario.worsened_decided_by == "Director DCC"
    assert scenario.worsened_recorded_by == coordinator
    assert event.agenda_question_since is None  # the question is answered
    page = coordinator_client.get(f"/trigger-documents/{document.pk}").content.decode()
    assert 'data-testid="needs-additional-measures"' in page
    assert "decided by Director DCC" in page

    extra = add_measure(coordinator, event, "Second charter")
    assert extra.additional
    page = coordinator_client.get(f"/trigger-documents/{document.pk}").content.decode()
    assert 'data-testid="needs-additional-measures"' not in page


def test_not_worsened_closes_question_without_asking_for_measures(built, coordinator):
    _document, scenario, event, *_ = built
    _observe(coordinator, event, EventStatus.OCCURRED)
    scenario_worsened_declare(
        actor=coordinator, scenario=scenario, worsened=False, decided_by="BOB"
    )
    scenario.refresh_from_db()
    event.refresh_from_db()
    assert scenario.worsened_at is None
    assert event.agenda_question_since is None


def test_country_position_needs_the_why_not_us_answer(built, coordinator):
    document = built[0]
    with pytest.raises(ValidationError) as refused:
        non_like_minded_position_save(
            actor=coordinator,
            document=document,
            country="RU",
            position_text="Stays",
            why_not_us=" ",
        )
    assert "why_not_us" in refused.value.message_dict
    non_like_minded_position_save(
        actor=coordinator,
        document=document,
        country="RU",
        position_text="Keeps its embassy open",
        why_not_us="They have a military presence; we do not.",
    )
    assert NonLikeMindedPosition.objects.get().country.code == "RU"  # type: ignore[attr-defined]


def test_occurrence_shows_pending_question_on_crisis_page(
    built, coordinator, coordinator_client, crisis
):
    event = built[2]
    _observe(coordinator, event, EventStatus.OCCURRED)
    page = coordinator_client.get(f"/crises/{crisis.pk}").content.decode()
    assert 'data-testid="pending-agenda-questions"' in page
    assert "“Airport closes” occurred: has the scenario “Siege of the capital” worsened?" in page
