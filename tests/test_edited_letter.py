"""The letter as the visitor edited it, checked before it is saved
(catalog/present/edited_letter.py). No database, no request."""

from urllib.parse import urlencode

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from catalog.present.edited_letter import (
    MAX_BODY_BYTES,
    MAX_CHARACTERS,
    EditedLetter,
    read_edited_letter,
    too_long_message,
)

# What a visitor can type or paste into a textarea: anything but controls (tab and newline
# aside) and lone surrogates, which UTF-8 cannot carry.
typed = st.text(st.characters(exclude_categories=["Cc", "Cs"]) | st.sampled_from("\t\n"))


@given(typed.filter(lambda text: len(text) <= MAX_CHARACTERS))
def test_what_a_visitor_types_is_kept_exactly(text):
    assert read_edited_letter(text) == EditedLetter(text)
    assert read_edited_letter(text).ok


@given(typed)
def test_a_forms_crlf_newlines_come_back_as_lf(text):
    assert read_edited_letter(text.replace("\n", "\r\n")).text == text


@given(st.text())
def test_no_cr_and_no_control_but_tab_and_lf_is_ever_saved(text):
    saved = read_edited_letter(text).text
    assert "\r" not in saved
    assert all(
        char in "\t\n" or not (ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F) for char in saved
    )


def test_control_characters_are_removed_and_reported():
    edited = read_edited_letter("a\x00b\x1bc\x7fd\x85e\tf\x0cg\n")
    assert edited == EditedLetter("abcde\tfg\n", had_controls=True)
    assert not edited.ok


def test_the_cap_counts_characters_after_newlines_are_normalised():
    at_cap = "a\r\n" * (MAX_CHARACTERS // 2)  # 3 characters posted, 2 kept, each time
    assert len(read_edited_letter(at_cap).text) == MAX_CHARACTERS
    assert read_edited_letter(at_cap).ok
    assert read_edited_letter("😀" * MAX_CHARACTERS).ok  # characters, not bytes
    over = read_edited_letter("é" * (MAX_CHARACTERS + 1))
    assert over.too_long and not over.ok
    assert over.text == "é" * (MAX_CHARACTERS + 1)  # given back whole, to be shortened


def test_any_letter_under_the_cap_fits_in_the_body_limit_once_urlencoded():
    worst = "😀" * (MAX_CHARACTERS - 1) + "\r\n"  # 4 bytes in UTF-8, 12 urlencoded
    assert len(urlencode({"letter": worst})) <= MAX_BODY_BYTES


@pytest.mark.parametrize(
    ("lang", "too_long", "controls"),
    [
        (
            "en",
            "The letter is too long to download: 20,001 characters, for at most 20,000. "
            "Shorten it, then download it again.",
            "The letter held invisible control characters, which a text file should not "
            "contain. They have been removed: check the letter, then download it again.",
        ),
        (
            "fr",
            # French typography comes with the compiled catalogue (compilemessages).
            "La lettre est trop longue pour être téléchargée\u202f: 20\xa0001 caractères, pour "
            "20\xa0000 au plus. Raccourcissez-la, puis téléchargez-la à nouveau.",
            "La lettre contenait des caractères de contrôle invisibles, qu’un fichier texte ne "
            "doit pas contenir. Ils ont été retirés\u202f: vérifiez la lettre, puis "
            "téléchargez-la à nouveau.",
        ),
    ],
)
def test_the_problems_are_said_in_the_active_language(lang, too_long, controls):
    edited = read_edited_letter("x" * MAX_CHARACTERS + "\x00y")
    with translation.override(lang):
        assert edited.problems() == [too_long, controls]
        assert read_edited_letter("fine").problems() == []
        assert too_long_message().endswith(
            "20,000 characters." if lang == "en" else "20\xa0000 caractères au plus."
        )
