"""Search terms that may be personal data (a name, a phone or document number) never go
into a URL, where browser history, proxies and access logs would keep them.

A search form is POSTed; its fields are kept in the session under a random key and the
browser is redirected to the results addressed by that key (`?search=<key>&page=N`), so
reloading, paging and the back button work as with a GET form. Filters that are not
personal (country, status, kind) may still come in the query string; a personal field
that arrives there anyway is ignored.
"""

import secrets
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponseRedirect, QueryDict

SESSION_KEY = "saved_searches"
PARAMETER = "search"
# Fields whose values may identify a person: only ever taken from a saved search.
PERSONAL_FIELDS = frozenset({"q"})
# A session keeps the latest searches only.
KEEP = 20


def search_redirect(request: HttpRequest, fields: Iterable[str]) -> HttpResponseRedirect:
    """Save the POSTed search fields and redirect to the same page addressed by the key."""
    data = {name: request.POST.getlist(name) for name in fields if any(request.POST.getlist(name))}
    saved = dict(request.session.get(SESSION_KEY, {}))
    key = secrets.token_urlsafe(9)
    saved[key] = data
    while len(saved) > KEEP:
        saved.pop(next(iter(saved)))
    request.session[SESSION_KEY] = saved
    return HttpResponseRedirect(f"{request.path}?{PARAMETER}={key}")


def search_params(request: HttpRequest) -> QueryDict:
    """The page's parameters: the query string without personal fields, plus the fields of
    the saved search it names (an unknown or expired key is an empty search)."""
    params = request.GET.copy()
    for name in PERSONAL_FIELDS:
        params.pop(name, None)
    key = params.pop(PARAMETER, [""])[-1]
    for name, values in request.session.get(SESSION_KEY, {}).get(key, {}).items():
        params.setlist(name, values)
    return params


def page_query(request: HttpRequest) -> str:
    """The query string that addresses this page's search, for paging and export links."""
    params = request.GET.copy()
    params.pop("page", None)
    for name in PERSONAL_FIELDS:
        params.pop(name, None)
    return str(params.urlencode())


__all__ = ["page_query", "search_params", "search_redirect"]
