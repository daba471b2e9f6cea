"""The result's link-preview card (present/card.py): a 1200×630 PNG in the page's language."""

import io
from pathlib import Path

import pytest
from PIL import Image

from catalog.present import card
from catalog.present.card import CardLine, CardText, card_etag, render_card

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


def dots_down(image: Image.Image, x: int) -> list[str]:
    """The colours met going down the column x through the status dots, each run once."""
    runs: list[str] = []
    previous = card.PAPER
    for y in range(250, 560):
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
    # Each category's dot, in its status's colour, in order: four down each column.
    column_width = (card.WIDTH - 2 * card.MARGIN - 40) // 2
    left, right = card.MARGIN + 9, card.MARGIN + column_width + 40 + 9
    colours = [card.STATUS_COLOURS[line.status] for line in EVERY_STATUS.lines]
    assert dots_down(rgb, left) == colours[:4]
    assert dots_down(rgb, right) == colours[4:]
    assert set(card.STATUS_COLOURS.values()) <= set(colours)  # every status is checked


def test_each_language_keeps_its_own_band_and_drawing_one_changes_nothing_in_the_other():
    english = render_card(ENGLISH)
    french = render_card(FRENCH)
    band = (0, 0, 1200, 88)
    assert open_png(english).crop(band).tobytes() != open_png(french).crop(band).tobytes()
    assert render_card(ENGLISH) == english
