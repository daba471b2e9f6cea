"""Catalog pages: thin views over the snapshot; every page is a plain GET that sets no cookie."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from catalog.present import pages
from catalog.present.letter import row_heading
from catalog.present.summary import SETTING_URL
from catalog.web.content import loaded_content


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    notice = loaded_content().current
    return render(
        request,
        "catalog/home.html",
        {
            "page": pages.home_page(notice),
            "notice": notice,
            "setting_url": SETTING_URL,
            "cite_lead": notice.cite("FAQ", "PCMAG"),
            "cite_setting": notice.cite("SET", notice.source.slug),
            "cite_eight": notice.cite(notice.source.slug, "FAQ"),
            "cite_differ": notice.cite("BDM", notice.source.slug, "FAQ"),
            "cite_microsoft": notice.cite("AFP", "N25"),
        },
    )


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    page = pages.category_page(loaded_content(), slug)
    if page is None:
        raise Http404("No such category")
    return render(request, "catalog/category.html", {"page": page})


@require_safe
def exclusion(request: HttpRequest, slug: str) -> HttpResponse:
    notice = loaded_content().current
    found = notice.exclusion(slug)
    if found is None:
        raise Http404("No such exclusion")
    return render(request, "catalog/exclusion.html", {"exclusion": found, "notice": notice})


@require_safe
def search(request: HtmxHttpRequest) -> HttpResponse:
    query = pages.SearchQuery.from_raw(request.GET.get("q", ""))
    results = pages.search(query.text, loaded_content().current)
    template = "catalog/search.html"
    if request.htmx:
        template += "#results"
    response = render(
        request,
        template,
        {"query": query, "results": results, "max_length": pages.MAX_QUERY_LENGTH},
    )
    # The same URL answers with a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_safe
def notices(request: HttpRequest) -> HttpResponse:
    content = loaded_content()
    return render(
        request,
        "catalog/notices.html",
        {"notices": content.notices[::-1], "current": content.current},
    )


@require_safe
def notice(request: HttpRequest, slug: str) -> HttpResponse:
    content = loaded_content()
    page = pages.notice_page(content, slug)
    if page is None:
        raise Http404("No such notice version")
    return render(request, "catalog/notice.html", {"page": page, "current": content.current})


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    notice = loaded_content().current
    return render(request, "catalog/sources.html", {"sources": notice.sources, "notice": notice})


@require_safe
def not_a_member(request: HttpRequest) -> HttpResponse:
    """People without an account, who can still appear in members' posts and comments."""
    notice = loaded_content().current
    train_row = next((row for row in notice.rows if row.slug == "train"), None)
    return render(
        request,
        "catalog/not_a_member.html",
        {
            "notice": notice,
            "train_row": train_row,
            "train_heading": row_heading(train_row) if train_row else "",
            "cite_regulator": notice.cite("GPDPX25"),
            "cite_form": notice.cite("AVV25"),
            "cite_visitors": notice.cite("PPG25"),
        },
    )


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    """The public log: notice versions and every correction of this site's content."""
    content = loaded_content()
    notice = content.current  # a new revision builds a new one: the log is kept with it
    entries = notice.kept("changes log", lambda: pages.changes_log(content))
    return render(request, "catalog/changes.html", {"entries": entries, "notice": notice})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # error_page: the language switch and alternates point to the home page, not this address.
    return render(request, "404.html", {"error_page": True}, status=404)


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
