"""catalog/i18n.py remembers Django's translations per active language: it must give
exactly what Django gives, in whichever language is active when it is asked."""

import pytest
from django.utils import translation

from catalog import i18n

MESSAGE = "Change your answers"
SINGULAR = (
    "LinkedIn may have used %(n)s of your %(total)s kind of data to train its "
    "content-generating AI before (%(periods)s), but not from now on."
)
PLURAL = (
    "LinkedIn may have used %(n)s of your %(total)s kinds of data to train its "
    "content-generating AI before (%(periods)s), but not from now on."
)


@pytest.mark.parametrize("lang", ["en", "fr", "en"])  # English again: nothing sticks from French
def test_the_remembered_translation_is_djangos_in_the_active_language(lang):
    with translation.override(lang):
        assert i18n.gettext(MESSAGE) == translation.gettext(MESSAGE)
        assert i18n.pgettext("status", "You have none") == translation.pgettext(
            "status", "You have none"
        )
        for number in range(1, 9):
            assert i18n.ngettext(SINGULAR, PLURAL, number) == translation.ngettext(
                SINGULAR, PLURAL, number
            )


def test_switching_language_switches_the_text():
    with translation.override("fr"):
        french = i18n.gettext(MESSAGE)
    with translation.override("en"):
        english = i18n.gettext(MESSAGE)
    assert english == MESSAGE and french != MESSAGE
