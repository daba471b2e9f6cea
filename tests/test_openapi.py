"""The OpenAPI 3.1 document of /api/v1 (catalog/web/openapi.py): valid, served, complete, and
true to what the endpoints answer (tests/test_api_fuzz.py fuzzes it against a live server)."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from catalog.rules.vocabulary import AGES, REGIONS
from catalog.web.openapi import DOCUMENT, LANGUAGES

API = "/api/v1"
WRITE_METHODS = ("post", "put", "patch", "delete", "options")


def operation(path: str) -> dict:
    return DOCUMENT["paths"][path]["get"]


def validator(path: str, status: int) -> OAS31Validator:
    """The documented body schema of `path`'s answer with this status, its $refs resolvable."""
    body = operation(path)["responses"][str(status)]["content"]["application/json"]["schema"]
    schema = {**body, "components": DOCUMENT["components"]}
    return OAS31Validator(schema, format_checker=oas31_format_checker)


def assert_documented(response, path: str) -> dict:
    """The response has a documented status, headers and body; returns the body."""
    responses = operation(path)["responses"]
    assert str(response.status_code) in responses, f"{path}: undocumented {response.status_code}"
    data = response.json()
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(path, response.status_code).iter_errors(data)
    ]
    assert not errors, f"{path} answered {response.status_code} against its schema:\n" + "\n".join(
        errors[:10]
    )
    for name, header in responses[str(response.status_code)].get("headers", {}).items():
        if header.get("required"):
            assert name in response.headers, f"{path}: no {name} header"
        if name in response.headers and "enum" in header["schema"]:
            assert response.headers[name] in header["schema"]["enum"], (path, name)
    return data


def routes(patterns: list, prefix: str = ""):
    """Every URL pattern's full route, as Django joins them."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern)


def object_schemas(node):
    """Every JSON object schema with named fields, anywhere in the document."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield node
        for value in node.values():
            yield from object_schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from object_schemas(value)


# ---------------------------------------------------------------- the document itself


def test_the_document_is_a_valid_openapi_3_1_document():
    assert DOCUMENT["openapi"] == "3.1.0"
    validate(DOCUMENT, cls=OpenAPIV31SpecValidator)


def test_every_route_under_api_v1_is_documented_and_every_documented_path_exists():
    served = {f"/{route}" for route in routes(get_resolver().url_patterns)}
    under_api = {route for route in served if route.startswith(f"{API}/")}
    assert DOCUMENT["servers"] == [{"url": API}]
    assert under_api == {API + path for path in DOCUMENT["paths"]}


def test_every_documented_field_is_typed_and_response_objects_allow_no_other_field():
    """Schemathesis would quietly accept a required field left undefined; we do not."""
    for schema in object_schemas(DOCUMENT):
        assert set(schema.get("required", ())) <= set(schema["properties"]), schema
    for name, schema in DOCUMENT["components"]["schemas"].items():
        assert schema["additionalProperties"] is False, name
        assert schema["required"] == list(schema["properties"]), name


# ---------------------------------------------------------------- serving it


def test_the_document_is_served_as_json_to_get_and_head_without_the_database_or_a_cookie(client):
    # No django_db mark: touching the database here would fail the test.
    response = client.get(f"{API}/openapi.json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == "en"  # the document is in English, whatever the browser
    assert response.json() == json.loads(json.dumps(DOCUMENT))
    assert_documented(response, "/openapi.json")
    assert not response.cookies
    head = client.head(f"{API}/openapi.json")
    assert head.status_code == 200
    assert head.content == b""
    assert not head.cookies


@pytest.mark.parametrize("path", list(DOCUMENT["paths"]))
@pytest.mark.parametrize("method", WRITE_METHODS)
def test_any_method_but_get_and_head_gets_the_documented_405(client, path, method):
    response = getattr(client, method)(API + path)
    assert response.status_code == 405
    documented = operation(path)["responses"]["405"]
    assert "content" not in documented
    assert response["Allow"] == documented["headers"]["Allow"]["schema"]["const"]


# ---------------------------------------------------------------- what the endpoints answer


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["/categories", "/exclusions"])
def test_the_lists_match_their_documented_schema_in_each_language(client, path, lang):
    response = client.get(f"{API}{path}", {"lang": lang})
    assert response.status_code == 200
    assert assert_documented(response, path)[path.strip("/")]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_assessments_in_every_region_for_every_age_match_the_documented_schema(
    client, notice, lang
):
    """Minors (no setting), adults who switched off (follow-up keys) or not: every null case."""
    for region in REGIONS:
        countries = notice.region(region).countries
        country = min(countries) if countries else "US"
        for age in AGES:
            for setting in ("on", "off"):
                query = {
                    "country": country,
                    "age": age,
                    "setting": setting,
                    "switched_off": "before",
                    "member_earlier": "yes",
                    "uses": ["posts", "messages"],
                    "lang": lang,
                }
                response = client.get(f"{API}/assessment", query)
                assert response.status_code == 200, query
                data = assert_documented(response, "/assessment")
                assert data["region"] == region


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "keys"),
    [
        ("/categories", "lang=de", {"lang"}),
        ("/exclusions", "lang=", {"lang"}),
        ("/assessment", "country=GB&age=adult&lang=xx", {"lang"}),
        ("/assessment", "", {"country", "age"}),
        ("/assessment", "country=ZZ&age=old&setting=maybe", {"country", "age", "setting"}),
        (
            "/assessment",
            "country=GB&country=FR&age=adult&" + "uses=posts&" * 21,
            {"country", "uses"},
        ),
        ("/assessment", "country=GB&age=adult&setting=off&switched_off=now", {"switched_off"}),
        ("/categories", "q=" + "x" * 5000, {"request"}),
    ],
)
def test_bad_requests_get_the_documented_400_naming_each_bad_key(client, path, query, keys):
    response = client.get(f"{API}{path}?{query}")
    assert response.status_code == 400
    assert set(assert_documented(response, path)["errors"]) == keys


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/categories", "/exclusions", "/assessment"])
def test_without_content_or_database_the_answer_is_the_documented_503(client, path):
    query = {"country": "FR", "age": "adult"}
    with mock.patch("catalog.web.api.current_content", return_value=None):
        response = client.get(f"{API}{path}", query)
    assert response.status_code == 503
    assert assert_documented(response, path)["errors"].keys() == {"notice"}

    with mock.patch("catalog.web.api.current_content", side_effect=OperationalError("away")):
        response = client.get(f"{API}{path}", query)
    assert response.status_code == 503
    assert assert_documented(response, path)["errors"].keys() == {"database"}
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/categories", "/exclusions", "/assessment?country=FR&age=adult"])
def test_content_language_names_the_lang_of_the_text_not_the_browsers_language(client, path):
    separator = "&" if "?" in path else "?"
    english = client.get(f"{API}{path}", HTTP_ACCEPT_LANGUAGE="fr")
    assert english["Content-Language"] == "en"
    french = client.get(f"{API}{path}{separator}lang=fr", HTTP_ACCEPT_LANGUAGE="en")
    assert french["Content-Language"] == "fr"
