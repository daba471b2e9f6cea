"""Catalog pages via the test client: both languages, 404s, htmx, no cookie, few queries."""

import dataclasses
import gzip
import re
import xml.etree.ElementTree as ET
from datetime import date
from html import unescape

import pytest
from django.test import RequestFactory
from django.utils import translation
from django_htmx.middleware import HtmxDetails
from markupsafe import escape  # as the template engine escapes

from catalog.present import pages
from catalog.present.summary import SETTING_URL, region_periods_attributed_text
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS
from catalog.web import views

pytestmark = pytest.mark.django_db

LANGS = ("fr", "en")
FURTHER_EXCLUSIONS = ("login-credentials", "payment-data", "job-applications")
PAGES = [
    "/{lang}/",
    *[f"/{{lang}}/categories/{slug}/" for slug in CATEGORY_SLUGS],
    *[f"/{{lang}}/exclusions/{slug}/" for slug in (*EXCLUSION_SLUGS, *FURTHER_EXCLUSIONS)],
    "/{lang}/search/",
    "/{lang}/search/?q=photo",
    "/{lang}/notices/",
    "/{lang}/notices/2025-11-03/",
    "/{lang}/notices/2026-08-21/",
    "/{lang}/sources/",
    "/{lang}/not-a-member/",
    "/{lang}/changes/",
]
ATOM = "{http://www.w3.org/2005/Atom}"


def page_urls():
    return [
        pytest.param(page.format(lang=lang), lang, id=page.format(lang=lang))
        for page in PAGES
        for lang in LANGS
    ]


def main_of(html: str) -> str:
    """The page's <main>: what the page itself says, without the header and footer links."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(("url", "lang"), page_urls())
def test_every_page_renders_in_its_language_without_cookie_in_few_queries(
    client, django_assert_max_num_queries, url, lang
):
    client.get(f"/{lang}/")  # the snapshot is built once per content revision, not per page
    with django_assert_max_num_queries(1):  # the revision check; the rest is the snapshot
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert not re.search(r'<span class="cite">[^<]*</span>', html)  # no citation without a source
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert len(gzip.compress(response.content)) < 14 * 1024


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url", ["/{lang}/not-a-member/", "/{lang}/changes/", "/{lang}/sources/"])
def test_pages_without_a_fragment_answer_htmx_with_the_whole_page(client, lang, url):
    plain = client.get(url.format(lang=lang))
    htmx = client.get(url.format(lang=lang), headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    assert htmx.content.decode().startswith("<!doctype html>")
    assert main_of(htmx.content.decode()) == main_of(plain.content.decode())


@pytest.mark.parametrize("lang", LANGS)
def test_public_pages_never_show_a_csrf_token_or_inline_style(client, lang):
    for page in PAGES:
        html = client.get(page.format(lang=lang)).content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert "style=" not in html


# ---------------------------------------------------------------- home


def test_home_groups_categories_by_training_and_links_the_self_assessment(client):
    html = client.get("/en/").content.decode()
    # Two lists of cards: the categories listed for training, then the others.
    _intro, training, rest = main_of(html).split('<ul class="cards">')
    for slug in ("profile", "content", "activity", "ai-inputs", "feedback"):
        assert f'href="/en/categories/{slug}/"' in training
        assert f'href="/en/categories/{slug}/"' not in rest
    for slug in ("technical", "inferred", "verification"):
        assert f'href="/en/categories/{slug}/"' in rest
    assert 'href="/en/check/"' in html
    assert "The Blog du Modérateur presents all eight kinds of data as training data" in html
    assert "Group activity and group messages" in training


def home_top(client, lang: str) -> str:
    """What a visitor reads first: the h1, the lead and the call to action, before any section."""
    return main_of(client.get(f"/{lang}/").content.decode()).split("<section", 1)[0]


def home_opening(client, lang: str) -> str:
    """The top and the first section's words up to its first cards: the page's first screen."""
    return main_of(client.get(f"/{lang}/").content.decode()).split('<ul class="cards">', 1)[0]


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def sources_cited(html: str) -> set[str]:
    return set(re.findall(r'#source-([\w-]+)"', html))


@pytest.mark.parametrize("lang", LANGS)
def test_home_lead_says_when_data_may_be_used_in_every_region_with_its_sources(
    client, notice, lang
):
    lines = re.findall(r"<li>(.*?)</li>", home_top(client, lang), flags=re.S)
    with translation.override(lang):
        for region in notice.regions:
            (line,) = [line for line in lines if escape(str(region.name)) in line]
            assert escape(region_periods_attributed_text(region)) in line, region.slug
            periods_sources = {
                source.slug for period in region.periods for source in period.sources
            }
            assert periods_sources <= sources_cited(line), region.slug
    top = visible(home_top(client, lang))
    assert ("United States" if lang == "en" else "États-Unis") in top
    assert ("3 November 2025" if lang == "en" else "3 novembre 2025") in top


def lead_line(client, lang: str, region: str) -> str:
    """The words of the home lead's line that names `region`."""
    lines = re.findall(r"<li>(.*?)</li>", home_top(client, lang), flags=re.S)
    (line,) = [visible(line) for line in lines if f"<strong>{region}" in line]
    return unescape(line).replace("\u202f", " ")


@pytest.mark.parametrize(
    ("lang", "region", "said"),
    [
        (
            "en",
            "Canada",
            "(start reported by TechCrunch), then since 3 November 2025 (reported by AFP)",
        ),
        (
            "en",
            "Hong Kong",
            "(start reported by TechCrunch and Hong Kong Free Press), then since 3 November 2025 "
            "(reported by AFP)",
        ),
        (
            "en",
            "United Kingdom",
            "(start reported by TechCrunch), then since 3 November 2025 (reported by AFP)",
        ),
        ("en", "Switzerland", "since 3 November 2025 (reported by AFP)"),
        ("en", "Everywhere else", "since at least 18 September 2024 (reported by TechCrunch)"),
        (
            "fr",
            "Canada",
            "(début rapporté par TechCrunch), puis depuis le 3 novembre 2025 (selon l’AFP)",
        ),
    ],
)
def test_a_start_only_the_press_reports_says_who_reported_it_in_the_lead(
    client, lang, region, said
):
    """The lead has no notes after its dates: a start no notice or regulator dates says there
    who reported it."""
    assert said in lead_line(client, lang, region)


def test_the_eeas_start_dated_by_its_regulators_names_no_reporter(client):
    """The Belgian and Luxembourg authorities date 3 November 2025 in the EEA."""
    assert not re.search(r"2025 \(", lead_line(client, "en", "European Union"))


def test_the_leads_region_lines_come_from_the_content(notice):
    lines = pages.region_lines(notice)
    shown = [[region.slug for region in line.regions] for line in lines]
    # Switzerland's 3 November 2025 is reported by AFP; the EEA's is dated by its regulators.
    assert shown == [["eea"], ["ch"], ["gb"], ["ca"], ["hk"], ["other"]]


def with_swiss_period(notice, **changes):
    ch = notice.region("ch")
    moved = dataclasses.replace(ch, periods=(dataclasses.replace(ch.current, **changes),))
    regions = tuple(moved if region is ch else region for region in notice.regions)
    return dataclasses.replace(notice, regions=regions)


def test_regions_whose_periods_read_the_same_share_a_line(notice):
    same = with_swiss_period(notice, start_reported_by=())
    lines = pages.region_lines(same)
    assert [[region.slug for region in line.regions] for line in lines][:2] == [
        ["eea", "ch"],
        ["gb"],
    ]
    with translation.override("fr"):
        assert lines[0].names.endswith(" et Suisse")
    later = pages.region_lines(with_swiss_period(same, start=date(2026, 1, 1)))
    assert [[region.slug for region in line.regions] for line in later][:2] == [["eea"], ["ch"]]
    with translation.override("en"):
        assert later[1].names == "Switzerland"
        assert later[1].periods == "since 1 January 2026"


@pytest.mark.parametrize(
    ("lang", "opens", "future"),
    [
        ("en", "(opens LinkedIn)", "only for the future"),
        ("fr", "(ouvre LinkedIn)", "pour l’avenir"),
    ],
)
def test_home_lead_links_the_setting_and_says_the_link_opens_linkedin(client, lang, opens, future):
    top = home_top(client, lang)
    link = re.search(rf'<a href="{re.escape(SETTING_URL)}"([^>]*)>([^<]*)</a>', top)
    assert link, "the lead links the setting"
    assert opens in link[2]
    assert "noopener" in link[1]
    paragraph = top[: link.start()].rsplit("<p", 1)[1] + top[link.start() :].split("</p>", 1)[0]
    assert future in paragraph  # for the future only, and its source: LinkedIn's help page
    assert "SET" in sources_cited(paragraph)
    assert top.index(link[0]) < top.index('class="button"')  # before the check's button


JARGON = {
    "en": r"\brows?\b|\bcells?\b|training row|sources differ|Blog du Modérateur",
    "fr": r"\blignes?\b|\bcellules?\b|sources divergent|Blog du Modérateur",
}


@pytest.mark.parametrize("lang", LANGS)
def test_home_opening_has_no_jargon_and_no_argument_between_sources(client, lang):
    opening = visible(home_opening(client, lang))
    assert not re.search(JARGON[lang], opening, flags=re.I), opening


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "The Blog du Modérateur presents all eight kinds"),
        ("fr", "Le Blog du Modérateur présente les huit types"),
    ],
)
def test_home_shows_where_sources_differ_below_the_lead_and_the_eight_kinds(client, lang, note):
    main = main_of(client.get(f"/{lang}/").content.decode())
    differ = main.split('<section aria-labelledby="differ">', 1)[1].split("</section>", 1)[0]
    assert note in differ
    assert {"BDM", "FAQ"} <= sources_cited(differ.split(note, 1)[1].split("</li>", 1)[0])
    assert 'href="#region-eea"' in differ  # the Microsoft difference, shown in the region table
    assert main.count(note) == 1
    assert main.index('aria-labelledby="eight"') < main.index('aria-labelledby="differ"')
    assert main.index('aria-labelledby="where"') < main.index('aria-labelledby="differ"')


def test_home_says_once_that_feedback_is_listed_by_the_faq_only(client):
    html = client.get("/en/").content.decode()
    feedback = html.split('href="/en/categories/feedback/"', 1)[1].split("</li>", 1)[0]
    assert feedback.count("Listed by LinkedIn's FAQ, not by the notice's training row") == 1
    profile = html.split('href="/en/categories/profile/"', 1)[1].split("</li>", 1)[0]
    assert "FAQ, not by the notice" not in profile  # its items are listed by the notice too


@pytest.mark.parametrize("lang", LANGS)
def test_home_links_the_page_for_people_without_an_account(client, lang):
    assert f'href="/{lang}/not-a-member/"' in main_of(client.get(f"/{lang}/").content.decode())


def test_home_shows_exclusions_further_exclusions_and_regions_with_sources(client, notice):
    html = client.get("/fr/").content.decode()
    for slug in (*EXCLUSION_SLUGS, *FURTHER_EXCLUSIONS):
        assert f'href="/fr/exclusions/{slug}/"' in html
    for region in notice.regions:
        assert f'id="region-{region.slug}"' in html
        assert escape(region.name.fr) in html
    assert "18 septembre 2024" in html and "3 novembre 2025" in html
    assert 'href="/fr/sources/#source-PCMAG"' in html
    assert 'href="/fr/sources/#source-BDM"' in html


def test_home_names_the_document_and_controller_of_each_region(client, notice):
    html = client.get("/en/").content.decode()
    for region in notice.regions:
        row = html.split(f'id="region-{region.slug}"', 1)[1].split("</tr>", 1)[0]
        document = {
            "notice": "LinkedIn&#x27;s European Regional Privacy Notice",
            "policy": "LinkedIn&#x27;s global Privacy Policy",
        }[region.document]
        assert document in row.replace("'", "&#x27;"), region.slug
        assert f"Controller: {region.controller}." in row, region.slug


# ---------------------------------------------------------------- categories and exclusions


def test_category_page_lists_rows_in_words_notes_sources_and_changes(client):
    html = client.get("/en/categories/verification/").content.decode()
    assert '<th scope="row">Phone number, for identity verification' in html
    assert "Safety and security" in html
    assert "New in this version." in html  # an item's note
    assert "From 3 November 2025 to 21 August 2026" in html
    assert "Added: Phone number, for identity verification" in html
    assert 'href="/en/sources/#source-N26"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_category_page_says_when_nothing_changed(client, lang):
    html = client.get(f"/{lang}/categories/profile/").content.decode()
    changes = html.split('id="changes"', 1)[1].split("</section>", 1)[0]
    period = {
        "en": "From 3 November 2025 to 21 August 2026",
        "fr": "Du 3 novembre 2025 au 21 août 2026",
    }
    assert period[lang] in changes
    assert "<li>" not in changes  # nothing added, removed or moved
    if lang == "en":
        assert "No item added or removed, and no item named in other rows." in changes
    else:
        assert "Nom et photo" in html


def test_the_feedback_page_says_it_is_listed_by_linkedins_faq_only(client, notice):
    html = client.get("/en/categories/feedback/").content.decode()
    items = notice.category("feedback").items
    assert items and all(item.listed_by == ("faq",) for item in items)
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert table.count("LinkedIn's FAQ only") == len(items)
    assert "training row and LinkedIn" not in table
    assert 'href="/en/sources/#source-FAQ"' in html


def test_a_category_listed_by_the_notice_and_the_faq_says_both(client):
    html = client.get("/en/categories/content/").content.decode()
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "the notice's training row and LinkedIn's FAQ" in table
    assert "FAQ only" not in table


def test_exclusion_pages_say_they_concern_content_generating_training_only(client):
    html = client.get("/en/exclusions/payment-data/").content.decode()
    assert "An exclusion concerns the training of content-generating AI only" in html
    assert 'href="/en/sources/#source-FAQ"' in html
    assert "PCMag" in html


# ---------------------------------------------------------------- sources


def test_source_without_address_is_cited_by_title_publisher_and_date_once(client):
    html = client.get("/en/sources/").content.decode()
    assert 'id="source-BDM"' in html
    assert '<cite lang="fr">LinkedIn va utiliser vos données' in html
    assert html.count("cited by title, publisher and date") == 1
    assert 'href="https://www.linkedin.com/help/linkedin/answer/a5538339"' in html


def test_a_source_without_a_title_is_named_by_its_publisher_once(client):
    html = client.get("/en/sources/").content.decode()
    entry = html.split('id="source-JAR25"', 1)[1].split("</li>", 1)[0]
    assert entry.count("Luiza Jarovsky, LinkedIn post") == 1
    page = main_of(client.get("/en/exclusions/payment-data/").content.decode())
    assert page.count("Luiza Jarovsky, LinkedIn post") == 1


def test_sources_show_the_publishers_own_french_title_on_french_pages(client):
    english = client.get("/en/sources/").content.decode()
    french = client.get("/fr/sources/").content.decode()
    assert "Privacy Commissioner welcomes commitment from LinkedIn" in english
    assert "Le Commissaire à la protection de la vie privée se réjouit" in french
    assert 'href="https://www.priv.gc.ca/fr/' in french


# ---------------------------------------------------------------- notice versions


def test_notice_page_shows_summary_and_what_changed_per_category(client):
    html = client.get("/en/notices/2026-08-21/").content.decode()
    assert "The training row is unchanged" in html
    assert 'href="/en/categories/verification/"' in html
    assert "Added: Phone number, for identity verification" in html
    assert 'href="/en/notices/2025-11-03/"' in html  # the previous version


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["2025-11-03", "2026-08-21"])
def test_notice_pages_do_not_repeat_current_version(client, lang, slug):
    html = main_of(client.get(f"/{lang}/notices/{slug}/").content.decode())
    assert html.lower().count("current version") <= 1
    assert html.lower().count("version en vigueur") <= 1
    marker = html.count("<strong>")  # "In force." is the one marker of the current version
    assert marker == (1 if slug == "2026-08-21" else 0)


def test_first_notice_page_has_no_previous_version(client):
    html = client.get("/fr/notices/2025-11-03/").content.decode()
    assert "C’est la première version suivie par ce site." in html


# ---------------------------------------------------------------- people without an account


@pytest.mark.parametrize("lang", LANGS)
def test_the_not_a_member_page_rests_on_the_garante_and_links_the_objection_form(client, lang):
    html = main_of(client.get(f"/{lang}/not-a-member/").content.decode())
    garante = [paragraph for paragraph in html.split("<p") if "Garante" in paragraph]
    assert len(garante) >= 2  # what the regulator says, and how non-members use the form
    assert all(f'href="/{lang}/sources/#source-' in paragraph for paragraph in garante)
    assert f'href="/{lang}/sources/#source-PPG25"' in html  # what the policy calls a visitor
    assert 'href="https://www.linkedin.com/help/linkedin/ask/TS-DPRO"' in html
    assert f'href="/{lang}/check/"' in html
    assert "<h1>" in html


def test_the_not_a_member_page_quotes_the_training_rows_own_name(client, notice):
    train = next(row for row in notice.rows if row.slug == "train")
    for lang in LANGS:
        html = client.get(f"/{lang}/not-a-member/").content.decode()
        with translation.override(lang):
            assert escape(str(train.name)) in html


# ---------------------------------------------------------------- changes and corrections


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_page_lists_both_notice_versions_and_every_correction_dated(
    client, site_content, lang
):
    html = client.get(f"/{lang}/changes/").content.decode()
    assert len(site_content.notices) == 2
    for notice in site_content.notices:
        heading = html.split(f'href="/{lang}/notices/{notice.slug}/"', 1)[0].rsplit("<h2>", 1)[1]
        assert f'<time datetime="{notice.effective.isoformat()}">' in heading
    assert len(site_content.corrections) >= 1
    for correction in site_content.corrections:
        entry = html.split(f'id="correction-{correction.slug}"', 1)[1].split("</li>", 1)[0]
        assert f'<time datetime="{correction.date.isoformat()}">' in entry
        title = correction.title.fr if lang == "fr" else correction.title.en
        assert escape(title) in entry
    assert f'href="/{lang}/changes/feed/"' in html
    assert f'<link rel="alternate" type="application/atom+xml" href="/{lang}/changes/feed/"' in html


def test_the_changes_page_lists_entries_newest_first(client):
    html = client.get("/en/changes/").content.decode()
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', html)
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_feed_is_valid_atom_with_one_entry_per_version_and_correction(
    client, site_content, lang
):
    response = client.get(f"/{lang}/changes/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert not response.cookies
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for child in ("title", "id", "updated"):
        assert feed.find(f"{ATOM}{child}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(site_content.notices) + len(site_content.corrections)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}id").startswith("http://testserver/")  # an absolute IRI
        assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver/{lang}/")
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    for notice in site_content.notices:
        assert f"http://testserver/{lang}/notices/{notice.slug}/" in links
    for correction in site_content.corrections:
        assert f"http://testserver/{lang}/changes/#correction-{correction.slug}" in links
    titles = " ".join(entry.findtext(f"{ATOM}title") for entry in entries)
    for correction in site_content.corrections:
        assert (correction.title.fr if lang == "fr" else correction.title.en) in titles


# ---------------------------------------------------------------- 404 and methods


@pytest.mark.parametrize(
    "url",
    [
        "/en/categories/nope/",
        "/fr/exclusions/nope/",
        "/en/notices/1999-01-01/",
        "/fr/no-such-page/",
        "/en/categories/" + "x" * 300 + "/",
        "/fr/not-a-member/extra/",
    ],
)
def test_unknown_pages_are_the_friendly_404_in_their_language(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html if url.startswith("/fr/") else "Page not found" in html
    assert 'href="/' + url[1:3] + '/search/"' in html
    assert not response.cookies


@pytest.mark.parametrize("url", ["/en/", "/en/not-a-member/", "/en/changes/", "/en/changes/feed/"])
def test_pages_only_answer_get(client, url):
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_the_search_only_answers_get(client):
    assert client.post("/en/search/", {"q": "ip"}).status_code == 405


# ---------------------------------------------------------------- search


def test_search_lists_matching_items_with_category_and_training(client):
    html = client.get("/en/search/", {"q": "IP address"}).content.decode()
    assert 'href="/en/categories/technical/#item-ip-address"' in html
    assert 'Technical data · <span class="no">not listed for training</span>' in html
    found = len(re.findall(r'<li><a href="/en/(?:categories|exclusions)/', html))
    assert found >= 1
    assert f"{found} result{'s' if found > 1 else ''}</p>" in html


def test_search_says_who_lists_an_item_for_training(client):
    feedback = client.get("/en/search/", {"q": "support requests"}).content.decode()
    assert "listed for training by LinkedIn's FAQ</strong>" in feedback
    photo = client.get("/en/search/", {"q": "photo"}).content.decode()
    assert "listed for training by the notice" in photo


def test_search_in_french_finds_the_salary_exclusion(client):
    html = client.get("/fr/search/", {"q": "salaire"}).content.decode()
    assert 'href="/fr/exclusions/salary/"' in html
    assert "Données salariales" in html


def test_search_form_is_a_plain_get_form_with_htmx_on_the_input(client):
    html = client.get("/en/search/").content.decode()
    assert '<form class="search" action="/en/search/" method="get"' in html
    assert 'data-hx-get="/en/search/"' in html
    assert 'data-hx-push-url="true"' in html
    assert 'data-hx-trigger="input changed delay:250ms, search"' in html
    assert 'role="status"' in html


def test_htmx_search_returns_only_the_results_fragment(client):
    response = client.get("/en/search/", {"q": "photo"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert '<div id="results">' in html
    assert 'id="search-status"' in html and 'data-hx-swap-oob="true"' in html
    assert "Name and photo" in html
    assert "HX-Request" in response.headers["Vary"]
    assert 'id="lang-switch" data-hx-swap-oob="true"><a href="/fr/search/?q=photo"' in html


def test_search_without_htmx_is_the_whole_page_and_varies_on_hx_request(client):
    response = client.get("/en/search/", {"q": "photo"})
    assert response.content.decode().startswith("<!doctype html>")
    assert "HX-Request" in response.headers["Vary"]


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
    ("lang", "text"), [("fr", "Une erreur s’est produite"), ("en", "Something went wrong")]
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
