"""Short result links (/r/<code>/), their card, letter and letter.txt, over the real content."""

import gzip
import io
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import zxingcpp
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from catalog.present.letter import OBJECTION_FORM_URL, POLICY_HELP_URL
from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.rules.vocabulary import AGES, SETTINGS, SWITCHED_OFF, USES
from catalog.snapshot import current_content

pytestmark = pytest.mark.django_db

N25, N26 = 1, 2  # the notices' code_id in catalog/content/notices/
CONTENT_DIR = Path(__file__).resolve().parent.parent / "catalog" / "content"
FR_ON = Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"}))
FR_ON_QUERY = "country=FR&age=adult&setting=on&uses=ai-tools&uses=posts"
CODE = codes.encode(FR_ON, N26)
OLD_CODE = codes.encode(FR_ON, N25)
US_ON = Answers("US", "adult", "on", None, frozenset({"posts"}))
GB_BEFORE = Answers("GB", "adult", "off", "before", frozenset({"posts"}), "yes")
# The card's URL carries the content revision ({revision}, see at_revision); card.png: its old URL.
SUFFIXES = ("", "card-{revision}.png", "card.png", "letter/", "letter.txt")


def at_revision(suffix: str) -> str:
    return suffix.format(revision=current_content().revision)


def card_url(code: str, lang: str = "en") -> str:
    """The card's current path: /<lang>/r/<code>/card-<content revision>.png."""
    return f"/{lang}/r/{code}/card-{current_content().revision}.png"


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def statuses(html: str) -> list[tuple[str, str]]:
    """(status, category) for each category of a result, in the page's order."""
    found, status = [], None
    for group, category in re.findall(
        r'class="status-group status-([a-z-]+)"|class="result-item" id="result-([a-z-]+)"', html
    ):
        if group:
            status = group
        else:
            found.append((status, category))
    return found


def h1(html: str) -> str:
    return unescape(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))


def meta(html: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert match, f"no {key} meta tag"
    return unescape(match.group(1))


def with_character_changed(code: str, position: int) -> str:
    other = next(c for c in codes.ALPHABET if c != code[position])
    return code[:position] + other + code[position + 1 :]


def moved(response, target: str) -> None:
    assert response.status_code == 301, response.status_code
    assert response["Location"] == target


# ---------------------------------------------------------------- format 1, as it was issued


def luhn32(body: str) -> str:
    """The check character of codes.py's docstring (Luhn mod 32), written out independently."""
    total = 0
    for position, char in enumerate(reversed(body)):
        value = codes.ALPHABET.index(char) * (2 if position % 2 == 0 else 1)
        total += value // 32 + value % 32
    return codes.ALPHABET[-total % 32]


def encode_v1(answers: Answers, notice_code_id: int) -> str:
    """A format-1 code (8 characters, issued until November 2026), from codes.py's docstring:
    country 10 bits, age 1, setting 2, switched_off 2, uses 8, notice 7; no member_earlier."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    fields = (
        (letters.index(answers.country[0]) * 26 + letters.index(answers.country[1]), 10),
        (AGES.index(answers.age), 1),
        (SETTINGS.index(answers.setting) + 1 if answers.setting else 0, 2),
        (SWITCHED_OFF.index(answers.switched_off) + 1 if answers.switched_off else 0, 2),
        (sum(1 << USES.index(use) for use in answers.uses), 8),
        (notice_code_id, 7),
    )
    number = 0
    for value, width in fields:
        number = (number << width) | value
    body = "1" + "".join(codes.ALPHABET[(number >> (5 * shift)) & 31] for shift in range(5, -1, -1))
    return body + luhn32(body)


def test_the_v1_encoder_makes_codes_that_decode_as_format_1():
    code = encode_v1(FR_ON, N26)
    assert len(code) == 8 and code[0] == "1"
    assert codes.decode(code) == (FR_ON, N26)
    assert luhn32(CODE[:-1]) == CODE[-1]  # the same check character as the current format


# ---------------------------------------------------------------- the short link


def test_the_short_link_shows_the_same_result_in_french_and_english(client):
    english, french = page(client, f"/en/r/{CODE}/"), page(client, f"/fr/r/{CODE}/")
    assert '<html lang="en">' in english and '<html lang="fr">' in french
    assert h1(english) == (
        "A member in France whose setting is on: from now on, LinkedIn may use 3 of their 6 "
        "kinds of data to train its content-generating AI."
    )
    assert h1(french) == (
        "Un membre en France dont le réglage est activé\u202f: LinkedIn peut désormais utiliser "
        "3 des 6 types de données de ce membre pour entraîner son IA de création de contenu."
    )
    assert "Données de profil" in french
    assert statuses(english) == statuses(french)
    assert ("in-scope", "profile") in statuses(english)
    assert ("not-applicable", "verification") in statuses(english)


def test_the_short_link_shows_what_the_result_page_shows_for_the_same_answers(client):
    short = page(client, f"/en/r/{CODE}/")
    full = page(client, f"/en/result/?{FR_ON_QUERY}")
    assert statuses(short) == statuses(full)
    assert len(statuses(short)) == 8
    # The same numbers; the visitor's own page talks to them, the short link about them.
    assert h1(full) == (
        "From now on, LinkedIn may use 3 of your 6 kinds of data to train its "
        "content-generating AI."
    )
    assert h1(short) == (
        "A member in France whose setting is on: from now on, LinkedIn may use 3 of their 6 "
        "kinds of data to train its content-generating AI."
    )


def test_the_language_switch_keeps_the_code(client):
    html = page(client, f"/fr/r/{CODE}/")
    assert f'href="/en/r/{CODE}/" hreflang="en"' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en/r/{CODE}/">' in html


def test_the_short_link_shows_its_link_qr_code_and_letter_link(client):
    html = page(client, f"/en/r/{CODE}/")
    assert f'value="http://testserver/en/r/{CODE}/"' in html
    assert re.search(
        rf'<img class="qr" src="/en/r/{CODE}/qr.svg" width="148" height="148" '
        r'alt="QR code of the link to this result" loading="lazy">',
        html,
    )
    assert f'href="/en/r/{CODE}/letter/"' in html
    assert 'src="/static/js/share.js"' in html and 'nonce="' in html


def test_change_my_answers_goes_to_check_your_answers_with_every_answer_prefilled(client):
    html = page(client, f"/en/r/{CODE}/")
    change = f"/en/check/answers/?{FR_ON_QUERY}"
    assert f'href="{change.replace("&", "&amp;")}"' in html
    answers_page = page(client, change)
    assert "France" in answers_page and "Yes, it is on" in answers_page


def test_a_uk_code_keeps_member_earlier_through_change_my_answers(client):
    code = codes.encode(GB_BEFORE, N26)
    html = page(client, f"/en/r/{code}/")
    assert "member_earlier=yes" in html
    assert "to 20 September 2024" in html  # the end of the UK's 2024 period


def test_the_result_page_shows_the_short_link_and_names_it_canonical(client):
    html = page(client, f"/en/result/?{FR_ON_QUERY}")
    assert f'<link rel="canonical" href="http://testserver/en/r/{CODE}/">' in html
    assert f'value="http://testserver/en/r/{CODE}/"' in html
    assert f'<img class="qr" src="/en/r/{CODE}/qr.svg"' in html
    assert 'alt="QR code of the link to this result"' in html
    french = page(client, f"/fr/result/?{FR_ON_QUERY}")
    assert f'<link rel="canonical" href="http://testserver/fr/r/{CODE}/">' in french


@pytest.mark.parametrize(
    "answers",
    [
        Answers("FR", "minor"),
        Answers("GB", "minor", member_earlier="yes"),
        Answers("US", "minor", member_earlier="unknown"),
        Answers("DE", "adult", "off", "before"),
        Answers("GB", "adult", "off", "unknown", frozenset({"posts", "salary"})),
        GB_BEFORE,
        Answers("HK", "adult", "off", "before", frozenset(), "no"),
        Answers("US", "adult", "off", None, frozenset({"groups"})),
        Answers("CA", "adult", "unknown", None, frozenset(codes.USES)),
        Answers("CH", "adult", "on", None, frozenset({"verification", "feedback"})),
    ],
)
def test_every_kind_of_normalised_answers_has_a_working_short_link(client, answers):
    for notice in (N25, N26):
        code = codes.encode(answers, notice)
        assert len(code) <= 12 and re.fullmatch(r"[0-9a-z]+", code)
        html = page(client, f"/en/r/{code}/")
        assert len(statuses(html)) == 8


def test_the_api_result_url_opens_the_same_result(client):
    body = client.get(f"/api/v1/assessment?{FR_ON_QUERY}&lang=fr").json()
    assert body["result_url"] == f"http://testserver/fr/r/{CODE}/"
    html = page(client, body["result_url"])
    by_slug = {category: status for status, category in statuses(html)}
    assert by_slug == {category["slug"]: category["status"] for category in body["categories"]}


# ---------------------------------------------------------------- the result a link shows


def test_the_headline_parts_of_a_shared_result(client):
    now = page(client, f"/en/r/{CODE}/")
    assert 'class="part-before"' not in now and 'class="part-never"' not in now
    before = page(client, f"/en/r/{codes.encode(GB_BEFORE, N26)}/")
    assert h1(before) == (
        "A member in the United Kingdom who switched the setting off before 3 November 2025 and "
        "had an account before 20 September 2024: some of their data may have been used before, "
        "but not from now on"
    )
    assert 'class="part-before"' in before and 'class="part-never"' not in before
    never = page(client, f"/en/r/{codes.encode(Answers('DE', 'adult', 'off', 'before'), N26)}/")
    assert h1(never) == (
        "A member in Germany who switched the setting off before 3 November 2025: their data is "
        "not used to train LinkedIn's content-generating AI"
    )
    assert 'class="part-never"' in never and 'class="part-before"' not in never


def test_a_us_result_rests_on_the_global_policy_and_its_letter_never_cites_the_gdpr(client):
    code = codes.encode(US_ON, N26)
    html = unescape(page(client, f"/en/r/{code}/"))
    lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert "LinkedIn's global Privacy Policy applies" in lead
    assert "LinkedIn Corporation" in lead
    assert "European Regional Privacy Notice applies" not in html
    assert "Worked out against LinkedIn's global Privacy Policy" in html
    description = meta(html, "og:description")
    assert "Privacy Policy" in description and "European" not in description
    for lang in ("en", "fr"):
        text = page(client, f"/{lang}/r/{code}/letter.txt")
        assert "GDPR" not in text and "RGPD" not in text
        assert "LinkedIn Corporation" in text
        assert POLICY_HELP_URL in text and OBJECTION_FORM_URL not in text
        letter = unescape(page(client, f"/{lang}/r/{code}/letter/"))
        assert "GDPR" not in letter and "RGPD" not in letter


def test_a_minors_shared_result_starts_with_what_linkedin_says_and_links_the_setting(client):
    code = codes.encode(Answers("FR", "minor"), N26)
    html = page(client, f"/en/r/{code}/")
    assert h1(html).startswith("A member under 18 in France: LinkedIn says")
    assert "data-for-ai-improvement" in html.split('<p class="action">', 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_shared_result_says_protected(client, lang):
    forbidden = {
        "en": re.compile(r"\bprotected\b|\bprotects? you\b", re.I),
        "fr": re.compile(r"\bprot[éè]g(?:é|ée|és|ées|e|ent)\b", re.I),
    }[lang]
    for answers in (
        FR_ON,
        US_ON,
        GB_BEFORE,
        Answers("FR", "minor"),
        Answers("DE", "adult", "off", "before"),
    ):
        for notice in (N25, N26):
            text = unescape(page(client, f"/{lang}/r/{codes.encode(answers, notice)}/"))
            assert not forbidden.search(text), (answers, notice)


# ---------------------------------------------------------------- a shared result's voice

CHECK_YOUR_OWN = {"en": "Check your own situation", "fr": "Vérifier votre propre situation"}


def main_of(html: str) -> str:
    return html.split('<main id="main" class="wrap">', 1)[1].split("</main>", 1)[0]


def paragraph(html: str, css_class: str) -> str:
    found = re.search(rf'<p class="{css_class}">(.*?)</p>', html, re.S)
    assert found, css_class
    return unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def headings(html: str) -> list[str]:
    return [unescape(text) for text in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("code", [CODE, OLD_CODE])
def test_check_your_own_comes_first_in_main_and_starts_the_questionnaire(client, lang, code):
    main = main_of(page(client, f"/{lang}/r/{code}/"))
    first = re.match(
        r'\s*<p class="action check-own"><a class="button" href="([^"]+)">([^<]+)</a>', main
    )
    assert first, main[:300]
    assert first.group(1) == f"/{lang}/check/"
    assert unescape(first.group(2)) == CHECK_YOUR_OWN[lang]
    assert main.index("check-own") < main.index("<h1")
    question = client.get(first.group(1), follow=True)
    assert question.redirect_chain[-1][0] == f"/{lang}/check/country/"  # the first question
    assert question.content.decode().count("<form") == 1


# The site's catalogue (item names, the notice's rows) speaks to members as "you": on someone
# else's result, its reader is told who that is, since the hint above says "yours" to them.
YOU_IS_THE_MEMBER = {
    "en": "Further down, where the site's descriptions say “you”, they mean the member.",
    "fr": "Plus bas, quand les descriptions du site disent «\u202fvous\u202f», "
    "il s’agit du membre.",
}
SECOND_PERSON_IN_CATALOGUE = {"en": "With your consent", "fr": "Avec votre consentement"}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("code", [CODE, OLD_CODE])
def test_a_shared_result_says_that_the_descriptions_you_is_the_member(client, lang, code):
    html = page(client, f"/{lang}/r/{code}/")
    hint = paragraph(main_of(html), "action check-own")
    assert hint.endswith(YOU_IS_THE_MEMBER[lang]), hint
    assert SECOND_PERSON_IN_CATALOGUE[lang] in main_of(html)  # what the sentence is about


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_visitors_own_result_does_not_explain_its_you(client, lang):
    assert YOU_IS_THE_MEMBER[lang] not in page(client, f"/{lang}/result/?{FR_ON_QUERY}")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_visitors_own_result_has_no_check_your_own_and_still_talks_to_them(client, lang):
    html = page(client, f"/{lang}/result/?{FR_ON_QUERY}")
    assert CHECK_YOUR_OWN[lang] not in html and "check-own" not in html
    you = {"en": "You live in France. ", "fr": "Votre pays\u202f: France. "}[lang]
    assert paragraph(html, "lead").startswith(you)
    assert {"en": "What you can do", "fr": "Ce que vous pouvez faire"}[lang] in headings(html)
    # Its preview is the short link's: in the third person too.
    assert meta(html, "og:title") == h1(page(client, f"/{lang}/r/{CODE}/"))


def test_a_shared_result_describes_a_member_in_the_third_person(client):
    html = page(client, f"/en/r/{CODE}/")
    assert paragraph(html, "lead").startswith(
        "This member lives in France. LinkedIn's European Regional Privacy Notice applies, and "
        "the controller of their data is LinkedIn Ireland Unlimited Company."
    )
    assert "<p>This member's setting is on: LinkedIn may use this data" in unescape(html)
    assert "<p>From the answers given, this member has no data of this kind.</p>" in html
    assert "This member has none" in html and "You have none" not in html
    for heading in (
        "This member's data, kind by kind",
        "What else LinkedIn does with this member's data",
        "What this member can do",
        "A letter to LinkedIn",
    ):
        assert heading in headings(html)
    assert (
        "stops the training of content-generating AI on the data and content this member provides"
        in html
    )
    assert (
        "they can raise it with the supervisory authority where they live: the national data "
        "protection authority"
    ) in unescape(html)
    assert ">Change these answers</a>" in html
    assert "It holds the answers in a short code, nothing that identifies anyone" in html
    assert f'href="/en/r/{CODE}/letter/">Write the letter</a>' in html  # the letter link stays


def test_a_shared_result_describes_a_member_in_the_third_person_in_french(client):
    html = unescape(page(client, f"/fr/r/{CODE}/"))
    assert paragraph(html, "lead").startswith(
        "Ce membre vit en France. L’avis de confidentialité régional européen de LinkedIn "
        "s’applique, et le responsable du traitement de ses données est LinkedIn Ireland "
        "Unlimited Company."
    )
    assert "<p>Le réglage de ce membre est activé\u202f: LinkedIn peut désormais utiliser" in html
    assert "D’après les réponses données, ce membre n’a pas de données de ce type." in html
    assert "Ce membre n’en a pas" in html and "Vous n’en avez pas" not in html
    for heading in ("Les données de ce membre, type par type", "Ce que ce membre peut faire"):
        assert heading in headings(html)
    assert (
        "il peut la soumettre à l’autorité de contrôle là où il vit\u202f: l’autorité nationale "
        "de protection des données"
    ) in html
    assert not re.search(r"\b(vous|votre|vos)\b", paragraph(html, "lead") + h1(html), re.I)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_part_of_a_shared_headline_is_in_the_third_person(client, lang):
    you = {"en": r"\b(you|your)\b", "fr": r"\b(vous|votre|vos)\b"}[lang]
    for answers in (
        GB_BEFORE,
        US_ON,
        Answers("DE", "adult", "off", "before"),
        Answers("FR", "minor"),
        Answers("GB", "minor", member_earlier="yes"),
    ):
        html = page(client, f"/{lang}/r/{codes.encode(answers, N26)}/")
        parts = [h1(html), paragraph(html, "lead")]
        parts += [
            paragraph(html, f"part-{part}")
            for part in ("before", "never")
            if f'class="part-{part}"' in html
        ]
        parts += [
            unescape(reason)
            for reason in re.findall(r'<span class="marker"[^>]*>.*?</h3>\n<p>(.*?)</p>', html)
        ]
        steps = html.split('id="next-steps"', 1)[1].split("</section>", 1)[0]
        parts += [
            unescape(re.sub(r"<[^>]+>", "", step)) for step in re.findall(r"<p>(.*?)</p>", steps)
        ]
        assert len(parts) >= 7
        for part in parts:
            # Only a quotation as published may say "your" ("…to process your data").
            assert not re.search(you, re.sub(r"“[^”]*”", "", part), re.I), (answers, part)
        assert h1(html).startswith({"en": "A member ", "fr": "Un membre "}[lang])


# ---------------------------------------------------------------- old and lenient spellings


def code_with_zero_and_one() -> tuple[Answers, str]:
    """A current code holding both a 0 and a 1, to type them as o, i and l."""
    for country in ("FR", "DE", "IT", "ES", "NL", "BE", "AT", "PL", "SE", "PT"):
        for uses in ((), ("posts",), ("groups",), ("salary",), ("posts", "groups")):
            answers = Answers(country, "adult", "on", None, frozenset(uses))
            code = codes.encode(answers, N26)
            if "0" in code[1:] and "1" in code[1:]:
                return answers, code
    raise AssertionError("no code with both a 0 and a 1 among the candidates")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_lenient_spellings_redirect_permanently_to_the_canonical_code(client, lang, suffix):
    suffix = at_revision(suffix)
    _answers, code = code_with_zero_and_one()
    spellings = [
        code.upper(),
        f"{code[:3]}-{code[3:6]}-{code[6:]}",
        code[0] + code[1:].replace("0", "o"),
        code[0] + code[1:].replace("0", "O").replace("1", "I"),
        code[0] + code[1:].replace("1", "l"),
        code[0] + code[1:].replace("1", "L").upper(),
    ]
    for spelling in spellings:
        assert spelling != code
        moved(client.get(f"/{lang}/r/{spelling}/{suffix}"), f"/{lang}/r/{code}/{suffix}")
    if suffix == "card.png":  # the card's old URL: moved on to the current one
        moved(client.get(f"/{lang}/r/{code}/card.png"), card_url(code, lang))
    else:
        assert client.get(f"/{lang}/r/{code}/{suffix}").status_code == 200


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_format_1_code_redirects_permanently_to_its_current_code(client, lang, suffix):
    suffix = at_revision(suffix)
    old = encode_v1(FR_ON, N26)
    moved(client.get(f"/{lang}/r/{old}/{suffix}"), f"/{lang}/r/{CODE}/{suffix}")
    moved(client.get(f"/{lang}/r/{old.upper()}/{suffix}"), f"/{lang}/r/{CODE}/{suffix}")
    moved(
        client.get(f"/{lang}/r/{encode_v1(FR_ON, N25)}/{suffix}"), f"/{lang}/r/{OLD_CODE}/{suffix}"
    )


@pytest.mark.parametrize(
    ("issued", "now"),
    [
        # The UK's earlier period added a question: an old "off before" code asks it as unknown.
        (
            Answers("GB", "adult", "off", "before", frozenset({"posts"})),
            Answers("GB", "adult", "off", "before", frozenset({"posts"}), "unknown"),
        ),
        # Training never paused outside Europe: "when" is no longer asked there.
        (
            Answers("US", "adult", "off", "before", frozenset({"groups"})),
            Answers("US", "adult", "off", None, frozenset({"groups"})),
        ),
        # A minor's result no longer depends on what they do.
        (Answers("FR", "minor", uses=frozenset({"messages"})), Answers("FR", "minor")),
        (
            Answers("GB", "minor", uses=frozenset({"posts"})),
            Answers("GB", "minor", member_earlier="unknown"),
        ),
    ],
)
def test_a_format_1_code_whose_answers_changed_meaning_still_resolves(client, issued, now):
    old = encode_v1(issued, N26)
    target = f"/en/r/{codes.encode(now, N26)}/"
    moved(client.get(f"/en/r/{old}/"), target)
    assert len(statuses(page(client, target))) == 8


# ---------------------------------------------------------------- bad codes


def bad_codes() -> dict[str, str]:
    def forged(body: str) -> str:
        return body + luhn32(body)

    return {
        "too short": CODE[:-1],
        "too long": CODE + "0",
        "far too long": "1" * 900,
        "outside the alphabet": CODE[:3] + "u" + CODE[4:],
        "a hyphen too many, then too short": CODE[:4] + "-" + CODE[5:],
        "non-ascii": CODE[:4] + "é" + CODE[5:],
        "bad check": with_character_changed(CODE, len(CODE) - 1),
        "one payload character changed": with_character_changed(CODE, 3),
        "two neighbours swapped": CODE[:3] + CODE[4] + CODE[3] + CODE[5:],
        "unknown notice version": codes.encode(FR_ON, 99),
        "notice code 0": codes.encode(FR_ON, 0),
        "unknown format version": forged("3" + CODE[1:-1]),
        "format 0": forged("0" + CODE[1:-1]),
        "not a country": codes.encode(Answers("XX", "adult", "on"), N26),
        "format 1, not a country": encode_v1(Answers("XX", "adult", "on"), N26),
        "format 1, unknown notice version": encode_v1(FR_ON, 99),
        "format 1, bad check": with_character_changed(encode_v1(FR_ON, N26), 7),
        # Current-format codes that encode would never make from normalised answers:
        "switch-off date where it is not asked": codes.encode(
            Answers("US", "adult", "off", "before"), N26
        ),
        "adult without a setting": codes.encode(Answers("FR", "adult"), N26),
        "a minor with uses": codes.encode(Answers("FR", "minor", uses=frozenset({"posts"})), N26),
        "member_earlier where it is not asked": codes.encode(
            Answers("FR", "adult", "on", member_earlier="yes"), N26
        ),
        "member_earlier missing where it is asked": codes.encode(
            Answers("GB", "adult", "off", "before"), N26
        ),
    }


def test_the_bad_code_fixtures_are_what_they_claim():
    # Guards the 404 tests: each forged code must fail for its own reason, not by accident.
    bad = bad_codes()
    assert CODE[3] != CODE[4]  # so swapping them changes the code
    for name in (
        "unknown notice version",
        "notice code 0",
        "not a country",
        "format 1, not a country",
        "format 1, unknown notice version",
        "switch-off date where it is not asked",
        "adult without a setting",
        "a minor with uses",
        "member_earlier where it is not asked",
        "member_earlier missing where it is asked",
    ):
        codes.decode(bad[name])  # well formed: rejected by the view, not by decode
    for name in ("unknown format version", "format 0"):
        with pytest.raises(codes.InvalidCode, match="version"):
            codes.decode(bad[name])
    for name in ("bad check", "format 1, bad check", "one payload character changed"):
        with pytest.raises(codes.InvalidCode, match="check"):
            codes.decode(bad[name])


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_any_bad_code_is_the_friendly_404_in_the_urls_language(client, lang, suffix):
    suffix = at_revision(suffix)
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
    assert '<meta name="robots" content="noindex">' in response.content.decode()


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


def third_notice_content(tmp_path: Path) -> Path:
    """A copy of the content plus a notice version of 1 May 2027 (code_id 3), a copy of the
    current one; the folder, ready for load_content."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    text = (content / "notices" / "2026-08-21.toml").read_text(encoding="utf-8")
    for old, new in (
        ('slug = "2026-08-21"', 'slug = "2027-05-01"'),
        ("code_id = 2", "code_id = 3"),
        ("effective = 2026-08-21", "effective = 2027-05-01"),
        ("effective 21 August 2026", "effective 1 May 2027"),
        ("en vigueur le 21 août 2026", "en vigueur le 1er mai 2027"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    (content / "notices" / "2027-05-01.toml").write_text(text, encoding="utf-8")
    return content


def load_a_third_notice(tmp_path: Path) -> None:
    call_command("load_content", content_dir=third_notice_content(tmp_path), verbosity=0)


def test_old_codes_still_resolve_after_a_new_notice_version_is_loaded(client, tmp_path):
    before = {code: statuses(page(client, f"/en/r/{code}/")) for code in (OLD_CODE, CODE)}
    load_a_third_notice(tmp_path)
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
    moved(client.get(f"/en/r/{encode_v1(FR_ON, N26)}/"), f"/en/r/{CODE}/")


def test_the_letter_of_an_older_notice_says_a_newer_version_exists(client):
    html = page(client, f"/en/r/{OLD_CODE}/letter/")
    assert "A newer version is now in force" in html


# ---------------------------------------------------------------- link previews


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_open_graph_and_twitter_tags_summarise_the_result(client, notice, lang):
    html = page(client, f"/{lang}/r/{CODE}/")
    link = f"http://testserver/{lang}/r/{CODE}/"
    assert meta(html, "og:url") == link
    assert meta(html, "og:image") == f"http://testserver{card_url(CODE, lang)}"
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")
    title, description = meta(html, "og:title"), meta(html, "og:description")
    assert title == h1(html)  # the preview says what the page says
    assert meta(html, "twitter:title") == title
    assert meta(html, "twitter:description") == description
    names = ", ".join(
        getattr(notice.category(slug).name, lang) for slug in ("profile", "content", "ai-inputs")
    )
    assert names in description
    if lang == "en":
        assert description.startswith(f"This member's data LinkedIn may use from now on: {names}.")
        assert description.endswith("European Regional Privacy Notice, effective 21 August 2026.")
        assert meta(html, "og:locale") == "en_GB"
    else:
        assert "21 août 2026" in description
        assert meta(html, "og:locale") == "fr_FR"
    assert f"<title>{title.replace(chr(39), '&#x27;')} ·" in html


def test_a_minors_preview_says_what_linkedin_says(client):
    minor = codes.encode(Answers("FR", "minor"), N26)
    html = page(client, f"/en/r/{minor}/")
    assert meta(html, "og:title").startswith(
        "A member under 18 in France: LinkedIn says it does not use data of members"
    )
    assert meta(html, "og:description").startswith(
        "LinkedIn says it does not use this member's data (8 kinds of data)."
    )


def test_a_result_with_nothing_used_says_so_in_its_preview(client):
    never = codes.encode(Answers("DE", "adult", "off", "before"), N26)
    html = page(client, f"/en/r/{never}/")
    assert meta(html, "og:title") == (
        "A member in Germany who switched the setting off before 3 November 2025: their data is "
        "not used to train LinkedIn's content-generating AI"
    )
    assert meta(html, "og:description").startswith(
        "This member's data is not used to train LinkedIn's content-generating AI."
    )


# ---------------------------------------------------------------- the card


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_card_is_a_1200_by_630_png_cached_for_a_year_with_an_etag(client, lang):
    response = client.get(card_url(CODE, lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=31536000", "immutable"}
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert not response.cookies


def test_the_card_answers_a_matching_if_none_match_with_304(client):
    first = client.get(card_url(CODE))
    again = client.get(card_url(CODE), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "immutable" in again["Cache-Control"]
    stale = client.get(card_url(CODE), headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_each_language_and_code_has_its_own_card_and_etag(client):
    english = client.get(card_url(CODE, "en"))
    french = client.get(card_url(CODE, "fr"))
    old = client.get(card_url(OLD_CODE, "en"))
    assert len({english["ETag"], french["ETag"], old["ETag"]}) == 3
    assert english.content != french.content


def test_the_card_answers_head_but_not_post(client):
    assert client.head(card_url(CODE)).status_code == 200
    assert client.post(card_url(CODE)).status_code == 405


def test_the_cards_old_url_moves_for_good_to_the_current_card(client):
    for lang in ("en", "fr"):
        for code in (CODE, OLD_CODE):
            moved(client.get(f"/{lang}/r/{code}/card.png"), card_url(code, lang))
    assert client.post(f"/en/r/{CODE}/card.png").status_code == 405


def test_the_card_of_another_revision_redirects_for_now_to_the_current_card(client):
    revision = current_content().revision
    for other in (revision - 1, revision + 1, 10**30):
        response = client.get(f"/en/r/{CODE}/card-{other}.png")
        assert response.status_code == 302, other  # not 301: its target moves with the content
        assert response["Location"] == card_url(CODE)
        assert "immutable" not in response.get("Cache-Control", "")
    # The current revision spelled otherwise is the same card, moved for good.
    moved(client.get(f"/en/r/{CODE}/card-0{revision}.png"), card_url(CODE))
    assert client.get(f"/en/r/{CODE}/card-{revision}.png").status_code == 200


def test_a_content_correction_gives_the_card_a_new_url(client):
    from django.db.models import F

    from catalog.models import ContentRevision

    before = page(client, f"/en/r/{CODE}/")
    ContentRevision.objects.update(number=F("number") + 1)  # what load_content does on a change
    after = page(client, f"/en/r/{CODE}/")
    new_card = f"http://testserver{card_url(CODE)}"
    assert meta(after, "og:image") == meta(after, "twitter:image") == new_card
    assert meta(before, "og:image") != new_card
    old_card = meta(before, "og:image").removeprefix("http://testserver")
    assert client.get(old_card)["Location"] == card_url(CODE)
    assert client.get(card_url(CODE)).status_code == 200


# ---------------------------------------------------------------- the letter


def letter_of(html: str) -> str:
    textarea = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", html, re.S)
    assert textarea
    return unescape(textarea.group(1))


def test_the_letter_page_holds_the_letter_naming_the_visitors_categories(client):
    letter = letter_of(page(client, f"/en/r/{CODE}/letter/"))
    named = re.findall(r"Data of mine that your notice lists for this purpose: (.+)\.", letter)
    assert named, letter
    # Every member's data plus posts and AI tools; not verification or feedback (not answered).
    assert named[0].split(", ") == [
        "Profile data",
        "Published content",
        "Activity history",
        "Technical data",
        "Inferred data",
        "Inputs to AI tools",
    ]
    assert "Verification data" not in letter and "Feedback" not in letter
    assert "[TO COMPLETE:" in letter and OBJECTION_FORM_URL in letter
    assert "GDPR" in letter and "LinkedIn Ireland Unlimited Company" in letter
    assert "effective 21 August 2026" in letter


def test_the_letters_one_form_posts_it_to_letter_txt_only_and_has_no_csrf_token(client):
    """Without JavaScript the letter goes to letter.txt and straight back as a download
    (test_letter_download.py); the form sends nothing else and carries no CSRF token."""
    html = page(client, f"/fr/r/{CODE}/letter/")
    forms = re.findall(r"<form\b[^>]*>.*?</form>", html, re.S)
    assert len(forms) == 1
    start_tag = re.match(r"<form\b[^>]*>", forms[0])[0]
    assert 'method="post"' in start_tag and f'action="/fr/r/{CODE}/letter.txt"' in start_tag
    assert re.findall(r"\bname=\"([^\"]+)\"", forms[0]) == ["letter"]  # the textarea, nothing else
    assert re.search(r'<textarea id="letter" name="letter"', forms[0])
    assert re.search(r'<button type="submit">Télécharger la lettre \(\.txt\)</button>', forms[0])
    assert "csrfmiddlewaretoken" not in html
    assert "À COMPLÉTER" in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_letter_txt_is_the_unedited_letter_as_a_utf8_download(client, lang):
    response = client.get(f"/{lang}/r/{CODE}/letter.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    filename = {"fr": "lettre-opposition-linkedin.txt", "en": "linkedin-objection-letter.txt"}
    assert response["Content-Disposition"] == f'attachment; filename="{filename[lang]}"'
    text = response.content.decode("utf-8")
    assert OBJECTION_FORM_URL in text
    assert letter_of(page(client, f"/{lang}/r/{CODE}/letter/")) == text
    assert ("Données de profil" if lang == "fr" else "Profile data") in text


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "answers",
    [FR_ON, US_ON, GB_BEFORE, Answers("GB", "adult", "on", None, frozenset({"posts"}))],
    ids=["eea", "policy", "gb-off", "gb-on"],
)
def test_the_letter_page_holds_the_very_letter_letter_txt_serves(client, answers, lang):
    """The page's letter is what JavaScript saves: the same text as the GET download. French
    typography is the letter's own, never the page's (a quoted English row keeps "UK:")."""
    code = codes.encode(answers, N26)
    text = page(client, f"/{lang}/r/{code}/letter.txt")
    assert letter_of(page(client, f"/{lang}/r/{code}/letter/")) == text


def test_a_minors_letter_names_their_categories_too(client):
    minor = codes.encode(Answers("FR", "minor"), N26)
    text = page(client, f"/en/r/{minor}/letter.txt")
    assert "Verification data" in text  # a minor counts as having every kind of data


# ---------------------------------------------------------------- privacy and quality bars

NEW_PAGES = [
    f"/{{lang}}/r/{CODE}/",
    f"/{{lang}}/r/{OLD_CODE}/",
    f"/{{lang}}/r/{CODE}/letter/",
    f"/{{lang}}/r/{CODE}/letter.txt",
    f"/{{lang}}/r/{CODE}/card-{{revision}}.png",
    f"/{{lang}}/result/?{FR_ON_QUERY}",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("url", NEW_PAGES)
def test_no_new_page_sets_a_cookie_or_loads_anything_from_another_host(client, url, lang):
    response = client.get(url.format(lang=lang, revision=current_content().revision))
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert " style=" not in html
        assert not re.search(r'<script(?![^>]*\bsrc="/static/)', html)
        assert not re.search(r'(?:src|href)="(?:https?:)?//(?!testserver)[^"]*\.(?:js|css)', html)


@pytest.mark.parametrize("url", NEW_PAGES[:4])
def test_new_pages_are_small_and_need_one_query(client, url):
    client.get(url.format(lang="fr"))  # the snapshot is built once per content revision
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url.format(lang="fr"))
    assert len(gzip.compress(response.content)) < 14 * 1024
    assert len(queries) <= 1, [query["sql"] for query in queries]


def test_short_link_pages_refuse_writes(client):
    for suffix in ("", "letter/"):
        assert client.post(f"/en/r/{CODE}/{suffix}").status_code == 405
    # letter.txt takes a POST (the letter to hand back as a file) and nothing else that writes.
    for method in (client.put, client.patch, client.delete):
        assert method(f"/en/r/{CODE}/letter.txt").status_code == 405
    assert client.post(f"/en/r/{CODE}/letter.txt").status_code == 400  # no letter: nothing to do


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_qr_code_is_an_image_of_its_own_that_caches_keep_for_a_year(client, lang):
    from tests.test_qr import rasterise

    response = client.get(f"/{lang}/r/{CODE}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert (
        "immutable" in response["Cache-Control"] and "max-age=31536000" in response["Cache-Control"]
    )
    assert "Set-Cookie" not in response
    found = zxingcpp.read_barcodes(rasterise(response.content))
    assert [result.text for result in found] == [f"http://testserver/{lang}/r/{CODE}/"]


def test_a_bad_code_has_no_qr_code(client):
    assert client.get(f"/en/r/{CODE[:-1]}/qr.svg").status_code == 404


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_letter_pages_lead_cites_the_setting_and_the_objection_route(client, lang):
    html = page(client, f"/{lang}/r/{CODE}/letter/")
    lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert f'href="/{lang}/sources/#source-SET"' in lead
    assert f'href="/{lang}/sources/#source-N26"' in lead
