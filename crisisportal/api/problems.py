"""Errors as RFC 9457 problem details (`application/problem+json`).

Every 4xx and 5xx of the API has `type`, `title`, `status` and `detail`; invalid input adds
`invalidParams: [{name, reason}]` listing every problem at once, named as the client sent
them (camelCase, `person.givenNames`, `residencePermits[0].territory`). The API speaks
English (the contract is with Defence), so these texts are not translated.
"""

import logging
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Problem types: stable identifiers documented on the API docs page.
TITLES = {
    400: ("invalid-input", "Invalid input"),
    401: ("not-authenticated", "Not authenticated"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
    500: ("server-error", "Internal server error"),
    503: ("service-unavailable", "Service unavailable"),
}


def problem_type(status_code: int) -> str:
    slug = TITLES.get(status_code, ("error", ""))[0]
    return f"{settings.PORTAL_BASE_URL}/api-docs#problem-{slug}"


def problem_body(
    status_code: int,
    detail: str,
    *,
    title: str = "",
    invalid_params: list[dict[str, str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(status_code),
        "title": title or TITLES.get(status_code, ("", "Error"))[1],
        "status": status_code,
        "detail": detail,
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    body.update(extra)
    return body


def problem_response(status_code: int, detail: str, **kwargs: Any) -> HttpResponse:
    """A plain Django response, for errors raised outside DRF views (404 routes, 500s)."""
    return JsonResponse(
        problem_body(status_code, detail, **kwargs),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def invalid_params_from_detail(detail: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    """Flatten DRF's nested error structure into one entry per problem."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in (NON_FIELD_ERRORS, "non_field_errors"):
                name = prefix
            elif isinstance(key, int):
                name = f"{prefix}[{key}]"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            yield from invalid_params_from_detail(value, name)
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                if item:
                    yield from invalid_params_from_detail(item, f"{prefix}[{index}]")
            else:
                yield {"name": prefix or "body", "reason": str(item)}
    else:
        yield {"name": prefix or "body", "reason": str(detail)}


def invalid_params_from_django(
    error: DjangoValidationError, field_names: dict[str, str] | None = None
) -> list[dict[str, str]]:
    """A service's ValidationError ({snake_field: messages}) in the client's terms."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        return [{"name": "body", "reason": message} for message in error.messages]
    params: list[dict[str, str]] = []
    for field, messages in error.message_dict.items():
        name = "body" if field == NON_FIELD_ERRORS else field_names.get(field, camel_case(field))
        params.extend({"name": name, "reason": message} for message in messages)
    return params


class ApiConflict(exceptions.APIException):
    """An illegal state transition or an overflow (capacity, not approved): 409."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."

    def __init__(self, detail: str, invalid_params: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.invalid_params = invalid_params or []


class ApiInvalidInput(exceptions.APIException):
    """Invalid input found by a service (400), already in the client's terms."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request has invalid input."

    def __init__(self, invalid_params: list[dict[str, str]]) -> None:
        super().__init__(self.default_detail)
        self.invalid_params = invalid_params


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: every error becomes problem+json. Unknown errors propagate
    (Django logs them) and the API middleware turns the 500 into problem+json."""
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = ApiInvalidInput(invalid_params_from_django(exc))
    if not isinstance(exc, exceptions.APIException):
        return None

    headers: dict[str, str] = {}
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None)
    if wait:
        headers["Retry-After"] = str(int(wait))

    code = exc.status_code
    invalid_params: list[dict[str, str]] = getattr(exc, "invalid_params", [])
    if isinstance(exc, exceptions.ValidationError):
        invalid_params = list(invalid_params_from_detail(exc.detail))
        detail = "The request has invalid input; see invalidParams."
    elif isinstance(exc, exceptions.ParseError):
        invalid_params = [{"name": "body", "reason": str(exc.detail)}]
        detail = "The request body is not valid JSON."
    elif isinstance(exc, exceptions.NotFound):
        detail = "There is no such resource, or this client may not see it."
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        detail = "Send a valid bearer token from /oauth/token in the Authorization header."
        oauth_error = getattr(context.get("request"), "oauth2_error", None) or {}
        if oauth_error.get("error_description"):
            detail = f"{detail} ({oauth_error['error_description']})"
    else:
        detail = str(exc.detail)
    if isinstance(exc, ApiInvalidInput):
        detail = "The request has invalid input; see invalidParams."
    return Response(
        problem_body(code, detail, invalid_params=invalid_params),
        status=code,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
    )
