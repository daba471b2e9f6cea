"""The OpenAPI 3.1 document of the JSON API, served at /api/v1/openapi.json.

This is the API's one written contract: tests validate it (openapi-spec-validator) and fuzz every
operation against it (schemathesis). Every enum is built from the vocabulary the code itself
reads (catalog/rules/vocabulary.py, catalog/rules/answers.py, the site's languages), never typed
out here. Bodies are described exactly as catalog/web/api.py returns them: every field required,
no other field allowed, `null` only where the code gives None.
"""

from typing import Any, Final

from django.conf import settings

from catalog.rules.answers import COUNTRY_CODES, KEYS, MAX_USES
from catalog.rules.vocabulary import (
    AGES,
    CATEGORY_SLUGS,
    DOCUMENTS,
    LISTED_BY,
    MEMBER_EARLIER,
    OBJECTION_ROUTES,
    REGIONS,
    ROW_SLUGS,
    SETTINGS,
    SOURCE_KINDS,
    STATUSES,
    SWITCHED_OFF,
    USES,
)

Schema = dict[str, Any]

LANGUAGES: Final = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE: Final = "en"
# Keys an error body may name besides the answers': a bad `?lang`, a request refused before any
# view runs (too long or malformed), no notice loaded, the database away.
REQUEST_ERRORS: Final = ("lang", "request")
UNAVAILABLE_ERRORS: Final = ("notice", "database")


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict[str, Schema], description: str = "") -> Schema:
    """A JSON object with exactly these fields, all of them present."""
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def array(items: Schema, **extra: Any) -> Schema:
    return {"type": "array", "items": items, **extra}


def enum(values: tuple[str, ...], description: str = "") -> Schema:
    schema: Schema = {"type": "string", "enum": list(values)}
    if description:
        schema["description"] = description
    return schema


def nullable_enum(values: tuple[str, ...], description: str) -> Schema:
    return {"type": ["string", "null"], "enum": [*values, None], "description": description}


def text(description: str = "") -> Schema:
    return {"type": "string", "description": description} if description else {"type": "string"}


DATE: Final = {"type": "string", "format": "date"}
URL: Final = {"type": "string", "format": "uri"}
BOOLEAN: Final = {"type": "boolean"}
SOURCE_SLUGS: Final = array(text(), description="Slugs of the sources, in citation order.")
ROWS: Final = array(
    enum(ROW_SLUGS),
    description="The notice rows whose cells name the item (not who lists it for training).",
)
WHO_LISTS: Final = array(
    enum(LISTED_BY),
    description=(
        "Who lists the item for training content-generating AI: `notice` (the training row) "
        "and/or `faq` (LinkedIn's FAQ, as quoted by the press); outside Europe only `faq` counts."
    ),
)


def _schemas() -> dict[str, Schema]:
    return {
        "Notice": obj(
            {"slug": text(), "effective": DATE},
            "The notice version the answer was worked out against (the current one).",
        ),
        "Source": obj(
            {
                "slug": text(),
                "kind": enum(SOURCE_KINDS),
                "title": text("As published (the publisher's own French title in French)."),
                "title_lang": text("The language of `title`."),
                "publisher": text(),
                "published": text("When it was published, as a phrase in the `?lang` language."),
                "url": {
                    "type": "string",
                    "anyOf": [{"const": ""}, {"format": "uri"}],
                    "description": "Empty when no address is known: cite by title and date.",
                },
            }
        ),
        "CatalogItem": obj(
            {
                "slug": text(),
                "name": text(),
                "rows": ROWS,
                "listed_by": WHO_LISTS,
                "use": enum(
                    ("", *USES),
                    "The `uses` answer that gives a member this item; empty when every member "
                    "has it.",
                ),
                "note": text(),
                "sources": SOURCE_SLUGS,
            }
        ),
        "Category": obj(
            {
                "slug": enum(CATEGORY_SLUGS),
                "name": text(),
                "summary": text(),
                "url": {**URL, "description": "The category's page in the `?lang` language."},
                "items": array(ref("CatalogItem")),
                "sources": array(ref("Source")),
            }
        ),
        "Exclusion": obj(
            {
                "slug": text(),
                "name": text(),
                "summary": text(),
                "details": text(),
                "url": {**URL, "description": "The exclusion's page in the `?lang` language."},
                "further": {**BOOLEAN, "description": "One of the FAQ's further exclusions."},
                "sources": array(ref("Source")),
            }
        ),
        "Period": obj(
            {
                "start": DATE,
                "end": {
                    "type": ["string", "null"],
                    "format": "date",
                    "description": "`null` while the period runs.",
                },
                "start_approximate": {**BOOLEAN, "description": "It began on or before `start`."},
                "end_approximate": {**BOOLEAN, "description": "It ended on `end` at the latest."},
                "announced": {
                    **BOOLEAN,
                    "description": "Announced ahead: members could switch off before it began.",
                },
                "text": text("When it ran, as one phrase in the `?lang` language."),
                "note": text(),
                "sources": SOURCE_SLUGS,
            },
            "A period in which LinkedIn trained on members' data in the region.",
        ),
        "Region": obj(
            {
                "slug": enum(REGIONS),
                "name": text(),
                "document": enum(
                    DOCUMENTS,
                    "`notice`: the European Regional Privacy Notice governs; `policy`: "
                    "LinkedIn's global Privacy Policy only.",
                ),
                "controller": text(),
                "objection": enum(OBJECTION_ROUTES),
                "periods": array(
                    ref("Period"), minItems=1, description="Oldest first; the last is current."
                ),
            }
        ),
        "Answers": obj(
            {
                "country": {"type": "string", "enum": sorted(COUNTRY_CODES)},
                "age": enum(AGES),
                "setting": nullable_enum(SETTINGS, "`null` for minors (not asked)."),
                "switched_off": nullable_enum(SWITCHED_OFF, "`null` when it does not apply."),
                "member_earlier": nullable_enum(MEMBER_EARLIER, "`null` when it does not apply."),
                "uses": array(
                    enum(USES), uniqueItems=True, description="Sorted; empty for minors."
                ),
            },
            "The normalised answers: `null` for a key that does not apply.",
        ),
        "ResultItem": obj(
            {
                "slug": text(),
                "name": text(),
                "status": enum(STATUSES),
                "rows": ROWS,
                "listed_by": WHO_LISTS,
            }
        ),
        "ResultCategory": obj(
            {
                "slug": enum(CATEGORY_SLUGS),
                "status": enum(
                    STATUSES,
                    "Concerns the training of content-generating AI only (DESIGN.md's rules).",
                ),
                "reason": text("One sentence in the `?lang` language."),
                "items": array(ref("ResultItem")),
            }
        ),
        "Objection": obj(
            {
                "route": enum(
                    OBJECTION_ROUTES,
                    "`policy`: a request under the global Privacy Policy (never GDPR outside "
                    "Europe).",
                ),
                "controller": text(),
                "basis": text("The legal basis invoked, in the `?lang` language."),
                "channel": text("Where to send it, in the `?lang` language."),
                "url": URL,
            }
        ),
        "CategoryList": obj(
            {"notice": ref("Notice"), "categories": array(ref("Category"))},
        ),
        "ExclusionList": obj(
            {"notice": ref("Notice"), "exclusions": array(ref("Exclusion"))},
        ),
        "Assessment": obj(
            {
                "notice": ref("Notice"),
                "region": enum(REGIONS),
                "governing": ref("Region"),
                "answers": ref("Answers"),
                "categories": array(ref("ResultCategory")),
                "exclusions": array(obj({"slug": text(), "applies": BOOLEAN})),
                "objection": ref("Objection"),
                "result_url": {
                    **URL,
                    "description": "The absolute short link of the result, in that language.",
                },
            }
        ),
    }


def errors(keys: tuple[str, ...], description: str) -> Schema:
    """`{"errors": {"<key>": "<message>", …}}`, one message per bad key."""
    return obj(
        {
            "errors": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"enum": list(keys)},
                "additionalProperties": {"type": "string"},
            }
        },
        description,
    )


def content_language(languages: tuple[str, ...], description: str) -> Schema:
    return {
        "Content-Language": {
            "description": description,
            "required": True,
            "schema": {"type": "string", "enum": list(languages)},
        }
    }


TEXT_LANGUAGE: Final = content_language(LANGUAGES, "The language of the text fields: `?lang`.")


def json_response(description: str, schema: Schema, **extra: Any) -> Schema:
    content = {"application/json": {"schema": schema}}
    return {"description": description, "content": content, **extra}


def bad_request(keys: tuple[str, ...]) -> Schema:
    return json_response(
        "A bad parameter, or a request too long or malformed: one message per bad key, in the "
        "`?lang` language.",
        errors((*REQUEST_ERRORS, *keys), "What is wrong with the request."),
    )


UNAVAILABLE: Final = json_response(
    "No notice version is loaded, or the database is briefly away (then with Retry-After).",
    errors(UNAVAILABLE_ERRORS, "Why the service cannot answer."),
    headers={
        "Retry-After": {
            "description": "Seconds to wait, when the database is away.",
            "schema": {"type": "integer"},
        }
    },
)
NOT_MODIFIED: Final = {
    "description": "Not modified: the request's If-None-Match matched the ETag of the 200; no body."
}
NOT_ALLOWED: Final = {
    "description": "Any method but GET and HEAD; no body.",
    "headers": {"Allow": {"schema": {"type": "string", "const": "GET, HEAD"}}},
}

LANG: Final = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "The language of text fields (anything else is a 400).",
    "schema": {"type": "string", "enum": list(LANGUAGES), "default": DEFAULT_LANGUAGE},
}


def single(name: str, values: tuple[str, ...], description: str, example: str) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "enum": list(values)},
        "example": example,
    }


ASSESSMENT_PARAMETERS: Final = [
    {
        "name": "country",
        "in": "query",
        "required": True,
        "description": "Where the member lives: ISO 3166-1 alpha-2 (any case).",
        "schema": {"type": "string", "enum": sorted(COUNTRY_CODES)},
        "example": "GB",
    },
    {
        "name": "age",
        "in": "query",
        "required": True,
        "description": "`minor` (under 18) or `adult`.",
        "schema": {"type": "string", "enum": list(AGES)},
        "example": "adult",
    },
    single(
        "setting",
        SETTINGS,
        "The “Data for Generative AI Improvement” setting; adults only, absent counts as "
        "`unknown`.",
        "off",
    ),
    single(
        "switched_off",
        SWITCHED_OFF,
        "Whether the setting was switched off before the current period began; asked after "
        "`setting=off` where that period was announced ahead.",
        "before",
    ),
    single(
        "member_earlier",
        MEMBER_EARLIER,
        "An account before the end of the region's earlier period; asked only where it decides "
        "the result.",
        "yes",
    ),
    {
        "name": "uses",
        "in": "query",
        "required": False,
        "description": (
            "Repeatable (`uses=posts&uses=groups`): what the member does on LinkedIn; adults "
            "only. Absent, or `uses=` alone, means none of these."
        ),
        "style": "form",
        "explode": True,
        "schema": array(enum(("", *USES)), maxItems=MAX_USES),
        "example": ["posts"],
    },
    LANG,
]


def _paths() -> dict[str, Schema]:
    return {
        "/categories": {
            "get": {
                "operationId": "listCategories",
                "summary": "The kinds of data, with their items, notice rows and sources.",
                "parameters": [LANG],
                "responses": {
                    "200": json_response(
                        "The categories of the current notice version.",
                        ref("CategoryList"),
                        headers=TEXT_LANGUAGE,
                    ),
                    "304": NOT_MODIFIED,
                    "400": bad_request(()),
                    "405": NOT_ALLOWED,
                    "503": UNAVAILABLE,
                },
            }
        },
        "/exclusions": {
            "get": {
                "operationId": "listExclusions",
                "summary": "What LinkedIn says it does not use, with sources.",
                "parameters": [LANG],
                "responses": {
                    "200": json_response(
                        "The exclusions, main ones first, then the FAQ's further ones.",
                        ref("ExclusionList"),
                        headers=TEXT_LANGUAGE,
                    ),
                    "304": NOT_MODIFIED,
                    "400": bad_request(()),
                    "405": NOT_ALLOWED,
                    "503": UNAVAILABLE,
                },
            }
        },
        "/assessment": {
            "get": {
                "operationId": "getAssessment",
                "summary": "The self-assessment for the answers in the query string.",
                "description": (
                    "Keys that do not apply are dropped; an absent key that applies counts as "
                    "`unknown`; unknown keys are ignored. A missing `country` or `age`, an "
                    "unknown value, a repeated single-valued key, more than "
                    f"{MAX_USES} `uses` or an overlong value is a 400 naming each bad key."
                ),
                "parameters": ASSESSMENT_PARAMETERS,
                "responses": {
                    "200": json_response(
                        "The assessment, worked out against the current notice version.",
                        ref("Assessment"),
                        headers=TEXT_LANGUAGE,
                    ),
                    "304": NOT_MODIFIED,
                    "400": bad_request(KEYS),
                    "405": NOT_ALLOWED,
                    "503": UNAVAILABLE,
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApiDocument",
                "summary": "This document.",
                "responses": {
                    "200": json_response(
                        "The OpenAPI 3.1 document of this API.",
                        {
                            "type": "object",
                            "required": ["openapi", "info", "paths"],
                            "properties": {
                                "openapi": {"type": "string", "const": "3.1.0"},
                                "info": {"type": "object"},
                                "paths": {"type": "object"},
                            },
                        },
                        headers=content_language((DEFAULT_LANGUAGE,), "It is in English."),
                    ),
                    "304": NOT_MODIFIED,
                    "405": NOT_ALLOWED,
                },
            }
        },
    }


def build() -> Schema:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LinkedIn AI data: JSON API",
            "version": "1",
            "description": (
                "Which LinkedIn data trains LinkedIn's content-generating AI, per the current "
                "notice version. Every operation answers GET and HEAD only (405 otherwise), "
                "reads no cookie and sets none; text fields follow `?lang=fr|en` (English by "
                "default)."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": _paths(),
        "components": {"schemas": _schemas()},
    }


DOCUMENT: Final = build()
