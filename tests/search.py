"""Searching as the browser does: search terms are POSTed and the results page is addressed
by a saved-search key, never by the terms themselves (crisisportal/views/saved_search.py)."""

from typing import Any

from django.test import Client


def search_url(client: Client, url: str, data: dict[str, Any]) -> str:
    """POST the search form; the address of its results, which holds none of the terms."""
    response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    for name, value in data.items():
        assert name == "find" or str(value) not in location
    return str(location)


def search(client: Client, url: str, data: dict[str, Any]) -> Any:
    """POST the search form and open its results page."""
    return client.get(search_url(client, url, data))
