"""Request-level hardening: security headers, a guard against oversized requests, friendly
503s while the database is away, and HTTP caching for pages that depend only on their URL.

These know nothing about the views: they look at URLs, headers and status codes only.
"""

import copy
import hashlib
import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.csp import CSP
from django.utils.translation import gettext, gettext_noop

logger = logging.getLogger(__name__)

GetResponse = Callable[[HttpRequest], HttpResponseBase]

# Powerful features this site never uses; denying them also denies them to anything embedded.
# interest-cohort and browsing-topics opt the pages out of ad-interest tracking (FLoC, Topics).
# Only names Chromium knows: an unknown one logs a console error (tests check there is none).
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)

# Far above anything our forms produce (a full questionnaire is ~150 bytes, ~12 parameters).
MAX_QUERY_STRING_BYTES = 4096
MAX_QUERY_PARAMETERS = 200
MAX_PATH_BYTES = 1024

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

API_PREFIX = "/api/"
BAD_REQUEST_MESSAGE = gettext_noop("The request is too long or malformed.")
SERVICE_UNAVAILABLE_MESSAGE = gettext_noop(
    "The service is briefly unavailable. Please try again in a minute."
)


def _language(request: HttpRequest) -> str:
    """The page's language: its URL prefix (/fr/, /en/), else the browser's, else the default."""
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request, check_path=False)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _render_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    """An error page in the visitor's language, whose links never repeat the bad address."""
    language = _language(request)
    # base.html builds its language switch from the request's path: point it at the home page.
    home = copy.copy(request)
    home.path = home.path_info = f"/{language}/"
    home.META = {**request.META, "QUERY_STRING": ""}
    with translation.override(language):
        response = render(home, template, status=status)
    response["Content-Language"] = language
    return response


def _api_error(request: HttpRequest, field: str, message: str, status: int) -> JsonResponse:
    """A JSON error shaped like the API's own ({"errors": {field: message}})."""
    # The API's language comes from ?lang= (English by default); the query string may be huge
    # or malformed here, so look for it without parsing the whole thing.
    parts = request.META.get("QUERY_STRING", "").split("&", MAX_QUERY_PARAMETERS)
    with translation.override("fr" if "lang=fr" in parts else "en"):
        return JsonResponse({"errors": {field: gettext(message)}}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400, as a page in the visitor's language or a JSON error from the API (handler400)."""
    if _is_api(request):
        return _api_error(request, "request", BAD_REQUEST_MESSAGE, 400)
    return _render_page(request, "400.html", 400)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: the database is away; nothing here touches it."""
    if _is_api(request):
        response: HttpResponse = _api_error(request, "database", SERVICE_UNAVAILABLE_MESSAGE, 503)
    else:
        response = _render_page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


class PermissionsPolicyMiddleware:
    """Django has no setting for Permissions-Policy; deny every powerful feature."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def oversized(request: HttpRequest) -> bool:
    """True for a request no page of ours could have produced: refused before any work."""
    query = request.META.get("QUERY_STRING", "")
    return (
        len(query) > MAX_QUERY_STRING_BYTES
        or query.count("&") >= MAX_QUERY_PARAMETERS
        or len(request.path.encode("utf-8", "surrogateescape")) > MAX_PATH_BYTES
    )


class RequestGuardMiddleware:
    """Answer oversized requests with a friendly 400 before URL routing, views or the database;
    answer writes to the read-only public site with 405.

    Sits after the CSP middleware so the error page gets its nonce, and before the CSRF
    middleware, which would otherwise answer a POST to a public page with 403.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if oversized(request):
            return bad_request(request)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if request.method in SAFE_METHODS or getattr(view, "csrf_exempt", False):
            # The view decides: public views are @require_safe (GET and HEAD); the one exempt,
            # letter.txt, takes a POST of the letter to hand back as a file, and caps its size.
            return None
        match = request.resolver_match
        if match is not None and match.namespace == "admin":
            return None
        return HttpResponseNotAllowed(["GET", "HEAD"])  # as the views' @require_safe


def _mark_database_error(sender: object, request: HttpRequest | None = None, **kwargs) -> None:
    # Called inside Django's `except` block, so sys.exc_info() is the exception being handled.
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request._database_unavailable = True  # type: ignore[attr-defined]


class DatabaseUnavailableMiddleware:
    """A database error anywhere below becomes a friendly 503 with Retry-After, never a 500.

    Views' errors arrive in process_exception. Errors raised by middleware further down are
    turned into a 500 by Django before we see them: a signal marks the request, and the 500 is
    swapped for the 503 on the way out.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        got_request_exception.connect(_mark_database_error, dispatch_uid=__name__)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_database_unavailable", False):
            return service_unavailable(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return service_unavailable(request)
        return None


# The request headers get_conditional_response reads: without any, the answer is the response.
CONDITIONAL_HEADERS = frozenset(
    ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
)


def _etag(request: HttpRequest, response: HttpResponse) -> str:
    """A weak ETag over the body, with this response's CSP nonce blanked out.

    The nonce changes on every response, in the header and in <script nonce="…">; everything
    else in the body depends on the URL only. Our scripts are all external files from our own
    origin, so a body that differs only by its nonce is the same page.
    """
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # a LazyNonce is truthy once it has been used
        body = body.replace(str(nonce).encode(), b"")
    # SHA-256, cut to 128 bits: a collision-resistant fingerprint at half blake2b's cost on the
    # machines we measured (CPUs with SHA extensions): 16 µs on a 27 KB result page, not 29.
    return f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'


def _is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    match = request.resolver_match
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False  # errors, redirects and not-modified are never stored
    if response.streaming or not isinstance(response, HttpResponse):
        return False
    if match is None or match.namespace == "admin" or match.url_name == "healthz":
        return False
    if response.cookies or "Cookie" in response.get("Vary", ""):
        return False  # personal: sessions, CSRF (the admin only)
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


class HttpCachingMiddleware:
    """ETag and Cache-Control for pages that depend only on their URL; 304 for a matching
    If-None-Match.

    Public pages read no cookie and no session and carry their language in the path, so a
    shared cache may keep them. Sits outside the CSP middleware: the 304 must not carry a new
    nonce in its CSP header, or a browser would pair it with the cached body's old nonce.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not _is_cacheable(request, response):
            return response
        assert isinstance(response, HttpResponse)
        headers = response.headers
        # Set directly when absent, as patch_cache_control and patch_vary_headers would write
        # them, without parsing a header that is not there.
        if "Cache-Control" not in headers:  # a view's own (e.g. the card image's) wins
            headers["Cache-Control"] = f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
        if headers.get("Content-Type", "").startswith("text/html"):
            # htmx requests get a fragment at the same URL.
            if "Vary" in headers:
                patch_vary_headers(response, ("HX-Request",))
            else:
                headers["Vary"] = "HX-Request"
        if "ETag" not in headers:
            headers["ETag"] = _etag(request, response)
        if not CONDITIONAL_HEADERS.intersection(request.META):
            return response
        conditional = get_conditional_response(request, etag=headers["ETag"], response=response)
        if conditional is not response:
            for header in (CSP.HEADER_ENFORCE, CSP.HEADER_REPORT_ONLY):
                if header in conditional:
                    del conditional[header]
        return conditional
