"""The base of every API view: OAuth2 bearer tokens, scopes, per-client throttling,
problem+json errors, English texts, no caching and an audit record of every call.

Also the pieces every resource repeats: a keyset-paginated list answer, an audited service
write whose refusals answer problem+json, and the OpenAPI documentation of list, read and
write operations (`ApiOperations`), so that every endpoint of the contract looks alike."""

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import permissions, throttling
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crisisportal.api.clients import api_client_label
from crisisportal.api.fields import LIST_PARAMETERS, UPDATED_SINCE_PARAMETER, keyset_page
from crisisportal.api.problems import (
    ApiConflict,
    ApiInvalidInput,
    invalid_params_from_django,
    problem_exception_handler,
)
from crisisportal.services.audit import audit_context, personal_data_viewed

logger = logging.getLogger("crisisportal.api")

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def request_client(request: Request) -> Any:
    """The OAuth2 application behind the request's token, or None."""
    token = request.auth
    return getattr(token, "application", None)


class ClientCredentialsAuthentication(OAuth2Authentication):
    """Bearer tokens of the client credentials grant act as the client's service user.

    django-oauth-toolkit issues such tokens without a user; the client's service user
    carries its crisis grants. The token is checked on the plain Django request so that
    authentication never parses the body (a bad body must not hide a missing token).
    """

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request._request)
        if result is None:
            return None
        user, token = result
        user = user or getattr(token.application, "user", None)
        if user is None or not user.is_active:
            return None
        return user, token


class HasClientScope(permissions.BasePermission):
    """Reads need the `read` scope, writes the `write` scope; no token is 401."""

    message = "The access token lacks the scope this request needs."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.auth is None or not request.user.is_authenticated:
            return False
        needed = "read" if request.method in READ_METHODS else "write"
        self.message = f"The access token lacks the '{needed}' scope this request needs."
        token: Any = request.auth
        return bool(token.allow_scopes([needed]))


class ClientRateThrottle(throttling.SimpleRateThrottle):
    """One bucket per API client (per address for calls without a valid token)."""

    scope = "api-client"

    def get_rate(self) -> str:
        return str(settings.API_THROTTLE_RATE)

    def get_cache_key(self, request: Request, view: Any) -> str:
        application = request_client(request)
        ident = application.client_id if application else self.get_ident(request)
        return f"throttle_api_{ident}"


class ApiJSONRenderer(JSONRenderer):
    # Plain JSON only: no browsable API that could leak data into a browser cache.
    charset = None


class ApiView(APIView):
    authentication_classes = [ClientCredentialsAuthentication]
    permission_classes = [HasClientScope]
    throttle_classes = [ClientRateThrottle]
    renderer_classes = [ApiJSONRenderer]
    parser_classes = [JSONParser]
    # Views set this to the route name used in the audit, e.g. "api:case-detail".
    audit_name = ""
    # Service refusals answered 409 instead of 400 (an app's conflict ValidationErrors).
    conflict_errors: tuple[type[ValidationError], ...] = ()

    def get_exception_handler(self) -> Any:
        return problem_exception_handler

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # The contract is in English whatever the portal's language negotiation says.
        translation.activate("en")
        self._touched: list[models.Model] = []
        super().initial(request, *args, **kwargs)

    # ---- audit -------------------------------------------------------------------------
    @property
    def client_label(self) -> str:
        application = request_client(self.request)
        return api_client_label(application) if application else ""

    def touched(self, objects: Iterable[models.Model]) -> None:
        """Record the objects this call showed or changed; written to the audit at the end."""
        self._touched.extend(objects)

    @contextmanager
    def write_context(self) -> Iterator[None]:
        """Every change made in the block is recorded with the client and the endpoint."""
        with audit_context(
            self.request.user, api_client=self.client_label, endpoint=self.audit_name
        ):
            yield

    @contextmanager
    def service_write(self, field_names: dict[str, str] | None = None) -> Iterator[None]:
        """Run a service call as this endpoint's audited write. A refusal in
        `conflict_errors` is a 409; any other is a 400 naming the request's fields
        (field_names maps the service's field names to them)."""
        with self.write_context():
            try:
                yield
            except self.conflict_errors as conflict:
                raise ApiConflict(" ".join(conflict.messages)) from conflict
            except ValidationError as error:
                raise ApiInvalidInput(invalid_params_from_django(error, field_names)) from error

    # ---- lists -------------------------------------------------------------------------
    def list_page(
        self,
        queryset: "models.QuerySet[Any]",
        query: dict,
        *,
        order_field: str,
        serializer: Any,
        since_field: str | None = None,
        parents: Sequence[models.Model] = (),
        audit_rows: bool = True,
    ) -> Response:
        """One keyset page of queryset as `{"results": [...], "next": url-or-null}`.

        since_field: the field `updatedSince` filters on (for lists that synchronise).
        parents and (unless audit_rows is off) the rows shown are recorded as viewed.
        """
        if since_field and "updatedSince" in query:
            queryset = queryset.filter(**{f"{since_field}__gte": query["updatedSince"]})
        rows, next_url = keyset_page(self.request, queryset, query, order_field=order_field)
        self.touched([*parents, *rows] if audit_rows else parents)
        return Response({"results": serializer(rows, many=True).data, "next": next_url})

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        label = self.client_label if request.auth is not None else ""
        touched = getattr(self, "_touched", [])
        if label and touched and response.status_code < 400:
            personal_data_viewed(
                actor=request.user,
                view_name=self.audit_name or type(self).__name__,
                objects=touched,
                api_client=label,
            )
        # Route name and status only: URLs may carry personal data in query strings.
        logger.info(
            "api call client=%s endpoint=%s method=%s status=%s objects=%d",
            label or "-",
            self.audit_name or type(self).__name__,
            request.method,
            response.status_code,
            len(touched),
        )
        return response


def created(data: Any) -> Response:
    return Response(data, status=201)


def upserted(data: Any, *, was_created: bool) -> Response:
    """The answer of an idempotent create: 201 the first time, 200 on a repeat."""
    return created(data) if was_created else Response(data)


def filter_parameter(name: str, schema_name: str, description: str) -> OpenApiParameter:
    """A list filter whose values are a named schema (an enumeration of the contract)."""
    return OpenApiParameter(
        name, {"$ref": f"#/components/schemas/{schema_name}"}, description=description
    )


def upsert_responses(serializer: Any, *, existing: str, new: str) -> dict[int, OpenApiResponse]:
    """The documented answers of an idempotent create (see `upserted`)."""
    return {
        200: OpenApiResponse(serializer, description=existing),
        201: OpenApiResponse(serializer, description=new),
    }


class ApiOperations:
    """The OpenAPI documentation of the operations under one tag of the contract.

    Lists take `pageSize` and `cursor` (and `updatedSince` where they synchronise) and
    answer a page; reads answer one object; writes take a body and answer 200 or 201.
    """

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def list(
        self,
        operation_id: str,
        summary: str,
        page: Any,
        *,
        description: str | None = None,
        sync: bool = True,
        filters: Sequence[OpenApiParameter] = (),
    ) -> Callable[[Any], Any]:
        parameters = [*LIST_PARAMETERS, *([UPDATED_SINCE_PARAMETER] if sync else []), *filters]
        return self._operation(
            operation_id, summary, description, parameters=parameters, responses={200: page}
        )

    def read(
        self, operation_id: str, summary: str, response: Any, *, description: str | None = None
    ) -> Callable[[Any], Any]:
        return self._operation(operation_id, summary, description, responses={200: response})

    def write(
        self,
        operation_id: str,
        summary: str,
        request: Any,
        response: Any,
        *,
        status: int = 200,
        description: str | None = None,
    ) -> Callable[[Any], Any]:
        """response: the serializer answered with status, or a dict of responses."""
        responses = response if isinstance(response, dict) else {status: response}
        return self._operation(
            operation_id, summary, description, request=request, responses=responses
        )

    def _operation(
        self, operation_id: str, summary: str, description: str | None, **kwargs: Any
    ) -> Callable[[Any], Any]:
        return extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=description,
            tags=[self.tag],
            **kwargs,
        )


class ClientCredentialsScheme(OpenApiAuthenticationExtension):
    """Documents the bearer tokens as OAuth2 client credentials (see schema.py for flows)."""

    target_class = ClientCredentialsAuthentication
    name = "oauth2"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "oauth2",
            "flows": {"clientCredentials": {"tokenUrl": "/oauth/token", "scopes": {}}},
        }
