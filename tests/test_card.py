"""The result's link-preview card (present/card.py): a 1200×630 PNG in the page's language."""

import io
from pathlib import Path

import pytest
from django.utils import translation
from PIL import Image

from catalog.present import card, sharing
from catalog.present.card import CardLine, CardText, card_etag, render_card
from catalog.rules.answers import Answers
from catalog.rules.assessment import assess

from .situations import every_situation

ENGLISH = CardText(
    site_name="LinkedIn, your data and AI",
    headline="4 of 6 kinds of my LinkedIn data may train LinkedIn's AI",
    lines=(
        CardLine("Profile data", "in-scope", "In scope"),
        CardLine("Published content", "past-only", "May already have been used"),
        CardLine("Technical data", "not-listed", "Not listed for training"),
        CardLine("Verification data", "not-applicable", "You have none"),
    ),
    notice="Notice effective 21 August 2026",
    link="example.org/en/r/14ksg41k/",
)
FRENCH = CardText(
    site_name="LinkedIn, vos données et l’IA",
    headline="4 types de mes données LinkedIn sur 6 peuvent entraîner l’IA de LinkedIn",
    lines=(
        CardLine("Données de profil", "in-scope", "Concernées"),
        CardLine("Données déduites", "not-listed", "Non listées pour l’entraînement"),
        CardLine("Saisies dans les outils d’IA", "not-in-scope", "Protégées"),
    ),
    notice="Avis en vigueur le 21 août 2026",
    link="example.org/fr/r/14ksg41k/",
)


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.verify()  # raises on a truncated or corrupt PNG
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("text", [ENGLISH, FRENCH], ids=["en", "fr"])
def test_the_card_is_a_valid_1200_by_630_png(text):
    data = render_card(text)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = open_png(data)
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert len(data) < 300_000  # small enough for chat apps' preview fetchers


def test_the_card_draws_its_text_the_french_and_english_cards_differ():
    english, french = open_png(render_card(ENGLISH)), open_png(render_card(FRENCH))
    assert english.tobytes() != french.tobytes()
    # Something is drawn on the white body below the band: not a blank card.
    body = english.convert("L").crop((0, 100, 1200, 630))
    assert body.getextrema()[0] < 100


def test_the_same_text_gives_the_same_bytes_and_etag():
    assert render_card(FRENCH) == render_card(FRENCH)
    assert card_etag(FRENCH) == card_etag(FRENCH)


def test_the_etag_changes_with_any_text_of_the_card():
    tags = {
        card_etag(ENGLISH),
        card_etag(FRENCH),
        card_etag(CardText(**{**ENGLISH.__dict__, "link": "example.org/en/r/100m000a/"})),
        card_etag(CardText(**{**ENGLISH.__dict__, "notice": "Notice effective 3 November 2025"})),
        card_etag(CardText(**{**ENGLISH.__dict__, "lines": ENGLISH.lines[:3]})),
    }
    assert len(tags) == 5
    assert all(tag.startswith('"') and tag.endswith('"') for tag in tags)


def test_french_accents_are_drawn_with_dejavu_when_installed():
    if not card._fonts_available():
        pytest.skip("fonts-dejavu-core is not installed (`make install` installs it as root)")
    assert card._text("Données déduites « IA »") == "Données déduites « IA »"


def test_long_texts_and_many_lines_still_fit_the_card():
    crowded = CardText(
        site_name="x" * 300,
        headline="mot " * 200,
        lines=tuple(CardLine("catégorie " * 20, "in-scope", "statut " * 30) for _ in range(12)),
        notice="avis " * 100,
        link="example.org/fr/r/" + "z" * 200,
    )
    assert open_png(render_card(crowded)).size == (1200, 630)


@pytest.fixture
def no_dejavu(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(card, "FONT_DIR", tmp_path)
    card._fonts_available.cache_clear()
    card._font.cache_clear()
    yield
    card._fonts_available.cache_clear()
    card._font.cache_clear()


def test_without_dejavu_the_card_falls_back_to_unaccented_text(no_dejavu):
    assert not card._fonts_available()
    folded = card._text("Données déduites · l’IA « oui » — ç")
    assert folded == 'Donnees deduites - l\'IA " oui " - c'
    assert open_png(render_card(FRENCH)).size == (1200, 630)


def test_the_etag_changes_when_the_font_changes(monkeypatch, tmp_path):
    # A cached card drawn without accents must not outlive the installation of DejaVu.
    if not card._fonts_available():
        pytest.skip("fonts-dejavu-core is not installed")
    with_dejavu = card_etag(FRENCH)
    monkeypatch.setattr(card, "FONT_DIR", tmp_path)
    card._fonts_available.cache_clear()
    try:
        assert card_etag(FRENCH) != with_dejavu
    finally:
        card._fonts_available.cache_clear()
        card._font.cache_clear()


EVERY_STATUS = CardText(
    site_name="LinkedIn, your data and AI",
    headline="3 of 8 kinds of my LinkedIn data may train LinkedIn's AI",
    lines=(
        CardLine("Profile data", "in-scope", "In scope"),
        CardLine("Published content", "past-only", "May already have been used"),
        CardLine("Activity history", "not-in-scope", "Protected"),
        CardLine("Technical data", "not-listed", "Not listed for training"),
        CardLine("Verification data", "not-applicable", "You have none"),
        CardLine("Inferred data", "in-scope", "In scope"),
        CardLine("Inputs to AI tools", "not-listed", "Not listed for training"),
        CardLine("Feedback", "past-only", "May already have been used"),
    ),
    notice="Notice effective 21 August 2026",
    link="example.org/en/r/14ksg41k/",
)


def hex_colour(pixel: tuple[int, ...]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*pixel[:3])


def dots_down(image: Image.Image, x: int, top: int) -> list[str]:
    """The colours met going down the column x through the status dots, each run once."""
    runs: list[str] = []
    previous = card.PAPER
    for y in range(top, card.BODY_BOTTOM):
        colour = hex_colour(image.getpixel((x, y)))
        if colour != previous and colour != card.PAPER:
            runs.append(colour)
        previous = colour
    return runs


def test_the_card_is_a_palette_png_that_keeps_the_exact_status_colours():
    data = render_card(EVERY_STATUS)
    image = open_png(data)
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
    rgb = image.convert("RGB")
    assert hex_colour(rgb.getpixel((5, 5))) == card.BAND
    assert hex_colour(rgb.getpixel((1195, 400))) == card.PAPER
    # One dot per status, in its status's colour, in the result page's order (what may be used
    # first), each status's categories listed beside it.
    colours = list(card.STATUS_COLOURS.values())
    placed = card.layout(EVERY_STATUS.headline, EVERY_STATUS.lines)
    below_headline = card.BODY_TOP + len(placed.headline) * card._line_height(placed.headline_size)
    assert dots_down(rgb, card.MARGIN + card.DOT // 2, below_headline) == colours
    groups = placed.groups
    assert [group.status for group in groups] == list(card.STATUS_COLOURS)
    assert groups[0].names == ("Profile data, Inferred data",)
    assert set(card.STATUS_COLOURS.values()) <= {
        card.STATUS_COLOURS[line.status] for line in EVERY_STATUS.lines
    }  # every status is checked


def test_each_language_keeps_its_own_band_and_drawing_one_changes_nothing_in_the_other():
    english = render_card(ENGLISH)
    french = render_card(FRENCH)
    band = (0, 0, 1200, 88)
    assert open_png(english).crop(band).tobytes() != open_png(french).crop(band).tobytes()
    assert render_card(ENGLISH) == english


# ---------------------------------------------------------------- what a real card says


def shown(placed: card.Layout) -> list[str]:
    """Every line of text the layout draws in the card's body."""
    return [
        line
        for lines in (placed.headline, *((g.label + g.names) for g in placed.groups))
        for line in lines
    ]


def assert_whole(text: CardText) -> None:
    """The card draws the headline, each status and each category whole: wrapped, never cut."""
    placed = card.layout(text.headline, text.lines)
    assert card.BODY_TOP + placed.height <= card.BODY_BOTTOM, text.headline
    assert " ".join(placed.headline) == card._text(text.headline)
    for group in placed.groups:
        mine = [line for line in text.lines if line.status == group.status]
        assert " ".join(group.label) == card._text(mine[0].status_label)
        assert " ".join(group.names) == ", ".join(card._text(line.name) for line in mine)
    inner = card.WIDTH - 2 * card.MARGIN - card.INDENT
    for line in shown(placed):
        assert "…" not in line
        font = card._font(placed.headline_size, True)
        if line in placed.headline:
            assert font.getlength(line) <= card.WIDTH - 2 * card.MARGIN, line
        else:
            assert (
                card._font(placed.names_size).getlength(line) <= inner
                or card._font(placed.label_size, True).getlength(line) <= inner
            ), line
    assert sorted(line.name for line in text.lines) == sorted(
        line.name for group in placed.groups for line in text.lines if line.status == group.status
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_real_card_shows_its_headline_and_statuses_whole(notice, lang):
    """All regions (their longest country names) × ages × settings × switch-off dates × earlier
    accounts, with none, all or one kind of use: the longest headlines and labels there are."""
    with translation.override(lang):
        for answers in every_situation(notice):
            text = sharing.card_text(assess(answers, notice), "LinkedIn", "example.org/r/x/")
            assert_whole(text)
            footer_font, footer = card._footer(card._text(text.notice), 700)
            assert " ".join(footer) == card._text(text.notice)


@pytest.mark.parametrize(
    ("lang", "title", "none"),
    [
        (
            "en",
            "A member in France whose setting is on: from now on, LinkedIn may use 3 of their 6 "
            "kinds of data to train its content-generating AI.",
            "This member has none",
        ),
        (
            "fr",
            "Un membre en France dont le réglage est activé\u202f: LinkedIn peut désormais "
            "utiliser 3 des 6 types de données de ce membre pour entraîner son IA de création de "
            "contenu.",
            "Ce membre n’en a pas",
        ),
    ],
)
def test_the_card_carries_the_shared_headline_in_the_third_person(notice, lang, title, none):
    answers = Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"}))
    with translation.override(lang):
        text = sharing.card_text(assess(answers, notice), "LinkedIn", "example.org/r/x/")
    assert text.headline == title
    assert {line.status_label for line in text.lines if line.status == "not-applicable"} == {none}
    placed = card.layout(text.headline, text.lines)
    assert " ".join(placed.headline) == title  # the narrow no-break space holds "…activé :"
    if lang == "fr":
        assert not any(line.startswith(":") for line in placed.headline)


def test_a_long_french_status_label_wraps_instead_of_being_cut():
    label = "Non listé pour l’entraînement de l’IA de création de contenu " * 2
    text = CardText(
        site_name="LinkedIn",
        headline="Un membre au Royaume-Uni qui a désactivé le réglage",
        lines=(CardLine("Données techniques", "not-listed", label.strip()),),
        notice="Avis",
        link="example.org",
    )
    placed = card.layout(text.headline, text.lines)
    assert len(placed.groups[0].label) == 2
    assert_whole(text)
