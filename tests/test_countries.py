"""Country names (catalog/rules/countries.py): CLDR's names for every code the form accepts.

Plain Python, no database: the names come from babel's CLDR data in the active language.
"""

import unicodedata

import pytest
from django.utils import translation

from catalog.rules.answers import COUNTRY_CODES
from catalog.rules.countries import country_name, country_names


def names_in(language: str) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        return country_names()


def name_in(language: str, code: str) -> str:
    with translation.override(language):
        return country_name(code)


def position(names: tuple[tuple[str, str], ...], name: str) -> int:
    return [shown for _code, shown in names].index(name)


def base_letter(name: str) -> str:
    """The first letter without its accent, lower case ("Île" -> "i", "Åland" -> "a")."""
    return unicodedata.normalize("NFD", name)[0].lower()


# ---------------------------------------------------------------- one name per accepted code


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_accepted_country_code_has_exactly_one_name(language):
    names = names_in(language)
    codes = [code for code, _name in names]
    assert len(codes) == len(set(codes))
    assert set(codes) == COUNTRY_CODES
    assert len(codes) > 240


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_country_has_a_real_name_not_its_code_and_no_two_share_one(language):
    names = names_in(language)
    assert all(name and name != code for code, name in names)
    assert len({name for _code, name in names}) == len(names)


# ---------------------------------------------------------------- CLDR's names


@pytest.mark.parametrize(
    ("code", "french"),
    [
        ("GY", "Guyana"),  # django-countries says "Guyane", which French readers take for GF
        ("GF", "Guyane française"),
        ("SJ", "Svalbard et Jan Mayen"),
        ("DE", "Allemagne"),
        ("US", "États-Unis"),
        ("GB", "Royaume-Uni"),
        ("CI", "Côte d’Ivoire"),
        ("AX", "Îles Åland"),
    ],
)
def test_french_names_are_cldr_s(code, french):
    assert name_in("fr", code) == french


@pytest.mark.parametrize(
    ("code", "english"),
    [
        ("NR", "Nauru"),  # django-countries says "Naoero"
        ("BS", "Bahamas"),  # django-countries says "Bahamas (The)"
        ("GY", "Guyana"),
        ("GF", "French Guiana"),
        ("DE", "Germany"),
        ("US", "United States"),
        ("GB", "United Kingdom"),
        ("AX", "Åland Islands"),
    ],
)
def test_english_names_are_cldr_s(code, english):
    assert name_in("en", code) == english


def test_guyana_and_french_guiana_have_different_french_names():
    assert name_in("fr", "GY") != name_in("fr", "GF")


def test_a_code_is_named_in_any_case():
    assert name_in("fr", "gy") == "Guyana"
    assert name_in("en", "nR") == "Nauru"


def test_a_code_without_a_name_shows_as_itself_rather_than_failing():
    assert name_in("en", "ZZ") == "ZZ"


# ---------------------------------------------------------------- the active language


def test_the_names_follow_the_active_language():
    english, french = dict(names_in("en")), dict(names_in("fr"))
    assert english.keys() == french.keys()
    assert english["DE"] == "Germany" and french["DE"] == "Allemagne"


@pytest.mark.parametrize("language", ["fr-ca", "fr-be"])
def test_a_regional_french_gets_the_french_names(language):
    assert names_in(language) == names_in("fr")


@pytest.mark.parametrize("language", ["de", "en-gb"])
def test_any_other_language_gets_the_english_names(language):
    assert names_in(language) == names_in("en")


# ---------------------------------------------------------------- order


@pytest.mark.parametrize("language", ["en", "fr"])
def test_names_are_sorted_by_their_first_letter_whatever_its_accent(language):
    letters = [base_letter(name) for _code, name in names_in(language)]
    assert letters == sorted(letters)
    assert letters[0] == "a" and letters[-1] == "z"


@pytest.mark.parametrize(
    "in_order",
    [
        ("Dominique", "Égypte", "Émirats arabes unis", "Équateur", "Érythrée", "Espagne"),
        ("Espagne", "Estonie", "États-Unis", "Éthiopie", "Fidji"),
        ("Hongrie", "Île Bouvet", "Île de Man", "Îles Åland", "Îles Caïmans", "Inde"),
    ],
)
def test_french_names_sort_as_if_they_had_no_accents(in_order):
    names = names_in("fr")
    positions = [position(names, name) for name in in_order]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    "in_order",
    [
        ("Afghanistan", "Åland Islands", "Albania"),
        ("Costa Rica", "Côte d’Ivoire", "Croatia"),
    ],
)
def test_english_names_sort_as_if_they_had_no_accents(in_order):
    names = names_in("en")
    positions = [position(names, name) for name in in_order]
    assert positions == sorted(positions)


def test_the_two_languages_sort_differently():
    assert [code for code, _ in names_in("fr")] != [code for code, _ in names_in("en")]
