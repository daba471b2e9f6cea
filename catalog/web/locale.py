"""Django's LocaleMiddleware, with a short cut for the pages that name their language.

Every page lives under /fr/ or /en/ (i18n_patterns, every language prefixed). For those paths
LocaleMiddleware's answer is always the same: the prefix's language, no redirect and no
Vary: Accept-Language. It works it out with three language lookups and a URLconf inspection
per request (120,000 instructions a page, a tenth of what `/healthz` costs through the whole
stack); the short cut takes a string split and a set lookup.
Every other path (`/`, the API, a 404 that may need its prefix) goes to Django's own code.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

CODES = frozenset(code for code, _name in settings.LANGUAGES)


def language_of(path: str) -> str | None:
    """The language a path's first segment names exactly (/fr/…), or None."""
    code, slash, _rest = path[1:].partition("/")
    return code if slash and code in CODES else None


class PathLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        language = language_of(request.path_info)
        if language is None:
            return super().process_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if language_of(request.path_info) is None:
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
