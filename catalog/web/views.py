"""Catalog pages: thin views over catalog_data; every page is a plain GET that sets no cookie."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from catalog import catalog_data


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    page = catalog_data.home_page()
    if page is None:
        raise Http404("No content loaded")

    def cite(*slugs: str) -> list:
        return [page.sources[slug] for slug in slugs if slug in page.sources]

    return render(
        request,
        "catalog/home.html",
        {
            "notice": page.notice,
            "training": page.training,
            "not_training": page.not_training,
            "exclusions": page.exclusions,
            "further": page.further,
            "regions": page.regions,
            "cite_intro": cite("N25", "SET", "AFP"),
            "cite_eight": cite("BDM", page.notice.source.slug, "FAQ"),
            "cite_notice": [page.notice.source],
        },
    )


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    page = catalog_data.category_page(slug)
    if page is None:
        raise Http404("No such category")
    return render(request, "catalog/category.html", {"page": page})


@require_safe
def exclusion(request: HttpRequest, slug: str) -> HttpResponse:
    found = next((e for e in catalog_data.exclusions_with_sources() if e.slug == slug), None)
    if found is None:
        raise Http404("No such exclusion")
    return render(request, "catalog/exclusion.html", {"exclusion": found})


@require_safe
def search(request: HtmxHttpRequest) -> HttpResponse:
    query = catalog_data.SearchQuery.from_raw(request.GET.get("q", ""))
    results = catalog_data.search(query.text, catalog_data.current_notice())
    template = "catalog/search.html"
    if request.htmx:
        template += "#results"
    response = render(
        request,
        template,
        {
            "query": query,
            "results": results,
            "max_length": catalog_data.MAX_QUERY_LENGTH,
        },
    )
    # The same URL answers with a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_safe
def notices(request: HttpRequest) -> HttpResponse:
    versions = catalog_data.notices_oldest_first()[::-1]
    return render(request, "catalog/notices.html", {"notices": versions})


@require_safe
def notice(request: HttpRequest, slug: str) -> HttpResponse:
    page = catalog_data.notice_page(slug)
    if page is None:
        raise Http404("No such notice version")
    return render(request, "catalog/notice.html", {"page": page})


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/sources.html", {"sources": catalog_data.all_sources()})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


# Last resort when even the 500 template cannot render (broken templates or URL configuration).
FALLBACK_500 = (
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Error</title>'
    "<h1>Something went wrong / Une erreur s'est produite</h1>"
    '<p><a href="/">Home / Accueil</a></p></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request, so no context processor, session or database is involved."""
    try:
        return HttpResponseServerError(loader.get_template("500.html").render({}))
    except Exception:
        return HttpResponseServerError(FALLBACK_500)
