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


@pytest.mark.django_db
def test_the_request_after_a_content_load_shows_the_new_content(client, tmp_path):
    """No server-side page cache, no timer: a page rendered before a load is not served after."""
    import shutil

    from django.core.management import call_command

    from catalog.management.commands.load_content import CONTENT_DIR

    assert "Edited for this test" not in client.get("/en/sources/").content.decode()
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    common = tmp_path / "content" / "common.toml"
    text = common.read_text(encoding="utf-8")
    common.write_text(text.replace('note_en = "', 'note_en = "Edited for this test. ', 1))
    call_command("load_content", content_dir=tmp_path / "content", verbosity=0)
    assert "Edited for this test" in client.get("/en/sources/").content.decode()
