from urllib.parse import unquote, urlsplit

from django import template
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation

from catalog.present.pages import row_names as _row_names
from catalog.present.summary import period_text
from catalog.snapshot import Notice, Period

register = template.Library()


def _home(lang: str) -> str:
    with translation.override(lang):
        return reverse("catalog:home")


def _has_unsafe_character(text: str) -> bool:
    """Backslashes, and control characters (browsers drop tabs and newlines from URLs)."""
    return "\\" in text or any(ord(char) < 0x20 or ord(char) == 0x7F for char in text)


def is_site_path(url: str, lang: str) -> bool:
    """True for a path of this site: exactly one leading "/", no backslash or control character,
    no scheme or host (even once decoded), and it resolves to one of our URL patterns in `lang`.

    Anything else ("//evil.com/", "///evil.com", "/\\evil.com", "https:…") a browser may open
    on another site, or it is no page of ours.
    """
    if not url.startswith("/") or url.startswith("//") or _has_unsafe_character(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or path.startswith("//") or _has_unsafe_character(path):
        return False
    try:
        with translation.override(lang):
            resolve(path)
    except Resolver404:
        return False
    return True


def translated_path(request: HttpRequest | None, lang: str, error_page: bool = False) -> str:
    """The current page (query string included) in `lang`; on an error page, or when the
    translation is not a path of this site, the home page in `lang`."""
    if request is None or error_page:
        return _home(lang)
    try:
        url = translate_url(request.get_full_path(), lang)
    except ValueError:  # urlsplit: e.g. an invalid IPv6 host after "//"
        return _home(lang)
    return url if is_site_path(url, lang) else _home(lang)


@register.simple_tag(takes_context=True)
def translated_url(context, lang: str, absolute: bool = False) -> str:
    """The current page in another language: the switch and the alternates keep the page.

    Error pages (their views set `error_page`) point to the home page instead: their address is
    whatever the visitor typed or followed. `absolute` gives a full URL on this site's host (for
    hreflang alternates), or the path when the request's host is not one of ours (a 400).
    """
    request = context.get("request")
    path = translated_path(request, lang, bool(context.get("error_page")))
    if not absolute or request is None:
        return path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


@register.filter
def period(value: Period) -> str:
    """When a training period ran, in words (present.summary.period_text)."""
    return period_text(value)


@register.simple_tag
def row_names(notice: Notice, slugs) -> list:
    """The names of the notice's rows, for row slugs."""
    return _row_names(notice, slugs)
