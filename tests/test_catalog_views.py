"""Catalog pages via the test client: both languages, 404s, htmx, no cookie, few queries."""

import gzip

import pytest
from django.test import RequestFactory
from django.utils import translation
from django_htmx.middleware import HtmxDetails

from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS
from catalog.web import views

pytestmark = pytest.mark.django_db

LANGS = ("fr", "en")
PAGES = [
    "/{lang}/",
    *[f"/{{lang}}/categories/{slug}/" for slug in CATEGORY_SLUGS],
    *[f"/{{lang}}/exclusions/{slug}/" for slug in (*EXCLUSION_SLUGS, "login-credentials")],
    "/{lang}/search/",
    "/{lang}/search/?q=photo",
    "/{lang}/notices/",
    "/{lang}/notices/2025-11-03/",
    "/{lang}/notices/2026-08-21/",
    "/{lang}/sources/",
]
MAX_QUERIES = {"/{lang}/": 9}  # the home page shows categories, exclusions, regions and sources


def page_urls():
    return [
        pytest.param(page.format(lang=lang), lang, id=page.format(lang=lang))
        for page in PAGES
        for lang in LANGS
    ]


@pytest.mark.parametrize(("url", "lang"), page_urls())
def test_every_page_renders_in_its_language_without_cookie_in_few_queries(
    client, django_assert_max_num_queries, url, lang
):
    template = url.replace(f"/{lang}/", "/{lang}/", 1)
    with django_assert_max_num_queries(MAX_QUERIES.get(template, 5)):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert len(gzip.compress(response.content)) < 14 * 1024


@pytest.mark.parametrize("lang", LANGS)
def test_public_pages_never_show_a_csrf_token_or_inline_style(client, lang):
    for page in PAGES:
        html = client.get(page.format(lang=lang)).content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert "style=" not in html


def test_home_groups_categories_by_training_and_links_the_self_assessment(client):
    html = client.get("/en/").content.decode()
    training, rest = html.split("Only for AI features, product improvement or safety")
    for slug in ("profile", "content", "activity", "ai-inputs", "feedback"):
        assert f'href="/en/categories/{slug}/"' in training
    for slug in ("technical", "inferred", "verification"):
        assert f'href="/en/categories/{slug}/"' in rest
    assert 'href="/en/check/"' in html
    assert "Blog du Modérateur lists all eight" in html
    assert "Listed for training only:</" not in html
    assert "Group activity and group messages" in training


def test_home_shows_exclusions_further_exclusions_and_regions_with_sources(client):
    html = client.get("/fr/").content.decode()
    for slug in ("private-messages", "salary", "minors", "login-credentials", "payment-data"):
        assert f'href="/fr/exclusions/{slug}/"' in html
    assert "Autres exclusions citées par une seule source" in html
    assert "18 septembre 2024" in html and "3 novembre 2025" in html
    assert 'href="/fr/sources/#source-PCMAG"' in html
    assert 'href="/fr/sources/#source-BDM"' in html


def test_category_page_lists_rows_in_words_notes_sources_and_changes(client):
    html = client.get("/en/categories/verification/").content.decode()
    assert '<th scope="row">Identity details' in html
    assert "safety and security" in html
    assert "New in this version" in html  # the item's note
    assert "From 3 November 2025 to 21 August 2026" in html
    assert "Added: Identity details" in html
    assert 'href="/en/sources/#source-N26"' in html


def test_category_page_says_when_nothing_changed(client):
    html = client.get("/fr/categories/profile/").content.decode()
    assert "Aucun élément ajouté ni retiré" in html
    assert "Oui" in html  # listed for training, in words


def test_feedback_page_says_sources_differ(client):
    html = client.get("/en/categories/feedback/").content.decode()
    assert "Sources differ" in html
    assert 'href="/en/sources/#source-PCMAG"' in html


def test_source_without_address_is_cited_by_title_publisher_and_date(client):
    html = client.get("/en/sources/").content.decode()
    assert 'id="source-BDM"' in html
    assert "<cite>LinkedIn va utiliser vos données" in html
    assert 'href="https://www.linkedin.com/help/linkedin/answer/a5538339"' in html


def test_further_exclusion_page_names_its_single_source(client):
    html = client.get("/en/exclusions/payment-data/").content.decode()
    assert "Only one source names this exclusion" in html
    assert "PCMag" in html


def test_notice_page_shows_summary_and_what_changed_per_category(client):
    html = client.get("/en/notices/2026-08-21/").content.decode()
    assert "Current version." in html
    assert "The training row is unchanged" in html
    assert 'href="/en/categories/verification/"' in html
    assert "Added: Identity details" in html


def test_first_notice_page_has_no_previous_version(client):
    html = client.get("/fr/notices/2025-11-03/").content.decode()
    assert "C'est la première version suivie par ce site." in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/categories/nope/",
        "/fr/exclusions/nope/",
        "/en/notices/1999-01-01/",
        "/fr/no-such-page/",
        "/en/categories/" + "x" * 300 + "/",
    ],
)
def test_unknown_pages_are_the_friendly_404_in_their_language(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html if url.startswith("/fr/") else "Page not found" in html
    assert 'href="/' + url[1:3] + '/search/"' in html
    assert not response.cookies


def test_pages_only_answer_get(client):
    assert client.post("/en/").status_code == 405
    assert client.post("/en/search/", {"q": "ip"}).status_code == 405


# ---------------------------------------------------------------- search


def test_search_lists_matching_items_with_category_and_training(client):
    html = client.get("/en/search/", {"q": "IP"}).content.decode()
    assert 'href="/en/categories/technical/#item-ip-address"' in html
    assert "Technical data" in html
    assert "not listed for training" in html
    assert "1 result" in html


def test_search_in_french_finds_the_salary_exclusion(client):
    html = client.get("/fr/search/", {"q": "salaire"}).content.decode()
    assert 'href="/fr/exclusions/salary/"' in html
    assert "Données salariales" in html


def test_search_form_is_a_plain_get_form_with_htmx_on_the_input(client):
    html = client.get("/en/search/").content.decode()
    assert '<form class="search" action="/en/search/" method="get"' in html
    assert 'hx-get="/en/search/"' in html
    assert 'hx-push-url="true"' in html
    assert 'hx-trigger="input changed delay:250ms, search"' in html
    assert 'role="status"' in html


def test_htmx_search_returns_only_the_results_fragment(client):
    response = client.get("/en/search/", {"q": "photo"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert '<div id="results">' in html
    assert 'id="search-status"' in html and 'hx-swap-oob="true"' in html
    assert "Name and photo" in html
    assert "HX-Request" in response.headers["Vary"]
    assert 'id="lang-switch" hx-swap-oob="true"><a href="/fr/search/?q=photo"' in html


@pytest.mark.parametrize(
    "query",
    ["", " ", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\x00", "é" * 50, "a" * 3_000],
)
def test_any_search_is_a_normal_page_with_markup_escaped(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert not response.cookies


def test_a_10_000_character_search_gets_the_guard_s_friendly_400_not_a_500(client):
    response = client.get("/en/search/", {"q": "a" * 10_000})
    assert response.status_code == 400
    assert "<html" in response.content.decode()


def test_the_search_view_itself_copes_with_10_000_characters(rf):
    request = rf.get("/en/search/", {"q": "<b>" + "a" * 10_000})
    request.htmx = HtmxDetails(request)
    with translation.override("en"):
        response = views.search(request)
    html = response.content.decode()
    assert response.status_code == 200
    assert "only its first 200 characters were used" in html
    assert "<b>" not in html.split("<main", 1)[1]


def test_script_query_is_shown_escaped(client):
    html = client.get("/en/search/", {"q": "<script>x</script>"}).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_long_search_is_truncated_and_says_so(client):
    html = client.get("/fr/search/", {"q": "photo " + "x" * 3000}).content.decode()
    assert "seuls ses 200 premiers caractères" in html
    assert 'value="photo ' + "x" * 194 + '"' in html


def test_short_search_does_not_mention_truncation(client):
    html = client.get("/en/search/", {"q": "photo"}).content.decode()
    assert "too long" not in html


# ---------------------------------------------------------------- 500


@pytest.mark.parametrize(
    ("lang", "text"), [("fr", "Une erreur s'est produite"), ("en", "Something went wrong")]
)
def test_server_error_page_renders_without_database_or_request_context(
    django_db_blocker, lang, text
):
    request = RequestFactory().get(f"/{lang}/")  # no context processor has run on it
    with translation.override(lang), django_db_blocker.block():  # any query would raise
        response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html
    assert text in html
    assert f'href="/{lang}/"' in html
