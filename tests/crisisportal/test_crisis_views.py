import pytest
from django.urls import reverse

from crisisportal.models import Crisis, CrisisChange, PersonalDataView

pytestmark = pytest.mark.django_db


def test_open_crisis_from_the_form(coordinator_client, coordinator, post_a):
    response = coordinator_client.post(
        reverse("crisisportal:crisis-create"),
        {
            "title": "Coup in the capital",
            "kind": "violent-change-of-power",
            "countries": ["SD"],
            "posts": [post_a.pk],
            "phase": "crisis",
            "reporting_cadence_hours": 12,
            "rationale": "Army seized the broadcaster.",
            "decided_by": "Head of DCC",
            "informed": ["posts", "minister"],
        },
    )
    crisis = Crisis.objects.get(title="Coup in the capital")
    assert response.status_code == 302
    assert crisis.phase == "crisis"
    assert crisis.memberships.get().user == coordinator
    page = coordinator_client.get(
        reverse("crisisportal:crisis-detail", args=[crisis.pk])
    ).content.decode()
    assert "Army seized the broadcaster." in page


def test_bad_input_shows_errors_keeps_input_and_saves_nothing(coordinator_client):
    response = coordinator_client.post(
        reverse("crisisportal:crisis-create"),
        {
            "title": "Half a crisis",
            "kind": "bogus",
            "reporting_cadence_hours": 0,
            "rationale": "",
            "decided_by": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Half a crisis"' in page
    assert 'aria-invalid="true"' in page
    assert page.count("utrecht-form-field-error-message") >= 4
    assert not Crisis.objects.filter(title="Half a crisis").exists()


def test_escalation_form_records_decision_on_timeline(coordinator_client, crisis):
    url = reverse("crisisportal:crisis-escalate", args=[crisis.pk])
    response = coordinator_client.post(
        url,
        {
            "to_level": "interdepartmental",
            "rationale": "Defence assets needed.",
            "decided_by": "SG",
            "informed": ["defence"],
            "informed_other": "NCC duty officer",
        },
    )
    assert response.status_code == 302
    detail = coordinator_client.get(
        reverse("crisisportal:crisis-detail", args=[crisis.pk])
    ).content.decode()
    assert "Defence assets needed." in detail
    assert "NCC duty officer" in detail
    assert CrisisChange.objects.filter(crisis=crisis, kind="escalation").count() == 1


def test_escalation_to_same_level_shows_field_error(coordinator_client, crisis):
    response = coordinator_client.post(
        reverse("crisisportal:crisis-escalate", args=[crisis.pk]),
        {"to_level": "departmental", "rationale": "r", "decided_by": "SG"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "already at this level" in response.content.decode()


def test_coordinator_calls_in_flexible_shell(coordinator_client, crisis, shell_member):
    response = coordinator_client.post(
        reverse("crisisportal:crisis-members", args=[crisis.pk]),
        {"callin-users": [shell_member.pk]},
    )
    assert response.status_code == 302
    assert crisis.memberships.filter(user=shell_member, role="flexible-shell").exists()
    assert shell_member.notifications.filter(kind="flexible_shell_called_in").exists()
    detail = __import__("django.test", fromlist=["Client"]).Client()
    detail.force_login(shell_member)
    assert detail.get(reverse("crisisportal:crisis-detail", args=[crisis.pk])).status_code == 200


def test_members_page_logs_the_personal_data_view(dcc_member_client, dcc_member, crisis):
    dcc_member_client.get(reverse("crisisportal:crisis-members", args=[crisis.pk]))
    view = PersonalDataView.objects.get(user=dcc_member)
    assert view.view_name == "crisisportal:crisis-members"
    assert len(view.object_ids) == crisis.memberships.count()


def test_history_shows_changes_with_actor(coordinator_client, crisis, coordinator):
    coordinator_client.post(
        reverse("crisisportal:crisis-escalate", args=[crisis.pk]),
        {"to_level": "national", "rationale": "r", "decided_by": "SG"},
    )
    page = coordinator_client.get(
        reverse("crisisportal:crisis-history", args=[crisis.pk])
    ).content.decode()
    assert "escalation_level" in page
    assert "Carla Coordinator" in page


def test_crisis_list_query_count_is_constant(
    coordinator_client, coordinator, django_assert_max_num_queries
):
    from tests.factories import make_crisis

    for n in range(3):
        make_crisis(coordinator=coordinator, title=f"Crisis {n}")
    with django_assert_max_num_queries(12) as few:
        coordinator_client.get(reverse("crisisportal:crisis-list"))
    for n in range(3, 15):
        make_crisis(coordinator=coordinator, title=f"Crisis {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(reverse("crisisportal:crisis-list"))


def test_unauthenticated_is_sent_to_login(anonymous_client, crisis):
    response = anonymous_client.get(reverse("crisisportal:crisis-detail", args=[crisis.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert str(crisis.pk) not in response["Location"] or "next=" in response["Location"]
