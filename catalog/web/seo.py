"""For search engines: /sitemap.xml (the public pages in both languages, with their alternates)
and /robots.txt. Both sit outside the language prefixes, answer GET and HEAD only and set no
cookie.

Results, short result links and letters are personal: they are never listed, and robots.txt asks
crawlers to keep out of them.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from catalog.rules.answers import Draft
from catalog.rules.questions import next_question
from catalog.snapshot import current_content
from catalog.web.content import kept_with_the_version

# Pages with no argument, as URL names in the catalog namespace.
FIXED_PAGES = ("home", "notices", "sources", "not-a-member", "changes", "search")

# The alternate every language version names as the default (as base.html's x-default).
DEFAULT_LANGUAGE = "en"


class PageSitemap(Sitemap):
    """Every public page, once per language, each with its hreflang alternates and x-default."""

    i18n = True
    alternates = True

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        """(URL name, arguments) for each public page; the pages of loaded content only."""
        pages: list[tuple[str, tuple[str, ...]]] = [(name, ()) for name in FIXED_PAGES]
        content = current_content()
        if content is None:
            return pages
        notice = content.current
        pages += [("category", (category.slug,)) for category in notice.categories]
        pages += [("exclusion", (exclusion.slug,)) for exclusion in notice.exclusions]
        pages += [("notice", (version.slug,)) for version in content.notices]
        first = next_question(Draft(), notice)
        if first is not None:
            pages.append(("check-question", (first.key,)))
        return pages

    def location(self, item: tuple[str, tuple[str, ...]]) -> str:
        name, args = item
        return reverse(f"catalog:{name}", args=args)  # in the language Sitemap activates

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(
                alternate
                for alternate in url["alternates"]
                if alternate["lang_code"] == DEFAULT_LANGUAGE
            )
            url["alternates"].append({"location": default["location"], "lang_code": "x-default"})
        return urls


SITEMAPS = {"pages": PageSitemap}


@require_safe
@kept_with_the_version
def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow everything but the admin, results and short result links (all in every language)."""
    disallowed = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result = reverse("catalog:result")
            short_links = reverse("catalog:shared-result", args=["-"]).removesuffix("-/")
        disallowed += [result, short_links]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
