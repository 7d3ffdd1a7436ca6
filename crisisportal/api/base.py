"""The base of every API view: OAuth2 bearer tokens, scopes, per-client throttling,
problem+json errors, English texts, no caching and an audit record of every call."""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import permissions, throttling
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crisisportal.api.clients import api_client_label
from crisisportal.api.problems import problem_exception_handler
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


class ClientCredentialsScheme(OpenApiAuthenticationExtension):
    """Documents the bearer tokens as OAuth2 client credentials (see schema.py for flows)."""

    target_class = ClientCredentialsAuthentication
    name = "oauth2"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "oauth2",
            "flows": {"clientCredentials": {"tokenUrl": "/oauth/token", "scopes": {}}},
        }
