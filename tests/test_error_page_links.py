"""Error pages link only to this site (issue 10): their language switch and hreflang alternates
point to our own home page in the other language, never to the address that failed; normal
pages keep the current page. A translated URL is used only if it is a path of this site."""

from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.test import Client, RequestFactory
from django.urls import resolve
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.web.alternates import is_site_path, translated_path
from catalog.web.views import server_error

pytestmark = pytest.mark.django_db

HOST = "http://testserver/"
OTHER = {"fr": "en", "en": "fr"}

# Addresses a browser may open on another site if a page repeated them in a link, and unknown
# ones; "{lang}" is the page's language. As typed in the address bar (percent-encoded).
HOSTILE_PATHS = [
    "//evil.com/",
    "/%2F%2Fevil.com",
    "/%5Cevil.com",  # "/\evil.com": browsers read the backslash as a slash
    "/%5C%5Cevil.com/",
    "/{lang}//evil.com",
    "/{lang}/%2F%2Fevil.com/x",
    "/{lang}/%5Cevil.com",
    "/{lang}/nope/",
    "/{lang}/categories/nope/",  # a URL pattern of ours, with a slug that is not
    "/{lang}/r/not-a-code/",  # the bad-code page
    "/{lang}/r/not-a-code/letter/",
]


class Links(HTMLParser):
    """Every href on the page (attribute values unescaped), and the hreflang links apart."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        href, hreflang = found.get("href"), found.get("hreflang")
        if href is None or (found.get("rel") == "icon" and href.startswith("data:")):
            return  # an inline icon (no request at all), not a link
        self.hrefs.append(href)
        if hreflang and tag == "link" and found.get("rel") == "alternate":
            self.alternates[hreflang] = href
        elif hreflang and tag == "a":
            self.switch[hreflang] = href


def links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def is_same_site(href: str) -> bool:
    """A path on this site, or an absolute URL on the test host (a fragment stays on the page)."""
    if href.startswith(HOST) or href.startswith("#"):
        return True
    return href.startswith("/") and not href.startswith(("//", "/\\")) and "\\" not in href


def get_raw(client: Client, address: str, lang: str):
    """GET an address as a WSGI server hands it over (decoded PATH_INFO), even "//host/…",
    which the test client would otherwise read as a host."""
    return client.get("/", PATH_INFO=unquote(address), HTTP_ACCEPT_LANGUAGE=lang)


def test_the_helpers_tell_other_sites_from_ours():
    assert is_same_site("/fr/") and is_same_site(f"{HOST}en/") and is_same_site("#main")
    for href in ("//evil.com/", "///evil.com", "/\\evil.com", "https://evil.com/", "evil.com"):
        assert not is_same_site(href), href
    page = links(
        '<a href="//evil.com/" hreflang="fr">x</a><link rel="alternate" hreflang="en" '
        'href="&#47;/evil.com">'
    )
    assert page.switch == {"fr": "//evil.com/"} and page.alternates == {"en": "//evil.com"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("address", HOSTILE_PATHS)
def test_an_error_page_links_only_to_this_site(client, address, lang):
    response = get_raw(client, address.format(lang=lang), lang)
    assert response.status_code == 404, address
    html = response.content.decode()
    page = links(html)
    assert page.hrefs, address
    outside = [href for href in page.hrefs if not is_same_site(href)]
    assert not outside, (address, outside)
    assert "evil.com" not in html


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("address", HOSTILE_PATHS)
def test_an_error_page_switches_language_to_our_home_page(client, address, lang):
    response = get_raw(client, address.format(lang=lang), lang)
    page = links(response.content.decode())
    other = OTHER[lang]
    assert f'<html lang="{lang}">' in response.content.decode()
    assert page.switch == {other: f"/{other}/"}, address
    assert page.alternates == {
        "fr": f"{HOST}fr/",
        "en": f"{HOST}en/",
        "x-default": f"{HOST}en/",
    }, address


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_bad_request_page_for_a_foreign_host_links_only_to_this_site(client, lang):
    # The Host header is not ours (DisallowedHost): the 400 page still renders, with paths only.
    response = client.get(f"/{lang}/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    page = links(html)
    assert page.hrefs and all(is_same_site(href) and "://" not in href for href in page.hrefs)
    assert page.switch == {OTHER[lang]: f"/{OTHER[lang]}/"}
    assert page.alternates == {"fr": "/fr/", "en": "/en/", "x-default": "/en/"}
    assert "evil.example" not in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_oversized_request_page_links_to_our_home_page(client, lang):
    response = get_raw(client, f"/{lang}//evil.com/" + "x" * 2000, lang)
    assert response.status_code == 400
    page = links(response.content.decode())
    assert all(is_same_site(href) for href in page.hrefs)
    assert page.switch == {OTHER[lang]: f"/{OTHER[lang]}/"}
    assert page.alternates["x-default"] == f"{HOST}en/"


def test_the_server_error_page_links_only_to_this_site():
    response = server_error(RequestFactory().get("/", PATH_INFO="//evil.com/"))
    assert response.status_code == 500
    page = links(response.content.decode())
    assert page.hrefs and all(is_same_site(href) for href in page.hrefs)
    assert b"evil.com" not in response.content


@pytest.mark.parametrize(
    ("address", "french"),
    [
        ("/en/search/?q=photo&page=2", "/fr/search/?q=photo&page=2"),
        ("/en/categories/profile/", "/fr/categories/profile/"),
        ("/en/check/country/?country=FR", "/fr/check/country/?country=FR"),
    ],
)
def test_a_normal_page_switches_language_on_the_same_page(client, address, french):
    response = client.get(address)
    assert response.status_code == 200
    page = links(response.content.decode())
    assert page.switch == {"fr": french}
    assert page.alternates["fr"] == HOST + french.removeprefix("/")
    assert page.alternates["en"] == HOST + address.removeprefix("/")


@pytest.mark.parametrize(
    "url",
    [
        "//evil.com/",
        "///evil.com",
        "/\\evil.com",
        "/fr/%5Cevil.com",
        "/\t/evil.com",  # browsers drop tabs: "//evil.com"
        "/fr/search/?q=\n",
        "https://evil.com/fr/",
        "evil.com/fr/",
        "/fr/nope/",
        "/en/search/",  # ours, but not in French
    ],
)
def test_only_paths_of_this_site_in_the_language_count_as_translations(url):
    assert not is_site_path(url, "fr")


def test_a_path_of_this_site_with_its_query_counts_as_a_translation():
    assert is_site_path("/fr/search/?q=%2F%2Fevil.com&page=2", "fr")
    assert is_site_path("/en/", "en")


# Paths as a WSGI server hands them over (any bytes, read as latin-1), built from pieces that
# make hosts, schemes and our own URLs likely.
PIECES = ["/", "//", "\\", "%2F", "%5C", "fr/", "en/", "r/", "search/", "categories/", "evil.com"]
PIECES += ["http:", "@", ":", "\t", "\n", "?", "#", "?q=//x", "profile/", "check/", "country/"]
raw_paths = st.lists(
    st.sampled_from(PIECES) | st.binary(max_size=3).map(lambda raw: raw.decode("latin-1")),
    max_size=8,
).map(lambda parts: "/" + "".join(parts))


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(path=raw_paths, lang=st.sampled_from(["fr", "en"]), page_lang=st.sampled_from(["fr", "en"]))
def test_whatever_the_address_the_translated_url_is_a_page_of_this_site(path, lang, page_lang):
    request = RequestFactory().get("/", PATH_INFO=path)
    with translation.override(page_lang):
        url = translated_path(request, lang)
    assert is_same_site(url), (path, url)
    assert not any(ord(char) < 0x20 for char in url), (path, url)
    with translation.override(lang):
        resolve(unquote(url.split("?")[0]))  # raises Resolver404 if it is no page of ours
