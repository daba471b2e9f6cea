"""JSON API under /api/v1/, no language prefix; text in ?lang=fr|en (English by default)."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import translation
from django.views.decorators.http import require_safe

from catalog.present import letter, summary
from catalog.present.pages import unique_sources
from catalog.rules.answers import parse_answers
from catalog.rules.assessment import assess
from catalog.snapshot import Notice, Period, Region, SourceRef, current_content
from catalog.web import links, openapi
from catalog.web.links import short_url

DEFAULT_LANGUAGE = "en"
API_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def api_language(request: HttpRequest) -> str | JsonResponse:
    """The `?lang=` of an API request ("fr" or "en", English when absent), or a 400 to return."""
    lang = request.GET.get("lang", DEFAULT_LANGUAGE)
    if lang in API_LANGUAGES:
        return lang
    message = "Unknown language: use one of " + ", ".join(API_LANGUAGES) + "."
    return JsonResponse({"errors": {"lang": message}}, status=400)


def in_api_language(view: Callable[[HttpRequest, Notice], HttpResponse]) -> Callable:
    """Run an endpoint in its `?lang=` language with the current notice, or answer the 400
    (bad language) or the 503 (no content loaded)."""

    @wraps(view)
    def endpoint(request: HttpRequest) -> HttpResponse:
        lang = api_language(request)
        if isinstance(lang, JsonResponse):
            return in_language(lang, DEFAULT_LANGUAGE)
        content = current_content()
        if content is None:
            message = {"errors": {"notice": "No notice version is loaded."}}
            return in_language(JsonResponse(message, status=503), DEFAULT_LANGUAGE)
        with translation.override(lang):
            return in_language(view(request, content.current), lang)

    return endpoint


def in_language[R: HttpResponse](response: R, lang: str) -> R:
    """Label the body's language (LocaleMiddleware would give the browser's Accept-Language)."""
    response["Content-Language"] = lang
    return response


def source_json(source: SourceRef) -> dict:
    return {
        "slug": source.slug,
        "kind": source.kind,
        "title": source.shown_title,
        "title_lang": source.shown_lang,
        "publisher": source.shown_publisher,
        "published": str(source.published),
        "url": source.link,
    }


def notice_json(notice: Notice) -> dict:
    return {"slug": notice.slug, "effective": notice.effective.isoformat()}


def period_json(period: Period) -> dict:
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat() if period.end else None,
        "start_approximate": period.start_approximate,
        "end_approximate": period.end_approximate,
        "announced": period.announced,
        "text": summary.period_text(period),
        "note": str(period.note),
        "sources": [source.slug for source in period.sources],
    }


def region_json(region: Region) -> dict:
    return {
        "slug": region.slug,
        "name": str(region.name),
        "document": region.document,
        "controller": region.controller,
        "objection": region.objection,
        "periods": [period_json(period) for period in region.periods],
    }


def kept_json(
    request: HttpRequest, notice: Notice, name: str, build: Callable[[], dict]
) -> HttpResponse:
    """An endpoint whose body depends only on the notice version, the language and the host
    (its links are absolute): encoded once per version and kept with it (Notice.kept)."""
    key = ("api", name, translation.get_language(), request.scheme, request.get_host())
    body = notice.kept(key, lambda: JsonResponse(build()).content)
    return HttpResponse(body, content_type="application/json")


@require_safe
@in_api_language
def categories(request: HttpRequest, notice: Notice) -> HttpResponse:
    def build() -> dict:
        data = [
            {
                "slug": category.slug,
                "name": str(category.name),
                "summary": str(category.summary),
                "url": request.build_absolute_uri(links.path("catalog:category", category.slug)),
                "items": [
                    {
                        "slug": item.slug,
                        "name": str(item.name),
                        "rows": list(item.rows),
                        "listed_by": list(item.listed_by),
                        "use": item.use,
                        "note": str(item.note),
                        "sources": [source.slug for source in item.sources],
                    }
                    for item in category.items
                ],
                "sources": [
                    source_json(source)
                    for source in unique_sources((item.sources for item in category.items), notice)
                ],
            }
            for category in notice.categories
        ]
        return {"notice": notice_json(notice), "categories": data}

    return kept_json(request, notice, "categories", build)


@require_safe
@in_api_language
def exclusions(request: HttpRequest, notice: Notice) -> HttpResponse:
    def build() -> dict:
        data = [
            {
                "slug": exclusion.slug,
                "name": str(exclusion.name),
                "summary": str(exclusion.summary),
                "details": str(exclusion.details),
                "url": request.build_absolute_uri(links.path("catalog:exclusion", exclusion.slug)),
                "further": exclusion.further,
                "sources": [source_json(source) for source in exclusion.sources],
            }
            for exclusion in notice.exclusions
        ]
        return {"notice": notice_json(notice), "exclusions": data}

    return kept_json(request, notice, "exclusions", build)


@require_safe
@in_api_language
def assessment(request: HttpRequest, notice: Notice) -> JsonResponse:
    """The self-assessment for the answers in the query string (DESIGN.md's vocabulary)."""
    answers, errors = parse_answers(request.GET, notice)
    if answers is None:
        return JsonResponse({"errors": errors}, status=400)
    result = assess(answers, notice)
    route = letter.route(result)
    reasons: dict[str, str] = {}  # every category of a status has the same reason: once each
    for category in result.categories:
        if category.status not in reasons:
            reasons[category.status] = summary.category_reason(result, category)
    url = request.build_absolute_uri(short_url(answers, notice.code_id))
    lang = translation.get_language() or DEFAULT_LANGUAGE  # ?lang= (in_api_language)
    return JsonResponse(
        {
            "notice": notice_json(notice),
            "region": result.region.slug,
            "governing": region_json(result.region),
            "answers": {
                "country": answers.country,
                "age": answers.age,
                "setting": answers.setting,
                "switched_off": answers.switched_off,
                "member_earlier": answers.member_earlier,
                "uses": sorted(answers.uses),
            },
            "categories": [
                {
                    "slug": category.slug,
                    "status": category.status,
                    "reason": reasons[category.status],
                    "items": [
                        {
                            "slug": item.item.slug,
                            "name": item.item.name.in_language(lang),
                            "status": item.status,
                            "rows": list(item.item.rows),
                            "listed_by": list(item.item.listed_by),
                        }
                        for item in category.items
                    ],
                }
                for category in result.categories
            ],
            "exclusions": [
                {"slug": exclusion.slug, "applies": exclusion.applies}
                for exclusion in result.exclusions
            ],
            "objection": {
                "route": result.region.objection,
                "controller": result.region.controller,
                "basis": route.basis,
                "channel": route.channel,
                "url": route.url,
            },
            "result_url": url,
        }
    )


_OPENAPI_BODY = JsonResponse(openapi.DOCUMENT).content  # encoded once: it never changes


@require_safe
def openapi_document(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 document of this API (catalog/web/openapi.py): no content, no language."""
    return in_language(HttpResponse(_OPENAPI_BODY, content_type="application/json"), "en")


urlpatterns: list = [
    path("assessment", assessment, name="assessment"),
    path("categories", categories, name="categories"),
    path("exclusions", exclusions, name="exclusions"),
    path("openapi.json", openapi_document, name="openapi"),
]
