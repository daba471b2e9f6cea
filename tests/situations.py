"""Every kind of situation a result can describe, for tests that must hold for all of them."""

import itertools

from django.utils import translation

from catalog.rules.answers import COUNTRY_CODES, Answers, normalise
from catalog.rules.countries import country_name
from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES
from catalog.snapshot import Notice

# None, everything, and each kind alone: every status and every count of kinds of data comes up.
USES_CHOICES = (frozenset(), frozenset(USES), *(frozenset({use}) for use in USES))


def longest_named_countries(notice: Notice) -> list[str]:
    """Per region, the country with the longest name in English and the one in French: the
    longest headlines and place sentences a result can have."""
    chosen = set()
    for lang in ("en", "fr"):
        with translation.override(lang):
            longest: dict[str, str] = {}
            for code in COUNTRY_CODES:
                slug = notice.region_for(code).slug
                if len(country_name(code)) > len(country_name(longest.get(slug, code))):
                    longest[slug] = code
                longest.setdefault(slug, code)
        chosen |= set(longest.values())
    return sorted(chosen)


def every_situation(notice: Notice, countries: list[str] | None = None) -> list[Answers]:
    """Normalised answers, each once: every region (through its longest-named countries), age,
    setting, switch-off date and earlier account, with none, all or one kind of use."""
    seen: dict[Answers, None] = {}
    for country, age, setting, when, earlier, uses in itertools.product(
        countries or longest_named_countries(notice),
        AGES,
        SETTINGS,
        SWITCHED_OFF,
        MEMBER_EARLIER,
        USES_CHOICES,
    ):
        seen.setdefault(normalise(Answers(country, age, setting, when, uses, earlier), notice))
    return list(seen)
