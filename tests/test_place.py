"""Where the visitor lives, in running text: "in the United Kingdom", "in France"; in French, no
article or preposition to get wrong (« Votre pays : Royaume-Uni »)."""

import pytest
from django.utils import translation

from catalog.present.summary import ENGLISH_NAMES_WITH_THE, country_in_text, place
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
