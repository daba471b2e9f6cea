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
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

from PIL import Image, ImageColor, ImageDraw, ImageFont

WIDTH: Final = 1200
HEIGHT: Final = 630
MARGIN: Final = 64
COMPRESS_LEVEL: Final = 3  # zlib, 1 to 9: light and quick; a card is fetched once, then cached
LAYOUT_VERSION: Final = "3"  # part of the ETag: bump it when the drawing changes

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


# ---------------------------------------------------------------- drawing, fast
#
# A card costs a few milliseconds of CPU. It is drawn straight into a palette image whose palette
# is fixed in advance: each ink on its background, with the anti-aliasing shades in between. The
# parts every card of a language shares (band, site name, rule) are drawn once; each text is
# turned into palette indices once and reused (headlines, names, statuses and notices come from a
# small set), so only the link is drawn anew for each card; and the PNG is written with light
# compression and no optimisation pass.

_RAMP: Final = 24  # anti-aliasing shades between an ink and its background (fewer if need be)
RULE: Final = "#c8c8c8"


def _rgb(colour: str) -> tuple[int, int, int]:
    red, green, blue = ImageColor.getrgb(colour)[:3]
    return red, green, blue


@cache
def _palette() -> tuple[bytes, dict[tuple[str, str], bytes]]:
    """The card's palette (RGB triplets), and for each ink on its background a lookup table from
    a text mask's coverage (0 to 255) to the palette index of that shade."""
    pairs = [(ink, PAPER) for ink in (INK, MUTED, BAND, RULE, *STATUS_COLOURS.values())]
    pairs.append((PAPER, BAND))  # the site's name on the band
    ramp = min(_RAMP, 255 // len(pairs))  # 256 colours at most
    index: dict[tuple[int, int, int], int] = {_rgb(PAPER): 0}
    tables = {}
    for ink, ground in pairs:
        (r1, g1, b1), (r0, g0, b0) = _rgb(ink), _rgb(ground)
        steps = []
        for step in range(ramp + 1):
            shade = (
                round(r0 + (r1 - r0) * step / ramp),
                round(g0 + (g1 - g0) * step / ramp),
                round(b0 + (b1 - b0) * step / ramp),
            )
            steps.append(index.setdefault(shade, len(index)))
        tables[ink, ground] = bytes(steps[round(cover * ramp / 255)] for cover in range(256))
    assert len(index) <= 256, len(index)
    return b"".join(bytes(colour) for colour in index), tables


def _ink(colour: str) -> int:
    """The palette index of a plain colour."""
    return _palette()[1][colour, PAPER][255] if colour != PAPER else 0


@lru_cache(maxsize=512)
def _glyphs(
    text: str, font: ImageFont.FreeTypeFont, anchor: str, ink: str, ground: str
) -> tuple[Image.Image, Image.Image, int, int]:
    """The text as palette indices, the mask of the pixels it covers, and their offset from the
    anchor point."""
    left, top, right, bottom = (int(value) for value in font.getbbox(text, anchor=anchor))
    cover = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(cover).text((-left, -top), text, font=font, fill=255, anchor=anchor)
    shades = cover.point(list(_palette()[1][ink, ground]))
    return shades, cover.point([0] + [255] * 255), left, top


def _draw(
    canvas: Image.Image,
    xy: tuple[int, int],
    text: str,
    font: ImageFont.FreeTypeFont,
    ink: str,
    anchor: str = "la",
    ground: str = PAPER,
    keep: bool = True,
) -> None:
    """Draw the text; keep=False for a text drawn once (the link), so it takes no cache slot."""
    glyphs = _glyphs if keep else _glyphs.__wrapped__
    shades, covered, left, top = glyphs(text, font, anchor, ink, ground)
    canvas.paste(shades, (xy[0] + left, xy[1] + top), covered)


@lru_cache(maxsize=1024)
def _fitted(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    return _fit(text, font, width)


@lru_cache(maxsize=256)
def _headline(headline: str) -> tuple[ImageFont.FreeTypeFont, tuple[str, ...]]:
    """The largest size at which the headline fits on two lines (French runs longer)."""
    inner = WIDTH - 2 * MARGIN
    for size in (50, 46, 42, 38):
        font = _font(size, True)
        lines = _wrap(headline, font, inner, max_lines=2)
        if " ".join(lines) == " ".join(headline.split()):
            break
    return font, tuple(lines)


@lru_cache(maxsize=8)
def _base(site_name: str, font: ImageFont.FreeTypeFont) -> Image.Image:
    """What every card in a language shares: the band with the site's name, and the rule (as
    palette indices, in an "L" image)."""
    canvas = Image.new("L", (WIDTH, HEIGHT), _ink(PAPER))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, 88], fill=_ink(BAND))
    name = _fit(site_name, font, WIDTH - 2 * MARGIN)
    _draw(canvas, (MARGIN, 44), name, font, PAPER, "lm", ground=BAND)
    draw.line([MARGIN, 560, WIDTH - MARGIN, 560], fill=_ink(RULE), width=2)
    return canvas


def render_card(card: CardText) -> bytes:
    """The card as PNG bytes. Deterministic: the same text always gives the same bytes."""
    canvas = _base(_text(card.site_name), _font(34, True)).copy()
    inner = WIDTH - 2 * MARGIN

    headline_font, lines = _headline(_text(card.headline))
    y = 116
    for line in lines:
        _draw(canvas, (MARGIN, y), line, headline_font, INK)
        y += 62

    # Up to eight categories, in two columns of four.
    name_font, status_font = _font(27, True), _font(23)
    column_width = (inner - 40) // 2
    top = max(y + 22, 260)
    draw = ImageDraw.Draw(canvas)
    for index, line in enumerate(card.lines[:8]):
        x = MARGIN + (index // 4) * (column_width + 40)
        row_y = top + (index % 4) * 68
        colour = STATUS_COLOURS.get(line.status, MUTED)
        draw.ellipse([x, row_y + 7, x + 18, row_y + 25], fill=_ink(colour))
        text_x = x + 30
        name = _fitted(_text(line.name), name_font, column_width - 30)
        _draw(canvas, (text_x, row_y), name, name_font, INK)
        status = _fitted(_text(line.status_label), status_font, column_width - 30)
        _draw(canvas, (text_x, row_y + 33), status, status_font, colour)

    footer_font, link_font = _font(20), _font(24, True)
    link = _fit(_text(card.link), link_font, inner // 2)
    link_width = int(link_font.getlength(link))
    _draw(canvas, (WIDTH - MARGIN, 594), link, link_font, BAND, "rm", keep=False)
    notice = _fitted(_text(card.notice), footer_font, inner - link_width - 32)
    _draw(canvas, (MARGIN, 594), notice, footer_font, MUTED, "lm")

    canvas.putpalette(_palette()[0], "RGB")  # the indices become a palette ("P") image
    output = io.BytesIO()
    canvas.save(output, format="PNG", optimize=False, compress_level=COMPRESS_LEVEL)
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
