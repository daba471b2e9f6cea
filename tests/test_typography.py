"""French typography (present/typography.py), applied to every French page by one middleware."""

import pytest

from catalog.present.typography import NARROW_NBSP, french_html, french_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nom et photo: listés", "Nom et photo\u202f: listés"),
        ("un ; deux", "un\u202f; deux"),
        ("Vraiment ?", "Vraiment\u202f?"),
        ("Oui!", "Oui\u202f!"),
        ("« cité »", "«\u202fcité\u202f»"),
        ("«cité»", "«\u202fcité\u202f»"),
        ("Nom\u202f: déjà bon", "Nom\u202f: déjà bon"),
    ],
)
def test_high_punctuation_and_guillemets_get_a_narrow_no_break_space(text, expected):
    assert french_text(text) == expected


@pytest.mark.parametrize("text", ["https://www.linkedin.com/", "10:30", "/fr/result/?country=FR"])
def test_urls_and_times_are_left_alone(text):
    assert french_text(text) == text


def test_only_text_between_tags_changes_never_markup_or_scripts():
    html = '<a href="https://x/?a=1" title="a: b">Lien</a>: oui <script>a ? b : c</script>'
    assert french_html(html) == (
        '<a href="https://x/?a=1" title="a: b">Lien</a>\u202f: oui <script>a ? b : c</script>'
    )


def test_text_marked_as_another_language_keeps_its_own_typography():
    html = '<cite lang="it">Garante Privacy: istruzioni</cite>: <a lang="en" href="x">A: b</a>'
    assert french_html(html) == (
        '<cite lang="it">Garante Privacy: istruzioni</cite>\u202f: <a lang="en" href="x">A: b</a>'
    )
    assert french_html('<p lang="fr">Oui: non</p>') == '<p lang="fr">Oui\u202f: non</p>'


def test_the_text_after_an_inline_element_gets_its_space_too():
    assert french_html("<strong>Note</strong>: x") == "<strong>Note</strong>\u202f: x"


@pytest.mark.django_db
def test_every_french_page_has_it_and_english_pages_do_not(client):
    french = client.get("/fr/result/?country=FR&age=adult&setting=on&uses=posts").content.decode()
    english = client.get("/en/result/?country=FR&age=adult&setting=on&uses=posts").content.decode()
    assert f"{NARROW_NBSP}:" in french
    assert " :" not in french.split("<main", 1)[1]  # no ordinary space before a colon
    assert NARROW_NBSP + ":" not in english
