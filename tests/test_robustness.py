"""No input makes a 500: random query strings, paths and result codes against every endpoint;
oversized requests get a quick 400; writes get 405."""

import time
from unittest import mock
from urllib.parse import quote, urlencode

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client, RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.rules.vocabulary import CATEGORY_SLUGS, USES
from catalog.web.middleware import service_unavailable

# Every endpoint, pages in both languages (those not built yet answer 404, which is fine).
PAGES = [
    "/{lang}/",
    "/{lang}/categories/profile/",
    "/{lang}/exclusions/salary/",
    "/{lang}/search/",
    "/{lang}/notices/",
    "/{lang}/sources/",
    "/{lang}/check/",
    "/{lang}/check/country/",
    "/{lang}/check/uses/",
    "/{lang}/check/answers/",
    "/{lang}/result/",
    "/{lang}/r/AAAAAAAA/",
    "/{lang}/r/AAAAAAAA/card.png",
]
ENDPOINTS = [page.format(lang=lang) for page in PAGES for lang in ("fr", "en")] + [
    "/api/v1/categories",
    "/api/v1/exclusions",
    "/api/v1/assessment",
    "/healthz",
    "/",
]

KEYS = ["country", "age", "setting", "switched_off", "uses", "lang", "q", "code", "page"]
VALUES = ["FR", "de", "gb", "US", "xx", "minor", "adult", "on", "off", "unknown", "before"]
VALUES += ["after", "fr", "en", *USES, *CATEGORY_SLUGS]

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as a WSGI server hands it over: any bytes, read as latin-1.
raw_text = st.binary(max_size=60).map(lambda raw: raw.decode("latin-1"))
pairs = st.lists(
    st.tuples(st.sampled_from(KEYS) | st.text(max_size=12), st.sampled_from(VALUES) | st.text()),
    max_size=12,
)
query_strings = pairs.map(urlencode) | raw_text | st.text(alphabet="%&=;+?#a0F", max_size=40)


def assert_no_server_error(client: Client, url: str, query: str = "") -> None:
    # The test client re-raises any exception a view lets through, failing the test with it.
    response = client.get(url, QUERY_STRING=query)
    assert response.status_code < 500, (url, query, response.status_code)


@pytest.mark.django_db
@FUZZ
@given(endpoint=st.sampled_from(ENDPOINTS), query=query_strings)
def test_random_query_strings_never_cause_a_server_error(client, endpoint, query):
    assert_no_server_error(client, endpoint, query)


@pytest.mark.django_db
@FUZZ
@given(
    prefix=st.sampled_from(["/fr/", "/en/", "/api/v1/", "/", "/en/categories/", "/fr/check/"]),
    tail=st.text(max_size=40),
    raw=st.binary(max_size=20),
)
def test_random_paths_never_cause_a_server_error(client, prefix, tail, raw):
    # Percent-encoded text and raw bytes (often invalid UTF-8) in the path.
    path = prefix + quote(tail, safe="/") + "".join(f"%{byte:02X}" for byte in raw)
    assert_no_server_error(client, path)


@pytest.mark.django_db
@settings(FUZZ, max_examples=60)
@given(
    lang=st.sampled_from(["fr", "en"]),
    code=st.text(min_size=1, max_size=20) | st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ"),
    card=st.booleans(),
)
def test_random_result_codes_never_cause_a_server_error(client, lang, code, card):
    path = f"/{lang}/r/{quote(code, safe='')}/" + ("card.png" if card else "")
    assert_no_server_error(client, path)


OVERSIZED = {
    "a 10 000-character query": "q=" + "x" * 10_000,
    "a thousand repeated uses": "&".join(["uses=posts"] * 1000),
    "300 short parameters": "&".join(f"k{i}=v" for i in range(300)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("query", OVERSIZED.values(), ids=OVERSIZED.keys())
@pytest.mark.parametrize("endpoint", ["/fr/result/", "/en/search/", "/api/v1/assessment"])
def test_an_oversized_query_gets_a_quick_400(client, endpoint, query):
    started = time.perf_counter()
    response = client.get(endpoint, QUERY_STRING=query)
    assert time.perf_counter() - started < 0.5
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_400_page_is_friendly_and_in_the_language_of_the_url(client):
    response = client.get("/fr/result/", QUERY_STRING=OVERSIZED["a thousand repeated uses"])
    page = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in page
    assert "Cette adresse n’est pas valide" in page
    assert 'href="/fr/"' in page
    assert "uses=posts" not in page  # its links do not repeat the bad address


@pytest.mark.django_db
def test_the_api_answers_an_oversized_query_with_a_json_error(client):
    response = client.get("/api/v1/assessment", QUERY_STRING="lang=fr&q=" + "x" * 5000)
    assert response.status_code == 400
    assert response.json() == {"errors": {"request": "La requête est trop longue ou mal formée."}}


@pytest.mark.django_db
def test_an_overlong_path_gets_a_400(client):
    assert client.get("/en/r/" + "A" * 1100 + "/").status_code == 400


@pytest.mark.django_db
def test_a_long_but_reasonable_query_is_not_refused(client):
    query = "&".join(f"k{i}={'v' * 10}" for i in range(150))  # 150 parameters, about 2 KB
    assert client.get("/en/", QUERY_STRING=query).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("endpoint", ["/en/", "/fr/sources/", "/en/result/", "/api/v1/categories"])
def test_writes_to_the_read_only_site_get_405_even_with_csrf_checks_on(method, endpoint):
    # A real browser's POST would meet the CSRF check first: it must still be a 405, not a 403.
    response = getattr(Client(enforce_csrf_checks=True), method)(endpoint)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "endpoint", ["/en/", "/fr/categories/profile/", "/en/check/country/", "/api/v1/categories"]
)
def test_head_requests_get_the_headers_without_a_body(client, endpoint):
    response = client.head(endpoint)
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.django_db
def test_the_admin_still_accepts_a_login_post(client):
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 200  # the form again, with an error: not a 405


@pytest.mark.django_db
def test_health_answers_get_and_head_and_refuses_writes(client):
    assert client.get("/healthz").status_code == 200
    assert client.head("/healthz").status_code == 200
    assert Client(enforce_csrf_checks=True).post("/healthz").status_code == 405


def database_down(*args, **kwargs):
    raise OperationalError("connection refused")


@pytest.mark.django_db
def test_a_database_error_in_a_view_gives_a_friendly_503_not_a_500(client):
    client.cookies["sessionid"] = "x" * 32  # the admin reads the session from the database
    with mock.patch.object(SessionStore, "load", database_down):
        response = client.get("/admin/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()


class DatabaseDownMiddleware:
    """Stands for any middleware that meets a database error before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        database_down()


@pytest.mark.django_db
def test_a_database_error_in_a_lower_middleware_gives_a_503_too(settings):
    position = settings.MIDDLEWARE.index("catalog.web.middleware.DatabaseUnavailableMiddleware")
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(position + 1, f"{__name__}.DatabaseDownMiddleware")
    with override_settings(MIDDLEWARE=middleware):
        response = Client(raise_request_exception=False).get("/fr/sources/")
    assert response.status_code == 503
    assert "De retour dans un instant" in response.content.decode()


class BuggyMiddleware(DatabaseDownMiddleware):
    def __call__(self, request):
        raise ValueError("a bug")


def test_other_errors_stay_500s(settings):
    """Only database errors become 503s: a bug is still reported as one."""
    position = settings.MIDDLEWARE.index("catalog.web.middleware.DatabaseUnavailableMiddleware")
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(position + 1, f"{__name__}.BuggyMiddleware")
    with override_settings(MIDDLEWARE=middleware):
        assert Client(raise_request_exception=False).get("/en/").status_code == 500


@pytest.mark.parametrize("path", ["/fr/categories/profile/", "/en/", "/api/v1/categories"])
def test_the_503_renders_without_any_database_access(django_db_blocker, path):
    request = RequestFactory().get(path)
    with django_db_blocker.block():  # any query would raise here
        response = service_unavailable(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
