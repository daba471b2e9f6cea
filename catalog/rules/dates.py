"""A date in words in the active language ("3 November 2025", « 3 novembre 2025 »), formatted
once per language: the questions, the result and the feeds name the same few dates again and
again."""

from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language


def day(value: date) -> str:
    return _day(get_language(), value)


@lru_cache(maxsize=512)
def _day(language: str | None, value: date) -> str:
    # In the active language, which `language` names (the cache key).
    return date_format(value, "j F Y")
