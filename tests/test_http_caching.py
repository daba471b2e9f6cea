"""HTTP caching (catalog/middleware.py): pages that depend only on their URL get an ETag and
Cache-Control, and a matching conditional request gets 304."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from catalog.web.middleware import HttpCachingMiddleware

# Public pages and API endpoints that exist today; others are checked as they land.
PUBLIC = ["/en/", "/fr/", "/en/sources/", "/fr/categories/profile/", "/api/v1/categories"]


def nonce_of(response) -> str:
    return re.search(r"'nonce-([\w-]+)'", response["Content-Security-Policy"]).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_page_has_a_weak_etag_and_public_cache_control(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', response["ETag"])
    assert response["Cache-Control"] == "public, max-age=300"
    assert not response.cookies


@pytest.mark.django_db
def test_html_varies_on_hx_request_because_htmx_gets_a_fragment_at_the_same_url(client):
    assert "HX-Request" in client.get("/en/")["Vary"]


@pytest.mark.django_db
def test_the_etag_ignores_the_nonce_that_changes_on_every_response(client):
    first, second = client.get("/fr/"), client.get("/fr/")
    assert nonce_of(first) != nonce_of(second)
    assert nonce_of(first).encode() in first.content  # the body does differ...
    assert first["ETag"] == second["ETag"]  # ...by its nonce only


@pytest.mark.django_db
def test_different_pages_have_different_etags(client):
    assert client.get("/fr/")["ETag"] != client.get("/en/")["ETag"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC)
def test_a_matching_if_none_match_gets_an_empty_304(client, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.mark.django_db
def test_a_304_carries_no_csp_whose_nonce_would_not_match_the_cached_page(client):
    etag = client.get("/en/")["ETag"]
    response = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert "Content-Security-Policy" not in response


@pytest.mark.django_db
def test_a_stale_etag_or_another_pages_etag_gets_the_full_page(client):
    etag = client.get("/en/")["ETag"]
    assert client.get("/en/", HTTP_IF_NONE_MATCH='W/"stale"').status_code == 200
    # If-None-Match compares weakly (RFC 9110): the same tag without W/ matches too.
    assert client.get("/en/", HTTP_IF_NONE_MATCH=etag.removeprefix("W/")).status_code == 304
    assert client.get("/fr/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, status",
    [
        ("/healthz", 200),
        ("/en/no-such-page/", 404),
        ("/", 302),
        ("/admin/login/", 200),
        ("/en/?" + "x" * 5000, 400),
    ],
)
def test_health_errors_redirects_and_the_admin_are_never_cached_publicly(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_health_is_explicitly_not_cacheable(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def cached(response: HttpResponse, **headers) -> HttpResponse:
    """Run one response through the middleware, as if a public page's view had returned it."""
    request = RequestFactory().get("/en/", headers=headers)
    request.resolver_match = resolve("/en/")
    return HttpCachingMiddleware(lambda request: response)(request)


def test_a_cache_control_set_by_the_view_is_kept():
    image = HttpResponse(b"\x89PNG...", content_type="image/png")
    image["Cache-Control"] = "public, max-age=31536000, immutable"
    response = cached(image)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"].startswith('W/"')
    assert "Vary" not in response  # only HTML has an htmx fragment


def test_a_private_or_uncacheable_response_gets_no_etag():
    for value in ("private, max-age=60", "no-store"):
        response = HttpResponse("personal")
        response["Cache-Control"] = value
        assert "ETag" not in cached(response)


def test_a_response_that_sets_a_cookie_is_not_cached():
    response = HttpResponse("hello")
    response.set_cookie("sessionid", "x")
    assert "ETag" not in cached(response)


@pytest.fixture
def page_cache(settings):
    """The production page cache, empty."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_page_cache_is_off_outside_production(settings):
    assert settings.PAGE_CACHE_SECONDS == 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC)
def test_a_kept_page_is_served_again_without_any_query(
    client, page_cache, url, django_assert_num_queries
):
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_a_kept_page_gets_a_fresh_nonce_in_its_header_and_its_scripts(client, page_cache):
    first, again = client.get("/fr/"), client.get("/fr/")
    nonce = nonce_of(again)
    assert nonce != nonce_of(first)
    scripts = re.findall(r"<script\b[^>]*>", again.content.decode())
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert again.content.replace(nonce.encode(), b"") == first.content.replace(
        nonce_of(first).encode(), b""
    )


@pytest.mark.django_db
def test_an_htmx_fragment_and_the_full_page_are_kept_apart(client, page_cache):
    full = client.get("/en/search/?q=ip")
    fragment = client.get("/en/search/?q=ip", headers={"HX-Request": "true"})
    assert b"<html" in full.content
    assert b"<html" not in fragment.content
    assert b"<html" in client.get("/en/search/?q=ip").content


@pytest.mark.django_db
def test_errors_health_and_the_admin_are_not_kept(client, page_cache, django_assert_num_queries):
    for _ in range(2):
        assert client.get("/en/no-such-page/").status_code == 404
        assert "csrftoken" in client.get("/admin/login/").cookies
    client.get("/healthz")
    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200  # asks the database every time


@pytest.mark.django_db
def test_an_unreachable_shared_cache_only_means_pages_are_rendered_again(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    for _ in range(2):
        response = client.get("/en/sources/")
        assert response.status_code == 200
        assert response["ETag"]
