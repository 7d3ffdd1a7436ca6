"""The checks of the NL API Design Rules linter (Logius' Spectral ruleset, media/linter.yaml
in Logius-standaarden/API-Design-Rules) written as tests over our generated OpenAPI document.

Each test names the rule it encodes. Spectral resolves $refs before checking; so do we.
"""

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from drf_spectacular.validation import validate_schema

from crisisportal.api.schema import openapi_document

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return openapi_document()


def resolve(document: dict[str, Any], node: Any) -> Any:
    if isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return resolve(document, target)
    return node


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def responses(document: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            yield path, method, code, resolve(document, response)


def schema_properties(document: dict[str, Any], node: Any) -> Iterator[tuple[str, dict]]:
    """Every (name, property schema) anywhere under node, following $refs once."""
    seen: set[int] = set()

    def walk(node: Any) -> Iterator[tuple[str, dict]]:
        node = resolve(document, node)
        if isinstance(node, dict):
            if id(node) in seen:
                return
            seen.add(id(node))
            for name, prop in (node.get("properties") or {}).items():
                yield name, resolve(document, prop)
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    yield from walk(node)


def test_oas3_schema_is_valid(document: dict[str, Any]) -> None:
    """oas3-schema (and the other spectral:oas error rules)."""
    validate_schema(document)


def test_openapi3_version(document: dict[str, Any]) -> None:
    """nlgov:openapi3, nlgov:openapi-root-exists"""
    assert re.match(r"^3(.\d+){1,2}$", document["openapi"])


def test_operation_ids_unique(document: dict[str, Any]) -> None:
    """operation-operationId-unique"""
    counts = Counter(op["operationId"] for _, _, op in operations(document))
    assert all(count == 1 for count in counts.values()), counts


def test_path_params_declared(document: dict[str, Any]) -> None:
    """path-params: every {param} in a path is a declared path parameter and vice versa."""
    for path, _method, operation in operations(document):
        in_path = set(re.findall(r"{([^}]+)}", path))
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert in_path == declared, path


def test_tags_unique(document: dict[str, Any]) -> None:
    """openapi-tags-uniqueness"""
    names = [tag["name"] for tag in document.get("tags", [])]
    assert len(names) == len(set(names))


def test_major_version_in_server_uri(document: dict[str, Any]) -> None:
    """nlgov:include-major-version-in-uri, oas3-api-servers"""
    assert document["servers"]
    for server in document["servers"]:
        assert re.search(r"\/v[\d+]", server["url"])
        # nlgov:servers-use-https (warn): never plain http.
        assert not server["url"].startswith("http://")


def test_no_trailing_slash(document: dict[str, Any]) -> None:
    """nlgov:paths-no-trailing-slash, path-keys-no-trailing-slash"""
    for path in document["paths"]:
        assert not re.search(r".+\/$", path), path


def test_paths_kebab_case(document: dict[str, Any]) -> None:
    """nlgov:paths-kebab-case"""
    pattern = re.compile(
        r"^(\/|(\/_[a-z0-9]+|\/(([a-z0-9\-]+|{[^}]+})(\/([a-z0-9\-\.]+|{[^}]+}))*)(\/_[a-z]+)?)\/?)$"
    )
    for path in document["paths"]:
        if re.search(r"\/openapi\.(json)|(yaml)", path):
            continue
        assert pattern.match(path), path


def test_query_keys_camel_case(document: dict[str, Any]) -> None:
    """nlgov:query-keys-camel-case"""
    pattern = re.compile(r"^\$?[a-z][a-z\d]*([A-Z][a-z\d]*)*$")
    for _path, _method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                assert pattern.match(parameter["name"]), parameter["name"]


def test_http_methods_only(document: dict[str, Any]) -> None:
    """nlgov:http-methods: path items hold standard methods (and parameters) only."""
    for item in document["paths"].values():
        for key in item:
            assert re.match(r"post|put|get|delete|patch|parameters|summary|description", key)


def test_version_header_on_every_success(document: dict[str, Any]) -> None:
    """nlgov:missing-version-header, nlgov:missing-header"""
    names = {"API-Version", "Api-Version", "Api-version", "api-version", "API-version"}
    for path, method, code, response in responses(document):
        if re.match(r"(2|3)\d\d", code):
            assert response.get("headers"), (path, method, code)
            assert names & set(response["headers"]), (path, method, code)


def test_problem_json_on_every_error(document: dict[str, Any]) -> None:
    """nlgov:use-problem-schema, nlgov:problem-schema-members"""
    for path, method, code, response in responses(document):
        if re.match(r"(4|5)\d\d", code):
            content = response.get("content", {})
            assert "application/problem+json" in content, (path, method, code)
            schema = resolve(document, content["application/problem+json"]["schema"])
            assert schema["type"] == "object"
            assert {"status", "title", "detail"} <= set(schema["properties"]), (path, code)


def test_invalid_input_documented(document: dict[str, Any]) -> None:
    """nlgov:problem-invalid-input: 400 on parametrised GET/DELETE and on every write."""
    for path, method, operation in operations(document):
        parametrised = method in ("get", "delete") and operation.get("parameters")
        if parametrised or method in ("put", "post", "patch"):
            assert "400" in operation["responses"], (path, method)


def test_contact(document: dict[str, Any]) -> None:
    """info-contact, nlgov:info-contact-fields-exist"""
    contact = document["info"]["contact"]
    assert contact["name"] and contact["url"] and contact["email"]


def test_semver(document: dict[str, Any]) -> None:
    """nlgov:semver"""
    assert re.match(
        r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
        r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        document["info"]["version"],
    )


def test_date_time_formats(document: dict[str, Any]) -> None:
    """nlgov:date-time-ensure-timezone, nlgov:time-without-timezone"""
    for name, prop in schema_properties(document, document):
        assert prop.get("format") not in ("date-time-local", "time"), name


def test_date_fields_have_date_format(document: dict[str, Any]) -> None:
    """nlgov:specify-format-for-date-and-time, nlgov:use-date-instead-of-datetime"""
    date_name = re.compile(r"((\w+D)|(_[dD]))((ate)|(atum))")
    checked = 0
    for name, prop in schema_properties(document, document):
        if name in ("date", "datum") or date_name.search(name):
            formats = [prop.get("format")] + [
                resolve(document, part).get("format") for part in prop.get("allOf", [])
            ]
            assert any(formats), name
            assert "date-time" not in formats, name
            checked += 1


def test_schema_names_pascal_case(document: dict[str, Any]) -> None:
    """nlgov:schema-camel-case (warn)"""
    for name in document["components"]["schemas"]:
        assert re.match(r"^[A-Z][a-zA-Z0-9]*$", name), name


def test_properties_camel_case(document: dict[str, Any]) -> None:
    """nlgov:property-casing, extended to every property of our own (the contract is camelCase).

    `error_description` is the OAuth2 member (RFC 6749) of the token endpoint's problems."""
    pattern = re.compile(r"^[a-z][a-zA-Z0-9]*$")
    for name, _prop in schema_properties(document, document["components"]["schemas"]):
        assert pattern.match(name) or name == "error_description", name


def test_schema_generates_without_warnings(tmp_path: Any) -> None:
    """Warnings (e.g. colliding enum names) also fail `check --deploy` in production."""
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "s.yaml"))
