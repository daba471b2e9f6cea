"""The link-preview card of a result: a 1200×630 PNG drawn with Pillow (og:image, twitter:image).

Plain data in, PNG bytes out: the caller passes every text already in the page's language.

Font: Debian's fonts-dejavu-core (`make install` installs it where it can), because the font
Pillow bundles has no accented letters. Without DejaVu the card still renders, with Pillow's
font and the text folded to ASCII (é → e), rather than with missing-glyph boxes.
"""

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageFont

WIDTH: Final = 1200
HEIGHT: Final = 630
MARGIN: Final = 64
LAYOUT_VERSION: Final = "2"  # part of the ETag: bump it when the drawing changes

FONT_DIR: Final = Path("/usr/share/fonts/truetype/dejavu")
REGULAR: Final = "DejaVuSans.ttf"
BOLD: Final = "DejaVuSans-Bold.ttf"

INK: Final = "#1b1b1b"
MUTED: Final = "#4a4a4a"
BAND: Final = "#0b3d5c"
PAPER: Final = "#ffffff"
# Status colours (dark enough on white); the status is also written out, never colour alone.
STATUS_COLOURS: Final = {
    "in-scope": "#b3261e",
    "past-only": "#9a4a00",
    "not-in-scope": "#1e6b35",
    "not-listed": "#2f5580",
    "not-applicable": "#666666",
}

# Typographic characters Pillow's fallback font lacks, and their ASCII stand-ins.
_ASCII: Final = str.maketrans({"’": "'", "«": '"', "»": '"', "—": "-", "–": "-", "·": "-"})


@dataclass(frozen=True)
class CardLine:
    name: str  # the category's name
    status: str  # a vocabulary.STATUSES slug: picks the colour
    status_label: str  # the status in words


@dataclass(frozen=True)
class CardText:
    site_name: str
    headline: str  # e.g. "4 of 6 kinds of my LinkedIn data may train LinkedIn's AI"
    lines: tuple[CardLine, ...]
    notice: str  # e.g. "Checked against the notice effective 21 August 2026"
    link: str  # the short link, shown as text


@cache
def _fonts_available() -> bool:
    return (FONT_DIR / REGULAR).is_file() and (FONT_DIR / BOLD).is_file()


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    if _fonts_available():
        return ImageFont.truetype(str(FONT_DIR / (BOLD if bold else REGULAR)), size)
    return ImageFont.load_default(size=size)


def _text(value: str) -> str:
    """The text as the font can draw it: unchanged with DejaVu, folded to ASCII without it."""
    value = " ".join(value.split())  # no newlines or tabs from the content
    if _fonts_available():
        return value
    folded = unicodedata.normalize("NFKD", value.translate(_ASCII))
    return folded.encode("ascii", "ignore").decode("ascii")


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The text, cut with an ellipsis when wider than `width`."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and font.getlength(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:  # more than fits: the last line ends with an ellipsis
        lines[-1] = _fit(f"{lines[-1]} {' '.join(words)}", font, width - 1)
    return [_fit(line, font, width) for line in lines]


def render_card(card: CardText) -> bytes:
    """The card as PNG bytes. Deterministic: the same text always gives the same bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN

    draw.rectangle([0, 0, WIDTH, 88], fill=BAND)
    draw.text(
        (MARGIN, 44),
        _fit(_text(card.site_name), _font(34, True), inner),
        font=_font(34, True),
        fill=PAPER,
        anchor="lm",
    )

    # The largest size at which the headline fits on two lines (French runs longer).
    headline = _text(card.headline)
    for size in (50, 46, 42, 38):
        headline_font = _font(size, True)
        lines = _wrap(headline, headline_font, inner, max_lines=2)
        if " ".join(lines) == " ".join(headline.split()):
            break
    y = 116
    for line in lines:
        draw.text((MARGIN, y), line, font=headline_font, fill=INK)
        y += 62

    # Up to eight categories, in two columns of four.
    name_font, status_font = _font(27, True), _font(23)
    column_width = (inner - 40) // 2
    top = max(y + 22, 260)
    for index, line in enumerate(card.lines[:8]):
        x = MARGIN + (index // 4) * (column_width + 40)
        row_y = top + (index % 4) * 68
        colour = STATUS_COLOURS.get(line.status, MUTED)
        draw.ellipse([x, row_y + 7, x + 18, row_y + 25], fill=colour)
        text_x = x + 30
        draw.text(
            (text_x, row_y),
            _fit(_text(line.name), name_font, column_width - 30),
            font=name_font,
            fill=INK,
        )
        draw.text(
            (text_x, row_y + 33),
            _fit(_text(line.status_label), status_font, column_width - 30),
            font=status_font,
            fill=colour,
        )

    draw.line([MARGIN, 560, WIDTH - MARGIN, 560], fill="#c8c8c8", width=2)
    footer_font, link_font = _font(20), _font(24, True)
    link = _fit(_text(card.link), link_font, inner // 2)
    link_width = int(link_font.getlength(link))
    draw.text((WIDTH - MARGIN, 594), link, font=link_font, fill=BAND, anchor="rm")
    notice_width = inner - link_width - 32
    draw.text(
        (MARGIN, 594),
        _fit(_text(card.notice), footer_font, notice_width),
        font=footer_font,
        fill=MUTED,
        anchor="lm",
    )

    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def card_etag(card: CardText) -> str:
    """A strong ETag for the card, from its text and layout, without drawing it."""
    fields = (LAYOUT_VERSION, str(_fonts_available()), card.site_name, card.headline)
    fields += tuple(
        part for line in card.lines for part in (line.name, line.status, line.status_label)
    )
    fields += (card.notice, card.link)
    digest = hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()
    return f'"{digest[:32]}"'
