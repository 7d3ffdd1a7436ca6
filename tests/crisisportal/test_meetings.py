from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from crisisportal.models import Decision, MeetingAgendaItem, MeetingPhaseChange, Notification
from crisisportal.selectors.meetings import picture_changes, sitreps_to_import
from crisisportal.services.decisions import (
    decision_minister_answer,
    decision_record,
    decision_status_update,
    decisions_overdue_remind,
)
from crisisportal.services.meetings import (
    judgement_add,
    meeting_agenda_item_add,
    meeting_amend,
    meeting_phase_advance,
    meeting_phase_step_back,
    picture_item_add,
    picture_sitreps_import,
)
from crisisportal.services.minutes import meeting_minutes_store
from tests.crisisportal.picture_factories import make_decision, make_meeting, make_sitrep

pytestmark = pytest.mark.django_db


def test_phases_run_strictly_in_order(crisis, coordinator, dcc_member):
    meeting = make_meeting(actor=coordinator, crisis=crisis)
    assert meeting.phase == "picture"
    with pytest.raises(ValidationError):
        judgement_add(actor=coordinator, meeting=meeting, text="They will attack.")
    with pytest.raises(ValidationError):
        decision_record(
            actor=coordinator,
            meeting=meeting,
            text="Evacuate",
            owner=dcc_member,
            deadline=timezone.localdate(),
        )
    item = picture_item_add(
        actor=coordinator, meeting=meeting, fact="Airport closed.", source="post"
    )
    meeting_phase_advance(actor=coordinator, meeting=meeting)
    with pytest.raises(ValidationError):
        picture_item_add(actor=coordinator, meeting=meeting, fact="Late fact", source="post")
    judgement = judgement_add(
        actor=coordinator,
        meeting=meeting,
        text="Fighting will reach the capital within days.",
        is_assumption=True,
        scenario="Worst case",
        dissent="Defence expects a stalemate.",
    )
    # An explicit, logged step back to add a fact, then forward again.
    with pytest.raises(ValidationError):
        meeting_phase_step_back(actor=coordinator, meeting=meeting, reason="")
    meeting_phase_step_back(actor=coordinator, meeting=meeting, reason="New report from post.")
    picture_item_add(actor=coordinator, meeting=meeting, fact="Road blocked.", source="partner")
    meeting_phase_advance(actor=coordinator, meeting=meeting)
    meeting_phase_advance(actor=coordinator, meeting=meeting)
    decision = decision_record(
        actor=coordinator,
        meeting=meeting,
        text="Prepare an evacuation.",
        owner=dcc_member,
        deadline=timezone.localdate() + timedelta(days=1),
        is_minister_decision_point=True,
        picture_items=[item],
        judgements=[judgement],
    )
    assert list(decision.picture_items.all()) == [item]
    log = list(MeetingPhaseChange.objects.filter(meeting=meeting).order_by("changed_at", "id"))
    assert [(c.from_phase, c.to_phase, c.is_step_back) for c in log] == [
        ("picture", "judgement", False),
        ("judgement", "picture", True),
        ("picture", "judgement", False),
        ("judgement", "decision", False),
    ]
    assert log[1].reason == "New report from post."


def test_partners_and_post_staff_cannot_run_meetings(crisis, coordinator, partner, post_a_staff):
    meeting = make_meeting(actor=coordinator, crisis=crisis)
    for outsider in (partner, post_a_staff):
        with pytest.raises(PermissionError):
            picture_item_add(actor=outsider, meeting=meeting, fact="x", source="post")
        with pytest.raises(PermissionError):
            meeting_phase_advance(actor=outsider, meeting=meeting)


def test_sitreps_since_previous_meeting_are_offered_once(crisis, coordinator, post_a, post_a_staff):
    now = timezone.now()
    old = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, now=now - timedelta(days=2))
    make_meeting(actor=coordinator, crisis=crisis, scheduled_at=now - timedelta(days=1))
    new = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, now=now)
    meeting = make_meeting(actor=coordinator, crisis=crisis, title="Meeting 2", scheduled_at=now)
    assert sitreps_to_import(meeting) == [new]
    [item] = picture_sitreps_import(actor=coordinator, meeting=meeting, sitreps=[new, old])
    assert item.sitrep == new
    assert item.source == "post"
    assert "Checkpoints on the main road." in item.fact
    assert sitreps_to_import(meeting) == []
    assert picture_sitreps_import(actor=coordinator, meeting=meeting, sitreps=[new]) == []


def test_what_changed_since_previous_meeting(crisis, coordinator):
    now = timezone.now()
    first = make_meeting(actor=coordinator, crisis=crisis, scheduled_at=now - timedelta(days=1))
    assert picture_changes(first) is None
    picture_item_add(actor=coordinator, meeting=first, fact="Airport open.", source="post")
    picture_item_add(actor=coordinator, meeting=first, fact="Curfew at 20:00.", source="post")
    second = make_meeting(actor=coordinator, crisis=crisis, title="M2", scheduled_at=now)
    picture_item_add(actor=coordinator, meeting=second, fact="Curfew at 20:00.", source="post")
    picture_item_add(actor=coordinator, meeting=second, fact="Airport closed.", source="post")
    changes = picture_changes(second)
    assert changes is not None
    assert [i.fact for i in changes["added"]] == ["Airport closed."]
    assert [i.fact for i in changes["dropped"]] == ["Airport open."]
    assert changes["unchanged"] == 1


def test_decision_follow_up_and_dropping_needs_reason(crisis, coordinator, dcc_member):
    decision = make_decision(actor=coordinator, crisis=crisis, owner=dcc_member)
    later = make_meeting(actor=coordinator, crisis=crisis, title="Follow-up")
    with pytest.raises(ValidationError):  # follow-up happens in the judgement phase
        decision_status_update(
            actor=coordinator, decision=decision, status="in-progress", meeting=later
        )
    meeting_phase_advance(actor=coordinator, meeting=later)
    decision_status_update(
        actor=coordinator, decision=decision, status="in-progress", meeting=later, note="Booked"
    )
    with pytest.raises(ValidationError):
        decision_status_update(actor=coordinator, decision=decision, status="dropped")
    decision_status_update(
        actor=coordinator, decision=decision, status="dropped", dropped_reason="Airport reopened."
    )
    decision.refresh_from_db()
    assert decision.status == "dropped"
    assert decision.dropped_reason == "Airport reopened."
    assert list(decision.updates.values_list("to_status", flat=True)) == ["in-progress", "dropped"]
    with pytest.raises(ValidationError):
        decision_status_update(actor=coordinator, decision=decision, status="open")


def test_minister_answer_only_for_decision_points(crisis, coordinator, dcc_member):
    decision = make_decision(actor=coordinator, crisis=crisis, owner=dcc_member)
    with pytest.raises(ValidationError):
        decision_minister_answer(actor=coordinator, decision=decision, answer="Agreed")
    Decision.objects.filter(pk=decision.pk).update(is_minister_decision_point=True)
    decision.refresh_from_db()
    decision_minister_answer(actor=coordinator, decision=decision, answer="Agreed")
    decision.refresh_from_db()
    assert decision.minister_answer == "Agreed"


def test_agenda_item_goes_to_next_open_meeting_once_per_source(crisis, coordinator, post_a):
    assert meeting_agenda_item_add(actor=None, crisis=crisis, text="Worse?") is None
    now = timezone.now()
    closed = make_meeting(actor=coordinator, crisis=crisis, scheduled_at=now - timedelta(days=1))
    for _ in range(3):
        meeting_phase_advance(actor=coordinator, meeting=closed)
    later = make_meeting(
        actor=coordinator, crisis=crisis, title="Later", scheduled_at=now + timedelta(days=2)
    )
    upcoming = make_meeting(
        actor=coordinator, crisis=crisis, title="Next", scheduled_at=now + timedelta(days=1)
    )
    item = meeting_agenda_item_add(
        actor=None, crisis=crisis, text="Has the scenario worsened?", source_object=post_a
    )
    again = meeting_agenda_item_add(
        actor=None, crisis=crisis, text="Has the scenario worsened?", source_object=post_a
    )
    assert item is not None
    assert item == again
    assert item.meeting == upcoming
    assert item.source_object == post_a
    assert MeetingAgendaItem.objects.count() == 1
    assert later.agenda_items.count() == 0


def test_closing_produces_minutes_and_amendment_regenerates_them(
    crisis, coordinator, dcc_member, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    decision = make_decision(actor=coordinator, crisis=crisis, owner=dcc_member)
    meeting = decision.meeting
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting_phase_advance(actor=coordinator, meeting=meeting)
    assert len(callbacks) == 1  # the minutes task is queued on commit
    assert meeting_minutes_store(meeting_id=meeting.pk) is True
    assert meeting_minutes_store(meeting_id=meeting.pk) is False  # idempotent
    meeting.refresh_from_db()
    assert meeting.minutes_ready

    def text():
        import io

        meeting.refresh_from_db()
        with meeting.minutes_pdf.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
        return " ".join(page.extract_text() for page in reader.pages)

    first = text()
    for heading in ("Beeldvorming", "Oordeelsvorming", "Besluitvorming"):
        assert heading in first
    assert "Airport closed." in first
    assert "Prepare charter flight." in first
    with django_capture_on_commit_callbacks(execute=False):
        meeting_amend(actor=coordinator, meeting=meeting, text="Owner is the duty officer.")
    meeting.refresh_from_db()
    assert not meeting.minutes_ready
    assert meeting_minutes_store(meeting_id=meeting.pk) is True
    assert "duty officer" in text()


def test_overdue_decisions_remind_owners_once_a_day(crisis, coordinator, dcc_member):
    today = timezone.localdate()
    make_decision(actor=coordinator, crisis=crisis, owner=dcc_member, deadline=today)
    assert decisions_overdue_remind(today=today) == 0
    assert decisions_overdue_remind(today=today + timedelta(days=1)) == 1
    assert decisions_overdue_remind(today=today + timedelta(days=1)) == 0
    assert decisions_overdue_remind(today=today + timedelta(days=2)) == 1
    assert Notification.objects.filter(kind="decision_overdue", recipient=dcc_member).count() == 2


# ---- pages ----


def test_meeting_pages_run_the_flow(
    coordinator_client, crisis, coordinator, dcc_member, post_a, post_a_staff
):
    make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a)
    response = coordinator_client.post(
        reverse("crisisportal:meeting-create", args=[crisis.pk]),
        {
            "kind": "crisis",
            "title": "First crisis meeting",
            "scheduled_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
            "participants": [dcc_member.pk],
            "participant_posts": [post_a.pk],
            "other_participants": "Defence",
        },
    )
    assert response.status_code == 302
    url = response["Location"]
    page = coordinator_client.get(url).content.decode()
    assert "Import selected reports" in page
    meeting = crisis.meetings.get()
    sitrep = crisis.sitreps.get()
    base = f"/crises/{crisis.pk}/meetings/{meeting.pk}"
    assert (
        coordinator_client.post(
            f"{base}/picture/import", {"import-sitreps": [sitrep.pk]}
        ).status_code
        == 302
    )
    bad = coordinator_client.post(f"{base}/picture", {"picture-fact": "", "picture-source": "post"})
    assert bad.status_code == 400
    assert coordinator_client.post(f"{base}/advance").status_code == 302
    # Out of order: a decision while judging is refused with a message, nothing stored.
    refused = coordinator_client.post(
        f"{base}/decisions",
        {
            "decision-text": "Evacuate",
            "decision-owner": dcc_member.pk,
            "decision-deadline": timezone.localdate().isoformat(),
        },
    )
    assert refused.status_code == 400
    assert "decision phase" in refused.content.decode()
    assert not Decision.objects.exists()
    coordinator_client.post(f"{base}/judgements", {"judgement-text": "Escalation likely."})
    coordinator_client.post(f"{base}/advance")
    response = coordinator_client.post(
        f"{base}/decisions",
        {
            "decision-text": "Evacuate non-essential staff.",
            "decision-owner": dcc_member.pk,
            "decision-deadline": timezone.localdate().isoformat(),
            "decision-picture_items": [meeting.picture_items.get().pk],
        },
    )
    assert response.status_code == 302
    log = coordinator_client.get(reverse("crisisportal:decision-log", args=[crisis.pk]))
    assert "Evacuate non-essential staff." in log.content.decode()
    filtered = coordinator_client.get(
        reverse("crisisportal:decision-log", args=[crisis.pk]) + "?status=done"
    )
    assert "Evacuate non-essential staff." not in filtered.content.decode()


MEETING_FORM_POSTS = {
    "agenda": {"agenda-text": "Consular staffing"},
    "picture": {"picture-fact": "Airport closed.", "picture-source": "post"},
    "judgements": {"judgement-text": "Escalation likely."},
    "step-back": {"back-reason": "New report from the post."},
    "amend": {"amend-text": "Owner is the duty officer."},
}


@pytest.mark.parametrize("action", MEETING_FORM_POSTS)
@pytest.mark.parametrize(
    "client_name", ["partner_client", "post_a_client", "call_team_client", "post_b_client"]
)
def test_meeting_forms_are_missing_for_those_who_do_not_work_the_crisis(
    action, client_name, request, crisis, coordinator
):
    meeting = make_meeting(actor=coordinator, crisis=crisis)
    meeting_phase_advance(actor=coordinator, meeting=meeting)
    client = request.getfixturevalue(client_name)
    url = f"/crises/{crisis.pk}/meetings/{meeting.pk}/{action}"
    assert client.post(url, MEETING_FORM_POSTS[action]).status_code == 404
    assert client.get(url).status_code in (404, 405)
    meeting.refresh_from_db()
    assert meeting.phase == "judgement"
    assert not meeting.agenda_items.exists()
    assert not meeting.picture_items.exists()
    assert not meeting.judgements.exists()
    assert not meeting.amendments.exists()


def test_meeting_forms_report_success_and_keep_errors_in_the_page(
    coordinator_client, crisis, coordinator
):
    meeting = make_meeting(actor=coordinator, crisis=crisis)
    base = f"/crises/{crisis.pk}/meetings/{meeting.pk}"
    missing = f"/crises/{crisis.pk}/meetings/00000000-0000-0000-0000-000000000000"
    assert (
        coordinator_client.post(f"{missing}/agenda", MEETING_FORM_POSTS["agenda"]).status_code
        == 404
    )

    # An agenda item: back to the meeting, no message, the item on the page.
    response = coordinator_client.post(f"{base}/agenda", MEETING_FORM_POSTS["agenda"], follow=True)
    assert response.redirect_chain == [(base, 302)]
    assert "Consular staffing" in response.content.decode()

    # Going back from the first phase is refused above the page; nothing logged.
    refused = coordinator_client.post(f"{base}/step-back", MEETING_FORM_POSTS["step-back"])
    assert refused.status_code == 400
    assert "The meeting is in its first phase." in refused.content.decode()

    response = coordinator_client.post(
        f"{base}/picture", MEETING_FORM_POSTS["picture"], follow=True
    )
    assert "The fact has been added to the picture." in response.content.decode()
    meeting_phase_advance(actor=coordinator, meeting=meeting)

    # A step back needs a reason: the field error in the page, still judging.
    blank = coordinator_client.post(f"{base}/step-back", {"back-reason": ""})
    assert blank.status_code == 400
    assert "This field is required." in blank.content.decode()
    meeting.refresh_from_db()
    assert meeting.phase == "judgement"
    response = coordinator_client.post(
        f"{base}/step-back", MEETING_FORM_POSTS["step-back"], follow=True
    )
    page = response.content.decode()
    assert "The meeting went back to: Beeldvorming (picture)." in page
    assert "step back: New report from the post." in page

    # An amendment is for closed meetings only: refused above the page while open.
    refused = coordinator_client.post(f"{base}/amend", MEETING_FORM_POSTS["amend"])
    assert refused.status_code == 400
    assert "Only a closed meeting is amended" in refused.content.decode()
    assert not meeting.amendments.exists()
