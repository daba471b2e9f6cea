"""Country names from CLDR (through babel), in the active language, for the ISO 3166-1 codes.

django-countries' own names are not CLDR's (English "Naoero", "Bahamas (The)"; French "Guyane"
for Guyana, which French readers take for French Guiana), so only its list of codes is used.
"""

import unicodedata
from functools import cache

from babel import Locale
from django.utils.translation import get_language

from catalog.rules.answers import COUNTRY_CODES


@cache
def _names(language: str) -> tuple[tuple[str, str], ...]:
    territories = Locale.parse(language).territories
    names = [(code, territories.get(code, code)) for code in COUNTRY_CODES]
    return tuple(sorted(names, key=lambda pair: _sort_key(pair[1])))


def _sort_key(name: str) -> str:
    """Alphabetical order as readers expect it: accents and case do not count ("Égypte" by E)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _language() -> str:
    return "fr" if (get_language() or "").startswith("fr") else "en"


def country_names() -> tuple[tuple[str, str], ...]:
    """Every (code, name), sorted by name, in the active language."""
    return _names(_language())


def country_name(code: str) -> str:
    return _by_code(_language()).get(code.upper(), code)


@cache
def _by_code(language: str) -> dict[str, str]:
    return dict(_names(language))
