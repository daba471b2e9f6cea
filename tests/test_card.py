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
