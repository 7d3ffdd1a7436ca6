"""Search terms are personal data: they travel in a POST and the session, never in a URL."""

from typing import Any

import pytest
from django.urls import reverse

from tests.registration.factories import make_person
from tests.search import search_url

pytestmark = pytest.mark.django_db


def test_results_are_addressed_by_a_key_that_only_this_session_can_open(
    dcc_member: Any, client_for: Any
) -> None:
    make_person(given_names="Gul", family_name="Safi")
    url = reverse("registration:person-search")
    client = client_for(dcc_member)

    results = search_url(client, url, {"q": "Safi"})

    assert "Safi" in client.get(results).content.decode()
    # Paging keeps the key, not the term.
    assert "Safi, Gul" in client.get(results + "&page=1").content.decode()
    # Another session (even of the same user) cannot open the key: an empty search.
    assert "Safi, Gul" not in client_for(dcc_member).get(results).content.decode()


def test_a_term_in_the_query_string_is_ignored(dcc_member_client: Any) -> None:
    make_person(given_names="Gul", family_name="Safi")
    page = dcc_member_client.get(reverse("registration:person-search"), {"q": "Safi"})
    assert page.status_code == 200
    assert "Safi, Gul" not in page.content.decode()
