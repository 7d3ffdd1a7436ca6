import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dcc_creates_a_staff_account_without_password(coordinator_client):
    response = coordinator_client.post(
        reverse("crisisportal:staff-create"),
        {
            "email": "New.Colleague@BZ.example",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "organisation": "bz",
            "language": "nl",
            "in_flexible_shell": "on",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.colleague@bz.example")
    assert not user.has_usable_password()
    assert user.staff_profile.in_flexible_shell
    assert not user.staff_profile.is_dcc


def test_duplicate_email_is_refused_in_the_form(coordinator_client, dcc_member):
    response = coordinator_client.post(
        reverse("crisisportal:staff-create"),
        {
            "email": dcc_member.email.upper(),
            "first_name": "X",
            "last_name": "Y",
            "organisation": "bz",
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_dcc_puts_someone_in_the_flexible_shell_pool(coordinator_client, call_team):
    coordinator_client.post(
        reverse("crisisportal:staff-edit", args=[call_team.pk]),
        {"organisation": "bz", "language": "nl", "in_flexible_shell": "on"},
    )
    call_team.staff_profile.refresh_from_db()
    assert call_team.staff_profile.in_flexible_shell
    page = coordinator_client.get(
        reverse("crisisportal:staff-list") + "?pool=flexible-shell"
    ).content.decode()
    assert call_team.email in page


@pytest.mark.parametrize("role", ["post_a", "call_team", "partner"])
def test_only_dcc_manages_staff(request, role, coordinator):
    client = request.getfixturevalue(f"{role}_client")
    assert client.get(reverse("crisisportal:staff-list")).status_code == 404
    assert client.get(reverse("crisisportal:staff-edit", args=[coordinator.pk])).status_code == 404
