"""This page in the other language: the language switch and the hreflang alternates.

Error pages point to the home page instead: their address is whatever the visitor typed or
followed, and a crafted one ("//evil.com/") must never become a link to another site.
"""

import contextlib
import re
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from catalog.web import links


def _home(lang: str) -> str:
    return links.path_in(lang, "catalog:home")


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def _has_unsafe_character(text: str) -> bool:
    """Backslashes, and control characters (browsers drop tabs and newlines from URLs)."""
    return _UNSAFE.search(text) is not None


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
    if request.resolver_match is not None:  # the page being rendered: no need to resolve again
        return _same_view(request, lang)
    try:
        url = translate_url(request.get_full_path(), lang)
    except ValueError:  # urlsplit: e.g. an invalid IPv6 host after "//"
        return _home(lang)
    return url if is_site_path(url, lang) else _home(lang)


def _same_view(request: HttpRequest, lang: str) -> str:
    """The resolved view's URL in `lang`, with the query string. reverse() quotes what it
    inserts and `str` parameters hold no "/", so the path is ours; the query string must not
    carry a character a browser would drop."""
    match = request.resolver_match
    path = links.path_in(lang, match.view_name, *match.args, **match.kwargs)
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return path
    return _home(lang) if _has_unsafe_character(query) else f"{path}?{query}"


def page_addresses(
    request: HttpRequest | None, error_page: bool = False
) -> dict[str, tuple[str, str]]:
    """The page's path in each language (`translated_path`) and its absolute URL on this
    site's host, or the path when the request's host is not one of ours (a 400): worked out
    once for a page's alternates and language switch."""
    addresses = {}
    for lang, _name in settings.LANGUAGES:
        path = translated_path(request, lang, error_page)
        absolute = path
        if request is not None:
            with contextlib.suppress(DisallowedHost):
                absolute = request.build_absolute_uri(path)
        addresses[lang] = (path, absolute)
    return addresses
