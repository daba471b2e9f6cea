"""For search engines (issue 9, item 11): absolute hreflang alternates with an x-default,
/sitemap.xml listing the public pages in both languages, and /robots.txt."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
LANGS = ("fr", "en")
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


class Alternates(HTMLParser):
    """The page's <link rel="alternate" hreflang=…> as {hreflang: href}."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "alternate" and found.get("hreflang"):
            self.found[found["hreflang"]] = found["href"] or ""


def alternates(html: str) -> dict[str, str]:
    parser = Alternates()
    parser.feed(html)
    return parser.found


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} from /sitemap.xml, parsed as XML."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries = {}
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return entries


def public_pages(client, content) -> set[str]:
    """Every public page's path in both languages, built here from the content and the URL
    names, independently of the sitemap; the first question is where /check/ leads."""
    current = content.current
    pages = set()
    for lang in LANGS:
        with translation.override(lang):
            names = ["home", "notices", "sources", "not-a-member", "changes", "search"]
            pages |= {reverse(f"catalog:{name}") for name in names}
            pages |= {reverse("catalog:category", args=[c.slug]) for c in current.categories}
            pages |= {reverse("catalog:exclusion", args=[e.slug]) for e in current.exclusions}
            pages |= {reverse("catalog:notice", args=[n.slug]) for n in content.notices}
        start = client.get(f"/{lang}/check/")
        assert start.status_code == 302
        pages.add(start["Location"])
    return pages


# ---------------------------------------------------------------- sitemap.xml


def test_the_sitemap_lists_every_public_page_in_both_languages_with_absolute_urls(
    client, site_content
):
    entries = sitemap_entries(client)
    expected = {HOST + path for path in public_pages(client, site_content)}
    assert set(entries) == expected
    assert f"{HOST}/fr/check/country/" in entries and f"{HOST}/en/categories/profile/" in entries


def test_the_sitemap_lists_no_result_short_link_letter_or_questionnaire_answers(client):
    for loc in sitemap_entries(client):
        path = urlsplit(loc).path
        assert "/result/" not in path and "/r/" not in path and "letter" not in path, loc
        assert "/check/answers/" not in path and not urlsplit(loc).query, loc


def test_each_sitemap_entry_names_its_page_in_both_languages_and_english_as_the_default(client):
    for loc, links in sitemap_entries(client).items():
        lang, rest = urlsplit(loc).path.removeprefix("/").split("/", 1)
        assert links == {
            "fr": f"{HOST}/fr/{rest}",
            "en": f"{HOST}/en/{rest}",
            "x-default": f"{HOST}/en/{rest}",
        }, loc
        assert links[lang] == loc


def test_every_sitemap_entry_is_a_page_with_the_same_alternates_as_the_sitemap(client):
    for loc, links in sitemap_entries(client).items():
        response = client.get(loc.removeprefix(HOST))
        assert response.status_code == 200, loc
        assert alternates(response.content.decode()) == links, loc


def test_the_sitemap_uses_the_requests_host_and_scheme(client):
    response = client.get("/sitemap.xml", secure=True, HTTP_HOST="localhost")
    locs = [loc.text for loc in ET.fromstring(response.content).iter(f"{{{NS['sm']}}}loc")]
    assert locs and all(loc.startswith("https://localhost/") for loc in locs)


# ---------------------------------------------------------------- robots.txt


def test_robots_txt_allows_all_but_the_admin_results_and_short_links_and_names_the_sitemap(
    client,
):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")}
    assert disallowed == {"/admin/", "/fr/result/", "/en/result/", "/fr/r/", "/en/r/"}
    assert "Allow: /" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines


def test_robots_txt_keeps_crawlers_out_of_personal_pages_only(client):
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    for lang in LANGS:
        for path in ("/result/?country=FR&age=adult", "/r/ABCDEFGH/", "/r/ABCDEFGH/letter/"):
            assert not robots.can_fetch("AnyBot", f"{HOST}/{lang}{path}"), path
        for path in ("/", "/categories/profile/", "/check/country/", "/search/?q=photo"):
            assert robots.can_fetch("AnyBot", f"{HOST}/{lang}{path}"), path
    assert not robots.can_fetch("AnyBot", f"{HOST}/admin/")
    assert robots.can_fetch("AnyBot", f"{HOST}/sitemap.xml")


# ---------------------------------------------------------------- both files


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt"])
def test_sitemap_and_robots_answer_get_and_head_only_and_set_no_cookie(client, path):
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200
    assert not get.cookies and not head.cookies
    assert head.content == b""
    for method in ("post", "put", "patch", "delete", "options"):
        response = getattr(client, method)(path)
        assert response.status_code == 405, method
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}, method


@pytest.mark.parametrize("path", ["sitemap.xml", "robots.txt"])
@pytest.mark.parametrize("lang", LANGS)
def test_sitemap_and_robots_are_in_no_language_prefix(client, path, lang):
    assert client.get(f"/{lang}/{path}").status_code == 404


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt"])
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
# Query strings as a WSGI server hands them over: any bytes, read as latin-1.
@given(
    query=st.sampled_from(["p=0", "p=2", "p=-1", "p=x", "p=1.5", "p=" + "9" * 40])
    | st.binary(max_size=40).map(lambda raw: raw.decode("latin-1"))
)
def test_no_query_string_makes_sitemap_or_robots_fail(client, path, query):
    assert client.get(path, QUERY_STRING=query).status_code in (200, 404)


# ---------------------------------------------------------------- hreflang on pages


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/",
        "/{lang}/categories/profile/",
        "/{lang}/notices/",
        "/{lang}/check/country/?country=FR",
        "/{lang}/search/?q=photo&page=2",
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_pages_name_their_alternates_with_absolute_urls_and_english_as_the_default(
    client, path, lang
):
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200
    found = alternates(response.content.decode())
    assert found == {
        "fr": HOST + path.format(lang="fr"),
        "en": HOST + path.format(lang="en"),
        "x-default": HOST + path.format(lang="en"),
    }


def test_alternates_escape_the_query_string_in_html(client):
    html = client.get("/en/search/?q=photo&page=2").content.decode()
    assert f'<link rel="alternate" hreflang="fr" href="{HOST}/fr/search/?q=photo&amp;page=2">' in (
        html
    )


def test_the_language_switch_stays_a_path(client):
    html = client.get("/en/categories/profile/").content.decode()
    assert '<a href="/fr/categories/profile/" hreflang="fr" lang="fr">' in html
