"""Short result links (/r/<code>/), their card, letter and letter.txt, over the real content."""

import datetime
import gzip
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from catalog.models import Notice, Source
from catalog.rules import codes
from catalog.rules.answers import Answers

pytestmark = pytest.mark.django_db

N25, N26 = 1, 2  # the notices' code_id in catalog/content/notices/
FR_ON = Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"}))
FR_ON_QUERY = "country=FR&age=adult&setting=on&uses=ai-tools&uses=posts"
CODE = codes.encode(FR_ON, N26)
OLD_CODE = codes.encode(FR_ON, N25)
LETTER_FORM = "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def statuses(html: str) -> list[str]:
    return re.findall(r'class="result-item status-([a-z-]+)" id="result-([a-z-]+)"', html)


def meta(html: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert match, f"no {key} meta tag"
    return unescape(match.group(1))


def with_character_changed(code: str, position: int) -> str:
    other = next(c for c in codes.ALPHABET if c != code[position])
    return code[:position] + other + code[position + 1 :]


# ---------------------------------------------------------------- the short link


def test_the_short_link_shows_the_same_result_in_french_and_english(client):
    english, french = page(client, f"/en/r/{CODE}/"), page(client, f"/fr/r/{CODE}/")
    assert '<html lang="en">' in english and '<html lang="fr">' in french
    assert "kinds of data may be used to train LinkedIn" in english
    assert "types de données peuvent servir à entraîner" in french
    assert statuses(english) == statuses(french)
    assert ("in-scope", "profile") in statuses(english)
    assert ("not-applicable", "verification") in statuses(english)


def test_the_short_link_shows_what_the_result_page_shows_for_the_same_answers(client):
    short = page(client, f"/en/r/{CODE}/")
    full = page(client, f"/en/result/?{FR_ON_QUERY}")
    assert statuses(short) == statuses(full)
    assert len(statuses(short)) == 8


def test_the_language_switch_keeps_the_code(client):
    html = page(client, f"/fr/r/{CODE}/")
    assert f'href="/en/r/{CODE}/" hreflang="en"' in html
    assert f'<link rel="alternate" hreflang="en" href="/en/r/{CODE}/">' in html


def test_the_short_link_shows_its_link_qr_code_and_letter_link(client):
    html = page(client, f"/en/r/{CODE}/")
    assert f'value="http://testserver/en/r/{CODE}/"' in html
    assert re.search(r'<svg role="img" aria-label="QR code of the link to this result"', html)
    assert f'href="/en/r/{CODE}/letter/"' in html
    assert 'src="/static/js/share.js"' in html and 'nonce="' in html


def test_change_my_answers_goes_to_check_your_answers_with_every_answer_prefilled(client):
    html = page(client, f"/en/r/{CODE}/")
    change = f"/en/check/answers/?{FR_ON_QUERY}"
    assert f'href="{change.replace("&", "&amp;")}"' in html
    answers_page = page(client, change)
    assert "France" in answers_page and "Yes, it is on" in answers_page


def test_the_result_page_shows_the_short_link_and_names_it_canonical(client):
    html = page(client, f"/en/result/?{FR_ON_QUERY}")
    assert f'<link rel="canonical" href="http://testserver/en/r/{CODE}/">' in html
    assert f'value="http://testserver/en/r/{CODE}/"' in html
    assert 'aria-label="QR code of the link to this result"' in html
    french = page(client, f"/fr/result/?{FR_ON_QUERY}")
    assert f'<link rel="canonical" href="http://testserver/fr/r/{CODE}/">' in french


@pytest.mark.parametrize(
    "answers",
    [
        Answers("FR", "minor", uses=frozenset({"messages"})),
        Answers("DE", "adult", "off", "before"),
        Answers("GB", "adult", "off", "unknown", frozenset({"posts", "salary"})),
        Answers("US", "adult", "off", None, frozenset({"groups"})),
        Answers("CA", "adult", "unknown", None, frozenset(codes.USES)),
        Answers("CH", "adult", "on", None, frozenset({"verification", "feedback"})),
    ],
)
def test_every_kind_of_normalised_answers_has_a_working_short_link(client, answers):
    for notice in (N25, N26):
        html = page(client, f"/en/r/{codes.encode(answers, notice)}/")
        assert len(statuses(html)) == 8


def test_the_api_result_url_opens_the_same_result(client):
    body = client.get(f"/api/v1/assessment?{FR_ON_QUERY}&lang=fr").json()
    assert body["result_url"] == f"http://testserver/fr/r/{CODE}/"
    html = page(client, body["result_url"])
    assert [status for status, _slug in statuses(html)] == [
        category["status"] for category in body["categories"]
    ]


# ---------------------------------------------------------------- bad codes


def bad_codes() -> dict[str, str]:
    us_off_with_date = codes.encode(Answers("US", "adult", "off", "before"), N26)
    return {
        "too short": CODE[:-1],
        "too long": CODE + "0",
        "far too long": "1" * 900,
        "upper case": CODE.upper(),
        "outside the alphabet": CODE[:3] + "u" + CODE[4:],
        "punctuation": "14km-42q",
        "non-ascii": "14kmé42q",
        "bad check": CODE[:-1] + with_character_changed(CODE, 7)[-1],
        "one payload character changed": with_character_changed(CODE, 3),
        "unknown notice version": codes.encode(FR_ON, 99),
        "notice code 0": codes.encode(FR_ON, 0),
        "unknown format version": codes._check_character("2" + CODE[1:-1]).join(
            ["2" + CODE[1:-1], ""]
        ),
        "not a country": codes.encode(Answers("XX", "adult", "on"), N26),
        "switch-off date where it is not asked": us_off_with_date,
        "adult without a setting": codes.encode(Answers("FR", "adult"), N26),
    }


def test_the_bad_code_fixtures_are_what_they_claim():
    # Guards the 404 tests: each forged code must fail for its own reason, not by accident.
    bad = bad_codes()
    for name in ("unknown notice version", "notice code 0", "not a country"):
        codes.decode(bad[name])  # well formed: rejected by the view, not by decode
    codes.decode(bad["switch-off date where it is not asked"])
    with pytest.raises(codes.InvalidCode, match="version"):
        codes.decode(bad["unknown format version"])
    with pytest.raises(codes.InvalidCode, match="check"):
        codes.decode(bad["bad check"])


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("suffix", ["", "card.png", "letter/", "letter.txt"])
def test_any_bad_code_is_the_friendly_404_in_the_urls_language(client, lang, suffix):
    heading = {
        "en": "This result link does not work",
        "fr": "Ce lien de résultat ne fonctionne pas",
    }[lang]
    for name, code in bad_codes().items():
        response = client.get(f"/{lang}/r/{code}/{suffix}")
        assert response.status_code == 404, name
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html, name
        assert heading in html, name
        assert f'href="/{lang}/check/"' in html, name  # start again
        assert not response.cookies


def test_a_bad_code_page_is_never_cached_as_a_result(client):
    response = client.get(f"/en/r/{CODE[:-1]}/")
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")


# ---------------------------------------------------------------- pinned to its notice


def test_a_code_shows_the_result_of_its_own_notice_version(client):
    old = page(client, f"/en/r/{OLD_CODE}/")
    assert "effective 3 November 2025" in old
    assert 'href="/en/notices/2025-11-03/"' in old
    current = page(client, f"/en/r/{CODE}/")
    assert 'href="/en/notices/2026-08-21/"' in current


def test_a_code_of_the_current_notice_says_nothing_about_a_newer_one(client):
    assert "A newer version is now in force" not in page(client, f"/en/r/{CODE}/")


def test_an_older_notice_code_says_a_newer_version_exists_and_offers_to_check_again(client):
    html = page(client, f"/en/r/{OLD_CODE}/")
    assert "A newer version is now in force" in html
    assert "effective 21 August 2026" in html
    assert f'href="/en/result/?{FR_ON_QUERY.replace("&", "&amp;")}"' in html


def add_third_notice() -> Notice:
    return Notice.objects.create(
        slug="2027-05-01",
        code_id=3,
        effective=datetime.date(2027, 5, 1),
        title_en="European Regional Privacy Notice, effective 1 May 2027",
        title_fr="Avis de confidentialité régional européen, en vigueur le 1er mai 2027",
        summary_en="A later version.",
        summary_fr="Une version ultérieure.",
        source=Source.objects.get(slug="N26"),
    )


def test_old_codes_still_resolve_after_a_new_notice_version_is_loaded(client):
    before = {code: statuses(page(client, f"/en/r/{code}/")) for code in (OLD_CODE, CODE)}
    add_third_notice()
    for code, notice_slug in ((OLD_CODE, "2025-11-03"), (CODE, "2026-08-21")):
        html = page(client, f"/en/r/{code}/")
        assert statuses(html) == before[code], code
        assert f'href="/en/notices/{notice_slug}/"' in html
        assert "A newer version is now in force" in html
        assert "effective 1 May 2027" in html
        french = page(client, f"/fr/r/{code}/")
        assert "Une version plus récente est désormais en vigueur" in french
    new_code = codes.encode(FR_ON, 3)
    assert "A newer version is now in force" not in page(client, f"/en/r/{new_code}/")


def test_the_letter_of_an_older_notice_says_a_newer_version_exists(client):
    html = page(client, f"/en/r/{OLD_CODE}/letter/")
    assert "A newer version is now in force" in html


# ---------------------------------------------------------------- link previews


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_open_graph_and_twitter_tags_summarise_the_result(client, lang):
    html = page(client, f"/{lang}/r/{CODE}/")
    link = f"http://testserver/{lang}/r/{CODE}/"
    assert meta(html, "og:url") == link
    assert meta(html, "og:image") == link + "card.png"
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == link + "card.png"
    title, description = meta(html, "og:title"), meta(html, "og:description")
    assert meta(html, "twitter:title") == title
    assert meta(html, "twitter:description") == description
    if lang == "en":
        assert title == "3 of 6 kinds of my LinkedIn data may train LinkedIn's AI"
        assert description.startswith(
            "May train LinkedIn's AI: Profile data, Published content, Inputs to AI tools."
        )
        assert meta(html, "og:locale") == "en_GB"
    else:
        assert title == "3 types sur 6 de mes données LinkedIn peuvent entraîner l'IA de LinkedIn"
        assert description.startswith("Peuvent entraîner l'IA de LinkedIn : Données de profil")
        assert meta(html, "og:locale") == "fr_FR"
    assert f"<title>{title.replace(chr(39), '&#x27;')} ·" in html


def test_a_result_with_nothing_used_says_so_in_its_preview(client):
    minor = codes.encode(Answers("FR", "minor"), N26)
    html = page(client, f"/en/r/{minor}/")
    assert meta(html, "og:title") == "0 of 4 kinds of my LinkedIn data may train LinkedIn's AI"
    assert meta(html, "og:description").startswith("None of my LinkedIn data is used")


# ---------------------------------------------------------------- the card


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_card_is_a_1200_by_630_png_cached_for_a_year_with_an_etag(client, lang):
    response = client.get(f"/{lang}/r/{CODE}/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=31536000", "immutable"}
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert not response.cookies


def test_the_card_answers_a_matching_if_none_match_with_304(client):
    first = client.get(f"/en/r/{CODE}/card.png")
    again = client.get(f"/en/r/{CODE}/card.png", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "immutable" in again["Cache-Control"]
    stale = client.get(f"/en/r/{CODE}/card.png", headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_each_language_and_code_has_its_own_card_and_etag(client):
    english = client.get(f"/en/r/{CODE}/card.png")
    french = client.get(f"/fr/r/{CODE}/card.png")
    old = client.get(f"/en/r/{OLD_CODE}/card.png")
    assert len({english["ETag"], french["ETag"], old["ETag"]}) == 3
    assert english.content != french.content


def test_the_card_answers_head_but_not_post(client):
    assert client.head(f"/en/r/{CODE}/card.png").status_code == 200
    assert client.post(f"/en/r/{CODE}/card.png").status_code == 405


# ---------------------------------------------------------------- the letter


def test_the_letter_page_holds_the_letter_naming_the_visitors_categories(client):
    html = page(client, f"/en/r/{CODE}/letter/")
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)
    assert textarea
    letter = unescape(textarea.group(1))
    listed = re.findall(r"^- (.+)$", letter.split("categories of my data")[1], re.M)
    # Every member's data plus posts and AI tools; not verification or feedback (not answered).
    assert listed[:6] == [
        "Profile data",
        "Published content",
        "Activity history",
        "Technical data",
        "Inferred data",
        "Inputs to AI tools",
    ]
    assert "Verification data" not in letter and "Feedback" not in letter
    assert "[TO COMPLETE:" in letter and LETTER_FORM in letter
    assert "effective 21 August 2026" in letter


def test_the_letter_page_sends_nothing_it_has_no_form_and_no_csrf_token(client):
    html = page(client, f"/fr/r/{CODE}/letter/")
    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html
    assert f'href="/fr/r/{CODE}/letter.txt"' in html
    assert "À COMPLÉTER" in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_letter_txt_is_the_unedited_letter_as_a_utf8_download(client, lang):
    response = client.get(f"/{lang}/r/{CODE}/letter.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    filename = {"fr": "lettre-opposition-linkedin.txt", "en": "linkedin-objection-letter.txt"}
    assert response["Content-Disposition"] == f'attachment; filename="{filename[lang]}"'
    text = response.content.decode("utf-8")
    assert LETTER_FORM in text
    html = page(client, f"/{lang}/r/{CODE}/letter/")
    textarea = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", html, re.S)
    assert unescape(textarea.group(1)) == text
    assert ("Données de profil" if lang == "fr" else "Profile data") in text


def test_a_minors_letter_names_their_categories_too(client):
    minor = codes.encode(Answers("FR", "minor", uses=frozenset({"verification"})), N26)
    text = client.get(f"/en/r/{minor}/letter.txt").content.decode()
    assert "- Verification data" in text


# ---------------------------------------------------------------- privacy and quality bars

NEW_PAGES = [
    f"/{{lang}}/r/{CODE}/",
    f"/{{lang}}/r/{OLD_CODE}/",
    f"/{{lang}}/r/{CODE}/letter/",
    f"/{{lang}}/r/{CODE}/letter.txt",
    f"/{{lang}}/r/{CODE}/card.png",
    f"/{{lang}}/result/?{FR_ON_QUERY}",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("url", NEW_PAGES)
def test_no_new_page_sets_a_cookie_or_loads_anything_from_another_host(client, url, lang):
    response = client.get(url.format(lang=lang))
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert " style=" not in html
        assert not re.search(r'<script(?![^>]*\bsrc="/static/)', html)
        assert not re.search(r'(?:src|href)="(?:https?:)?//(?!testserver)[^"]*\.(?:js|css)', html)


@pytest.mark.parametrize("url", NEW_PAGES[:3])
def test_new_pages_are_small_and_need_few_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url.format(lang="fr"))
    assert len(gzip.compress(response.content)) < 14 * 1024
    assert len(queries) <= 10, [query["sql"] for query in queries]


def test_short_link_pages_refuse_writes(client):
    for suffix in ("", "letter/", "letter.txt"):
        assert client.post(f"/en/r/{CODE}/{suffix}").status_code == 405
