"""The language middleware (catalog/web/locale.py) answers as Django's LocaleMiddleware would:
same status, redirect, Content-Language and Vary, for any path and browser language."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from catalog.web.locale import language_of

OURS = "catalog.web.locale.PathLocaleMiddleware"
DJANGOS = settings.MIDDLEWARE[:]
DJANGOS[DJANGOS.index(OURS)] = "django.middleware.locale.LocaleMiddleware"

PATHS = [
    "/",
    "/en/",
    "/fr/",
    "/en",
    "/fr/sources/",
    "/fr/sources",  # APPEND_SLASH
    "/sources/",  # no prefix: redirected to the browser's language
    "/categories/profile",
    "/en/no-such-page/",
    "/de/",
    "/en-us/",
    "/EN/",
    "/enx/",
    "/fr//",
    "/api/v1/categories",
    "/api/v1/categories?lang=fr",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
]
BROWSERS = ["", "fr-FR,fr;q=0.9", "en-GB", "de"]


def answer(path: str, accept_language: str, middleware: list[str]) -> tuple:
    # A new client for each: a client builds its middleware chain once, at its first request.
    with override_settings(MIDDLEWARE=middleware):
        response = Client().get(path, headers={"accept-language": accept_language})
    return (
        response.status_code,
        response.get("Location"),
        response.get("Content-Language"),
        response.get("Vary"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("accept_language", BROWSERS)
@pytest.mark.parametrize("path", PATHS)
def test_the_language_middleware_answers_as_djangos_own(path, accept_language):
    assert answer(path, accept_language, settings.MIDDLEWARE) == answer(
        path, accept_language, DJANGOS
    )


SEGMENTS = st.sampled_from(["en", "fr", "de", "en-us", "", "sources", "r", "check", "api", "x"])


@pytest.mark.django_db
@hypothesis_settings(max_examples=30)
@given(
    segments=st.lists(SEGMENTS, max_size=3), slash=st.booleans(), browser=st.sampled_from(BROWSERS)
)
def test_any_path_gets_the_answer_djangos_middleware_gives(segments, slash, browser):
    path = "/" + "/".join(segments) + ("/" if slash and segments else "")
    assert answer(path, browser, settings.MIDDLEWARE) == answer(path, browser, DJANGOS)


@pytest.mark.parametrize(
    ("path", "language"),
    [("/fr/", "fr"), ("/en/r/abc/", "en"), ("/en", None), ("/de/", None), ("/", None), ("", None)],
)
def test_only_a_first_segment_naming_a_language_exactly_is_a_language(path, language):
    assert language_of(path) == language
