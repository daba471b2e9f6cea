"""JSON API under /api/v1/, no language prefix; text in ?lang=fr|en (English by default)."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import translation
from django.views.decorators.http import require_safe

from catalog import catalog_data
from catalog.models import Source
from catalog.notice_data import load_notice_data
from catalog.rules.answers import parse_answers
from catalog.rules.assessment import assess
from catalog.web import result_views

DEFAULT_LANGUAGE = "en"
API_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def api_language(request: HttpRequest) -> str | JsonResponse:
    """The `?lang=` of an API request ("fr" or "en", English when absent), or a 400 to return."""
    lang = request.GET.get("lang", DEFAULT_LANGUAGE)
    if lang in API_LANGUAGES:
        return lang
    message = "Unknown language: use one of " + ", ".join(API_LANGUAGES) + "."
    return JsonResponse({"errors": {"lang": message}}, status=400)


def in_api_language(view: Callable[[HttpRequest], JsonResponse]) -> Callable:
    """Run an endpoint in its `?lang=` language (text fields and page URLs), or answer the 400."""

    @wraps(view)
    def endpoint(request: HttpRequest) -> JsonResponse:
        lang = api_language(request)
        if isinstance(lang, JsonResponse):
            return lang
        with translation.override(lang):
            return view(request)

    return endpoint


def source_json(source: Source) -> dict:
    return {
        "slug": source.slug,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "url": source.url,
    }


def notice_json(notice) -> dict:
    return {"slug": notice.slug, "effective": notice.effective.isoformat()}


@require_safe
@in_api_language
def categories(request: HttpRequest) -> JsonResponse:
    notice = catalog_data.current_notice()
    if notice is None:
        return JsonResponse({"notice": None, "categories": []})
    data = [
        {
            "slug": category.slug,
            "name": category.name,
            "summary": category.summary,
            "url": request.build_absolute_uri(category.get_absolute_url()),
            "items": [
                {
                    "slug": item.slug,
                    "name": item.name,
                    "rows": item.rows(),
                    "use": item.use,
                    "note": item.note,
                    "sources": [source.slug for source in item.sources.all()],
                }
                for item in category.items.all()
            ],
            "sources": [
                source_json(source)
                for source in catalog_data.unique_sources(
                    item.sources.all() for item in category.items.all()
                )
            ],
        }
        for category in catalog_data.categories_with_items(notice)
    ]
    return JsonResponse({"notice": notice_json(notice), "categories": data})


@require_safe
@in_api_language
def exclusions(request: HttpRequest) -> JsonResponse:
    notice = catalog_data.current_notice()
    data = [
        {
            "slug": exclusion.slug,
            "name": exclusion.name,
            "summary": exclusion.summary,
            "details": exclusion.details,
            "url": request.build_absolute_uri(exclusion.get_absolute_url()),
            "further": exclusion.further,
            "sources": [source_json(source) for source in exclusion.sources.all()],
        }
        for exclusion in catalog_data.exclusions_with_sources()
    ]
    return JsonResponse({"notice": notice_json(notice) if notice else None, "exclusions": data})


@require_safe
@in_api_language
def assessment(request: HttpRequest) -> JsonResponse:
    """The self-assessment for the answers in the query string (DESIGN.md's vocabulary)."""
    notice = load_notice_data()
    if notice is None:
        return JsonResponse({"errors": {"notice": "No notice version is loaded."}}, status=503)
    answers, errors = parse_answers(request.GET, notice.regions)
    if answers is None:
        return JsonResponse({"errors": errors}, status=400)
    result = assess(answers, notice)
    url = request.build_absolute_uri(result_views.short_url(answers, notice.code_id))
    return JsonResponse(
        {
            "notice": notice_json(notice),
            "region": result.region.slug,
            "answers": {
                "country": answers.country,
                "age": answers.age,
                "setting": answers.setting,
                "switched_off": answers.switched_off,
                "uses": sorted(answers.uses),
            },
            "categories": [
                {
                    "slug": category.slug,
                    "status": category.status,
                    "reason": category.reason,
                    "items": [
                        {"slug": item.slug, "name": item.name, "train": item.train}
                        for item in category.items
                    ],
                }
                for category in result.categories
            ],
            "exclusions": [
                {"slug": exclusion.slug, "applies": exclusion.applies}
                for exclusion in result.exclusions
            ],
            "result_url": url,
        }
    )


urlpatterns: list = [
    path("assessment", assessment, name="assessment"),
    path("categories", categories, name="categories"),
    path("exclusions", exclusions, name="exclusions"),
]
