"""The published contract: the OpenAPI document (public) and a readable page of it.

The page is rendered on the server from the same document, so it needs no JavaScript
from a CDN and cannot drift from the contract.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crisisportal.api.schema import openapi_document


@require_GET
def openapi_json(request: HttpRequest) -> HttpResponse:
    return JsonResponse(openapi_document(), json_dumps_params={"indent": 2})


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        return {"name": name, **document["components"]["schemas"][name]}
    return schema


def _type_label(document: dict[str, Any], schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " & ".join(_type_label(document, part) for part in schema["allOf"])
    if "oneOf" in schema:
        return " | ".join(_type_label(document, part) for part in schema["oneOf"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"array of {_type_label(document, schema.get('items', {}))}"
    label = f"{kind} ({schema['format']})" if "format" in schema else str(kind)
    if "enum" in schema:
        label += ": " + ", ".join(str(value) for value in schema["enum"] if value is not None)
    return label


def _fields(document: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    schema = _resolve(document, schema)
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": _type_label(document, prop),
            "required": name in required,
            "description": prop.get("description", ""),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    document = openapi_document()
    operations = []
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            success = [
                (code, response)
                for code, response in operation.get("responses", {}).items()
                if code.startswith("2")
            ]
            response_fields = []
            if success:
                content = success[0][1].get("content", {}).get("application/json")
                if content:
                    response_fields = _fields(document, content["schema"])
            operations.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "scopes": [
                        s
                        for entry in operation.get("security", [])
                        for s in entry.get("oauth2", [])
                    ],
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter["in"],
                            "type": _type_label(document, parameter.get("schema", {})),
                            "required": parameter.get("required", False),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "request_fields": _fields(document, body["schema"]) if body else [],
                    "response_fields": response_fields,
                    "responses": [
                        {"code": code, "description": response.get("description", "")}
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return render(
        request,
        "crisisportal/api_docs.html",
        {"document": document, "info": document["info"], "operations": operations},
    )
