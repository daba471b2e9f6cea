"""Django's gettext, ngettext and pgettext, remembered per active language.

A result asks for some thirty messages, a letter for forty-odd, the form for its errors. Each
of Django's calls reads the active language from a thread-and-task local and walks the
catalogue's fallbacks, which came to a tenth of a result's time. A compiled catalogue does not
change while the process runs, so a message's translation is looked up once per language.
Translators' tools see the same names (`_`, `gettext`, `ngettext`, `pgettext`), so extraction
is unchanged.
"""

from django.utils import translation
from django.utils.translation import get_language

_MEMO: dict[tuple, str] = {}


def gettext(message: str) -> str:
    key = (get_language(), message)
    try:
        return _MEMO[key]
    except KeyError:
        text = _MEMO[key] = translation.gettext(message)
        return text


def pgettext(context: str, message: str) -> str:
    key = (get_language(), context, message)
    try:
        return _MEMO[key]
    except KeyError:
        text = _MEMO[key] = translation.pgettext(context, message)
        return text


def ngettext(singular: str, plural: str, number: int) -> str:
    # Keyed by the plural form's index would need the catalogue's rule: the number itself is
    # small here (kinds of data, at most eight).
    key = (get_language(), singular, plural, number)
    try:
        return _MEMO[key]
    except KeyError:
        text = _MEMO[key] = translation.ngettext(singular, plural, number)
        return text
