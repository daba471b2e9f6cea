"""French typography (present/typography.py): one helper, applied to translations when the
catalogue is compiled, to content when the snapshot is built and to templates' own text when they
compile in French; every French page comes out with it, and no page is rewritten per request."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.present.typography import NARROW_NBSP, french_html, french_text
from tests.test_html_validity import page_types


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


def test_a_textarea_keeps_its_text_as_typed():
    """A letter the visitor typed and is shown again must be saved as typed; the page's own
    words around it still get French typography."""
    html = '<label>Lettre:</label><textarea lang="fr">Objet: x ?</textarea>: oui'
    assert french_html(html) == (
        '<label>Lettre\u202f:</label><textarea lang="fr">Objet: x ?</textarea>\u202f: oui'
    )


def test_the_text_after_an_inline_element_gets_its_space_too():
    assert french_html("<strong>Note</strong>: x") == "<strong>Note</strong>\u202f: x"


@pytest.mark.django_db
def test_every_french_page_has_it_and_english_pages_do_not(client):
    french = client.get("/fr/result/?country=FR&age=adult&setting=on&uses=posts").content.decode()
    english = client.get("/en/result/?country=FR&age=adult&setting=on&uses=posts").content.decode()
    assert f"{NARROW_NBSP}:" in french
    assert " :" not in french.split("<main", 1)[1]  # no ordinary space before a colon
    assert NARROW_NBSP + ":" not in outside_french_elements(english)


def outside_french_elements(html: str) -> str:
    """The page without the elements marked as French (a source's French title keeps French
    typography wherever it is shown)."""
    return re.sub(r"""<(\w+)\b[^>]*\blang=["']fr["'][^>]*>.*?</\1>""", "", html, flags=re.S)


@pytest.mark.django_db
def test_every_french_page_is_already_typeset_and_english_text_is_left_alone(client, notice):
    """Every page type, as rendered: typography was applied at the sources, so applying the
    helper to the whole page again changes nothing."""
    for page in page_types(notice):
        french = client.get(f"/fr{page.path}").content.decode()
        assert french_html(french) == french, page.name
        english = outside_french_elements(client.get(f"/en{page.path}").content.decode())
        # French quotes in English text (« … ») keep their spaces; nothing else is French.
        assert not re.search(f"{NARROW_NBSP}[:;!?]", english), page.name


@pytest.mark.django_db
def test_the_french_catalogue_is_compiled_with_typography_and_the_english_has_none(client):
    with translation.override("fr"):
        assert gettext("Sources:") == f"Sources{NARROW_NBSP}:"
    with translation.override("en"):
        assert gettext("Sources:") == "Sources:"


# The rules written the plain way, one regex per rule over each text node: the specification the
# fast single pass in present.typography must follow on any markup.
_REFERENCE_NODES = re.compile(
    r"<script\b.*?</script>|<style\b.*?</style>"
    r"""|<(\w+)\b[^>]*\blang=["'](?!fr)[^"']*["'][^>]*>.*?</\1>|<[^>]*>""",
    re.S | re.I,
)


def reference_french_html(html: str) -> str:
    def text(node: str) -> str:
        node = re.sub(r"(?:(?<=\S)[ \u00a0]?|^)([:;!?])(?=\s|$)", NARROW_NBSP + r"\1", node)
        node = re.sub(r"«[ \u00a0\u202f]?", "«" + NARROW_NBSP, node)
        return re.sub(r"[ \u00a0\u202f]?»", NARROW_NBSP + "»", node)

    pieces, end = [], 0
    for markup in _REFERENCE_NODES.finditer(html):
        pieces += [text(html[end : markup.start()]), markup.group(0)]
        end = markup.end()
    return "".join([*pieces, text(html[end:])])


PIECES = ["mot", " ", ":", ";", "!", "?", "«", "»", "\u00a0", NARROW_NBSP, "\n", "10:30"]
PIECES += ['<a lang="en">', "</a>", "<p>", "</p>", '<a href="https://x/?a=1" title="a: b">']
PIECES += ["https://x", "<script>a ? b : c</script>", '<cite lang="it">Garante: istr</cite>']


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_fast_pass_follows_the_plain_rules_on_any_markup(html):
    assert french_html(html) == reference_french_html(html)


@pytest.mark.django_db
def test_french_feeds_are_already_typeset_too(client, notice):
    from xml.etree import ElementTree

    from catalog.rules import codes
    from tests.test_html_validity import FR_ON

    atom = "{http://www.w3.org/2005/Atom}"
    code = codes.encode(FR_ON, notice.code_id)
    for path in ("/fr/changes/feed/", f"/fr/r/{code}/feed/"):
        feed = ElementTree.fromstring(client.get(path).content)
        titles = [element.text or "" for element in feed.iter(f"{atom}title")]
        summaries = [element.text or "" for element in feed.iter(f"{atom}summary")]  # HTML
        assert any(f"{NARROW_NBSP}:" in text for text in titles + summaries), path
        assert [french_text(title) for title in titles] == titles, path
        assert [french_html(summary) for summary in summaries] == summaries, path
