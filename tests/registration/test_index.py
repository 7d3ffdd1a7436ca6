"""The registration entry page: reached from the navigation (DCC) or the post page (post
staff); everybody else gets 404."""

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dcc_finds_every_section_from_the_navigation(coordinator_client: Any) -> None:
    home = coordinator_client.get(reverse("crisisportal:home")).content.decode()
    assert reverse("registration:index") in home
    page = coordinator_client.get(reverse("registration:index")).content.decode()
    for name in ("person-search", "merge-list", "registration-overview", "local-staff-import"):
        assert reverse(f"registration:{name}") in page


def test_post_staff_reach_it_from_their_post_page(post_a: Any, post_a_client: Any) -> None:
    post_page = post_a_client.get(reverse("crisisportal:post-detail", args=[post_a.pk]))
    assert reverse("registration:index") in post_page.content.decode()
    page = post_a_client.get(reverse("registration:index"))
    assert page.status_code == 200
    assert post_a.name in page.content.decode()
    assert reverse("registration:merge-list") not in page.content.decode()


def test_others_get_404(call_team_client: Any, partner_client: Any, client: Any) -> None:
    assert call_team_client.get(reverse("registration:index")).status_code == 404
    assert partner_client.get(reverse("registration:index")).status_code == 404
    assert client.get(reverse("registration:index")).status_code == 302  # to the login page
