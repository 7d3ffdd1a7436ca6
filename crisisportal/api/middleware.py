"""Conventions every /api and /oauth response keeps, whether or not a DRF view answered.

- A path under /api ending in "/" is 404: the API Design Rules forbid trailing slashes, and
  a redirect would hide the client's mistake (and drop a POST body).
- Django's own error pages (unknown route, 405 of the token view, 500) become problem+json;
  OAuth2 error bodies ({"error": ...}, RFC 6749) keep their members inside the problem.
- Every /api response carries API-Version; nothing of the API or token endpoint is cached.
"""

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from crisisportal.api.problems import PROBLEM_CONTENT_TYPE, problem_response

API_PREFIX = "/api/"
OAUTH_PREFIX = "/oauth/"


class ApiConventionsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        is_api = path.startswith(API_PREFIX)
        is_oauth = path.startswith(OAUTH_PREFIX)
        if not (is_api or is_oauth):
            return self.get_response(request)

        if is_api and path.endswith("/"):
            response = problem_response(
                404, "API paths have no trailing slash; remove the final '/'."
            )
        else:
            response = self.get_response(request)
            if is_api and 300 <= response.status_code < 400:
                response = problem_response(404, "There is no such resource.")
            elif response.status_code >= 400 and not response.get("Content-Type", "").startswith(
                PROBLEM_CONTENT_TYPE
            ):
                response = self._as_problem(response)

        if is_api:
            response["API-Version"] = settings.API_VERSION
        if is_oauth or "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response

    def _as_problem(self, response: HttpResponse) -> HttpResponse:
        status_code = response.status_code
        extra: dict[str, str] = {}
        detail = {
            404: "There is no such resource.",
            405: "This method is not allowed on this resource.",
            500: "The server failed to handle the request; it has been logged.",
        }.get(status_code, "The request failed.")
        if response.get("Content-Type", "").startswith("application/json"):
            try:
                oauth_body = json.loads(response.content)
            except ValueError:
                oauth_body = {}
            if isinstance(oauth_body, dict) and "error" in oauth_body:
                extra = {
                    key: str(oauth_body[key])
                    for key in ("error", "error_description")
                    if key in oauth_body
                }
                detail = extra.get("error_description") or extra["error"]
        problem = problem_response(status_code, detail, **extra)
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                problem[header] = response[header]
        return problem
