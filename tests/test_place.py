"""Where the visitor lives, in running text: "in the United Kingdom", "in France"; in French, no
article or preposition to get wrong on their own result (« Votre pays : Royaume-Uni »), and the
right one, from a table, on a shared result (« Un membre au Royaume-Uni qui… »)."""

import re

import pytest
from django.utils import translation

from catalog.present.french_places import FRENCH_IN
from catalog.present.summary import ENGLISH_NAMES_WITH_THE, country_in_text, in_country, place
from catalog.rules.answers import COUNTRY_CODES, Answers
from catalog.rules.assessment import assess
from catalog.rules.countries import country_name

pytestmark = pytest.mark.django_db

# English names that read with "the" by their form, and the ones that do by usage.
THE_BY_FORM = ("United ", "Islands", "Republic", "Territories", "Territory", "Emirates")
THE_BY_USAGE = {
    "Netherlands",
    "Caribbean Netherlands",
    "Bahamas",
    "Gambia",
    "Philippines",
    "Maldives",
    "Comoros",
    "Seychelles",
    "Isle of Man",
}


def takes_the(name: str) -> bool:
    return name.startswith(THE_BY_FORM[0]) or name.endswith(THE_BY_FORM[1:]) or name in THE_BY_USAGE


def test_the_table_of_english_names_with_the_matches_cldrs_names():
    with translation.override("en"):
        expected = {code for code in COUNTRY_CODES if takes_the(country_name(code))}
    assert expected == ENGLISH_NAMES_WITH_THE


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("GB", "the United Kingdom"),
        ("US", "the United States"),
        ("NL", "the Netherlands"),
        ("PH", "the Philippines"),
        ("FO", "the Faroe Islands"),
        ("IM", "the Isle of Man"),
        ("FR", "France"),
        ("CZ", "Czechia"),
        ("VA", "Vatican City"),
        ("CX", "Christmas Island"),
        ("HK", "Hong Kong SAR China"),
    ],
)
def test_an_english_country_name_takes_the_where_english_does(code, text):
    with translation.override("en"):
        assert country_in_text(code) == text
        assert country_in_text(code.lower()) == text


def test_a_french_country_name_is_left_bare():
    with translation.override("fr"):
        assert country_in_text("GB") == "Royaume-Uni"
        assert country_in_text("US") == "États-Unis"
        assert country_in_text("FR") == "France"


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("GB", "You live in the United Kingdom. "),
        ("US", "You live in the United States. "),
        ("FR", "You live in France. "),
    ],
)
def test_the_result_says_where_you_live_in_a_sentence(notice, code, sentence):
    with translation.override("en"):
        text = place(assess(Answers(code, "adult", "on"), notice))
    assert text.startswith(sentence)
    assert "Where you live:" not in text


def test_the_result_page_says_you_live_in_the_united_states(client):
    html = client.get("/en/result/?country=US&age=adult&setting=on&uses=").content.decode()
    assert "You live in the United States. " in html


# French: « en », « au », « aux » or « à » (and a few « dans », « sur l’île »), by the name.
FRENCH_PREPOSITIONS = re.compile(r"(en |au |aux |à |à la |sur l’île |dans le |dans les |dans l’)")
# Phrases that do not end with CLDR's own name, and why.
FRENCH_NOT_CLDRS_NAME = {
    "HK": "à Hong Kong",  # not « dans la R.A.S. chinoise de Hong Kong »
    "MO": "à Macao",
    "SJ": "au Svalbard et à Jan Mayen",  # each name takes its own preposition
}


def test_every_country_has_its_french_phrase_built_on_cldrs_name():
    assert set(FRENCH_IN) == set(COUNTRY_CODES)
    with translation.override("fr"):
        for code, phrase in FRENCH_IN.items():
            assert FRENCH_PREPOSITIONS.match(phrase), phrase
            if code in FRENCH_NOT_CLDRS_NAME:
                assert phrase == FRENCH_NOT_CLDRS_NAME[code]
                continue
            name = country_name(code)
            # "Îles Féroé" reads « aux îles Féroé » in running text.
            name = re.sub(r"^Île", "île", name)
            assert phrase.endswith((" " + name, "’" + name)), (code, phrase, name)


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        ("FR", "in France", "en France"),
        ("GB", "in the United Kingdom", "au Royaume-Uni"),
        ("US", "in the United States", "aux États-Unis"),
        ("CA", "in Canada", "au Canada"),
        ("HK", "in Hong Kong SAR China", "à Hong Kong"),
        ("CH", "in Switzerland", "en Suisse"),
        ("IR", "in Iran", "en Iran"),
        ("MX", "in Mexico", "au Mexique"),
        ("FO", "in the Faroe Islands", "aux îles Féroé"),
        ("MT", "in Malta", "à Malte"),
        ("RE", "in Réunion", "à La Réunion"),
    ],
)
def test_a_shared_result_says_where_the_member_lives_with_the_right_preposition(
    code, english, french
):
    with translation.override("en"):
        assert in_country(code) == english
    with translation.override("fr"):
        assert in_country(code) == french
        assert in_country(code.lower()) == french
