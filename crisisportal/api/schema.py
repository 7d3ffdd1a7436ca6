"""The OpenAPI document: what every operation shares, added in one place.

drf-spectacular describes the operations; this hook adds the conventions of the NL API
Design Rules that hold for all of them: the API-Version header on every success, the
problem+json schema on every error, 400 on every write and parametrised read, and the
OAuth2 client credentials security with the scope each method needs.
"""

from typing import Any

from django.conf import settings

from crisisportal.api.problems import PROBLEM_CONTENT_TYPE, TITLES

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Problem details (RFC 9457).",
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Identifies the problem."},
        "title": {"type": "string", "description": "Short summary of the problem type."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong with this request."},
        "instance": {"type": "string", "format": "uri-reference"},
        "invalidParams": {
            "type": "array",
            "description": "Every invalid parameter or body member at once.",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
        "error": {"type": "string", "description": "OAuth2 error code (token endpoint)."},
        "error_description": {"type": "string"},
    },
    "required": ["type", "title", "status", "detail"],
}
INVALID_PARAM_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {
            "type": "string",
            "description": "The member or parameter, e.g. `person.givenNames`.",
        },
        "reason": {"type": "string"},
    },
    "required": ["name", "reason"],
}
API_VERSION_HEADER = {
    "description": "The full version (semver) of the API that answered.",
    "required": True,
    "schema": {"type": "string", "example": settings.API_VERSION},
}
ERROR_DESCRIPTIONS = {
    400: "Invalid input: `invalidParams` lists every problem.",
    401: "No valid bearer token (missing, unknown or expired).",
    403: "The token lacks the scope this operation needs.",
    404: "No such resource, or the client may not see it (both look the same).",
    406: "The Accept header asks for something other than JSON.",
    409: "Illegal state transition or capacity overflow.",
    415: "The request body is not `application/json`.",
    429: "Too many requests from this client; see Retry-After.",
    500: "Server error.",
}
WRITE_METHODS = ("post", "put", "patch", "delete")


def _problem_response(code: int) -> dict[str, Any]:
    return {
        "description": ERROR_DESCRIPTIONS.get(code, TITLES.get(code, ("", "Error"))[1]),
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def add_conventions(result: dict[str, Any], generator: Any, request: Any, public: Any) -> dict:
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components["schemas"]["InvalidParam"] = INVALID_PARAM_SCHEMA
    components.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    components["securitySchemes"] = {
        "oauth2": {
            "type": "oauth2",
            "description": "OAuth2 client credentials; ask the DCC for a client.",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/oauth/token",
                    "scopes": {
                        "read": "Read crises, persons and evacuation data",
                        "write": "Create and change persons, cases, flights and boardings",
                    },
                }
            },
        }
    }
    result["security"] = [{"oauth2": []}]
    result["tags"] = [
        {"name": "crises", "description": "Crises the client is granted, and their picture."},
        {"name": "persons", "description": "Persons, family relations and local staff."},
        {"name": "evacuation", "description": "Eligibility, cases, flights and boardings."},
    ]

    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue
            operation["security"] = [{"oauth2": ["write" if method in WRITE_METHODS else "read"]}]
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                if str(code).startswith(("2", "3")):
                    if not response.get("description"):
                        response["description"] = "Success."
                    response.setdefault("headers", {})["API-Version"] = {
                        "$ref": "#/components/headers/API-Version"
                    }
            codes = [400, 401, 403, 404, 406, 429, 500]
            if method in WRITE_METHODS:
                codes.append(415)
            for code in codes:
                responses.setdefault(str(code), {})
            for code in list(responses):
                if str(code).startswith(("4", "5")):
                    description = responses[code].get("description")
                    responses[code] = _problem_response(int(code))
                    if description:
                        responses[code]["description"] = description
            operation["responses"] = dict(sorted(responses.items()))
    return result


_document: dict[str, Any] | None = None


def openapi_document() -> dict[str, Any]:
    """The generated OpenAPI document as plain JSON data, built once per process."""
    global _document
    if _document is None:
        import json

        from drf_spectacular.generators import SchemaGenerator
        from drf_spectacular.renderers import OpenApiJsonRenderer2

        schema = SchemaGenerator().get_schema(request=None, public=True)
        _document = json.loads(OpenApiJsonRenderer2().render(schema))
    return _document
