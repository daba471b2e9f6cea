"""The link-preview card of a result: a 1200×630 PNG drawn with Pillow (og:image, twitter:image).

Plain data in, PNG bytes out: the caller passes every text already in the page's language.

Font: Debian's fonts-dejavu-core (`make install` installs it where it can), because the font
Pillow bundles has no accented letters. Without DejaVu the card still renders, with Pillow's
font and the text folded to ASCII (é → e), rather than with missing-glyph boxes.
"""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

from PIL import Image, ImageColor, ImageDraw, ImageFont

from catalog.rules.vocabulary import STATUSES

WIDTH: Final = 1200
HEIGHT: Final = 630
MARGIN: Final = 64
COMPRESS_LEVEL: Final = 3  # zlib, 1 to 9: light and quick; a card is fetched once, then cached
LAYOUT_VERSION: Final = "4"  # part of the ETag: bump it when the drawing changes

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


_BREAKING_SPACES: Final = re.compile(r"[ \t\r\n\f\v]+")


@dataclass(frozen=True)
class CardLine:
    name: str  # the category's name
    status: str  # a vocabulary.STATUSES slug: picks the colour
    status_label: str  # the status in words


@dataclass(frozen=True)
class CardText:
    site_name: str
    headline: str  # the shared result's headline: "A member in France whose setting is on: …"
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
    # No newlines or tabs from the content; no-break spaces (French « : ») stay as they are.
    value = " ".join(_BREAKING_SPACES.split(value.strip(" \t\r\n\f\v")))
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


@lru_cache(maxsize=4096)
def _width(word: str, font: ImageFont.FreeTypeFont) -> float:
    return font.getlength(word)


@lru_cache(maxsize=2048)
def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> tuple[str, ...]:
    """The text in lines no wider than `width`, broken between words; every word is kept (a
    single word wider than the width gets a line of its own, cut when drawn).

    Lines are measured word by word (each word's width is cached: the same words come back in
    every card), then each line once as a whole, since kerning may make it a little wider.
    """
    space = _width(" ", font)
    words = text.split(" ")  # _text made every breaking space one " "; no-break ones hold
    lines: list[str] = []
    start = 0
    while start < len(words):
        end, total = start + 1, _width(words[start], font)
        while end < len(words) and total + space + _width(words[end], font) <= width:
            total += space + _width(words[end], font)
            end += 1
        while end - start > 1 and font.getlength(" ".join(words[start:end])) > width:
            end -= 1
        lines.append(" ".join(words[start:end]))
        start = end
    return tuple(lines)


def _pack(names: tuple[str, ...], font: ImageFont.FreeTypeFont, width: int) -> tuple[str, ...]:
    """Names listed with commas, in lines no wider than `width`, broken between names (within
    a name only when it is wider than a line by itself)."""
    lines: list[str] = []
    line = ""
    for index, name in enumerate(names):
        piece = name + ("," if index < len(names) - 1 else "")
        if line and font.getlength(f"{line} {piece}") <= width:
            line = f"{line} {piece}"
            continue
        if line:
            lines.append(line)
        *full, line = _wrap(piece, font, width) or ("",)
        lines.extend(full)
    if line:
        lines.append(line)
    return tuple(lines)


# ---------------------------------------------------------------- layout, pure
#
# A card shows the shared result's headline whole, then its categories grouped by status as on
# the page: the status in words (and its colour), then the names of its categories. Nothing is
# cut: the headline and the groups take the largest sizes at which all of it fits above the
# rule; only text no real result has (a word wider than the card) could still be cut.

INNER: Final = WIDTH - 2 * MARGIN
BODY_TOP: Final = 108
BODY_BOTTOM: Final = 548  # the footer's rule is at 560
HEADLINE_SIZES: Final = (50, 46, 42, 38, 35, 32, 30, 28)
GROUP_SIZES: Final = ((26, 24), (22, 21))  # a status's label (bold), its categories' names
HEADLINE_GAP: Final = 18
GROUP_GAP: Final = 12
DOT: Final = 18
INDENT: Final = DOT + 14  # the text beside a status's dot
FOOTER_SIZES: Final = (20, 18)  # "Checked against …", on one line or two


def _line_height(size: int) -> int:
    return round(size * 1.22)


@dataclass(frozen=True)
class Group:
    """One status of the result and the categories that have it, as drawn."""

    status: str
    label: tuple[str, ...]  # the status in words, in lines
    names: tuple[str, ...]  # its categories' names, in lines


@dataclass(frozen=True)
class Layout:
    headline_size: int
    headline: tuple[str, ...]
    label_size: int
    names_size: int
    groups: tuple[Group, ...]

    @property
    def height(self) -> int:
        """From the top of the headline to the bottom of the last group."""
        height = len(self.headline) * _line_height(self.headline_size) + HEADLINE_GAP
        for group in self.groups:
            height += len(group.label) * _line_height(self.label_size)
            height += len(group.names) * _line_height(self.names_size) + GROUP_GAP
        return height - GROUP_GAP if self.groups else height


def _status_order(status: str) -> int:
    """The result page's order of statuses (the vocabulary's: what may be used first); unknown
    ones last."""
    return STATUSES.index(status) if status in STATUSES else len(STATUSES)


@lru_cache(maxsize=256)
def layout(headline: str, lines: tuple[CardLine, ...]) -> Layout:
    """Where the headline and the groups break, at the largest sizes at which they fit."""
    statuses = sorted({line.status for line in lines}, key=_status_order)
    wanted = [
        (
            status,
            next(_text(line.status_label) for line in lines if line.status == status),
            tuple(_text(line.name) for line in lines if line.status == status),
        )
        for status in statuses
    ]
    headline = _text(headline)
    found = None
    for headline_size in HEADLINE_SIZES:
        headline_lines = _wrap(headline, _font(headline_size, True), INNER)
        for label_size, names_size in GROUP_SIZES:
            label_font, names_font = _font(label_size, True), _font(names_size)
            found = Layout(
                headline_size,
                headline_lines,
                label_size,
                names_size,
                tuple(
                    Group(
                        status,
                        _wrap(label, label_font, INNER - INDENT),
                        _pack(names, names_font, INNER - INDENT),
                    )
                    for status, label, names in wanted
                ),
            )
            if BODY_TOP + found.height <= BODY_BOTTOM:
                return found
    assert found is not None
    return found  # more text than any real result has: the drawing stops at the rule


@lru_cache(maxsize=256)
def _footer(notice: str, width: int) -> tuple[ImageFont.FreeTypeFont, tuple[str, ...]]:
    """The notice line, on one line or, smaller, on two."""
    for size in FOOTER_SIZES:
        font = _font(size)
        lines = _wrap(notice, font, width)
        if len(lines) <= 2:
            break
    return font, lines[:2]


# ---------------------------------------------------------------- drawing, fast
#
# A card costs a few milliseconds of CPU. It is drawn straight into a palette image whose palette
# is fixed in advance: each ink on its background, with the anti-aliasing shades in between. The
# parts every card of a language shares (band, site name, rule) are drawn once; each line of text
# is turned into palette indices once and reused (names, statuses and notices come from a small
# set, and headline lines recur across countries and situations), so mostly the link and a
# headline's own lines are drawn anew for each card; lines are measured word by word from cached
# widths; and the PNG is written with light compression and no optimisation pass.

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
    draw = ImageDraw.Draw(canvas)
    placed = layout(card.headline, card.lines)

    headline_font = _font(placed.headline_size, True)
    y = BODY_TOP
    for line in placed.headline:
        _draw(canvas, (MARGIN, y), _fitted(line, headline_font, INNER), headline_font, INK)
        y += _line_height(placed.headline_size)
    y += HEADLINE_GAP

    # Each status once, in its colour, with a dot; the names of its categories beneath.
    label_font, names_font = _font(placed.label_size, True), _font(placed.names_size)
    label_height, names_height = _line_height(placed.label_size), _line_height(placed.names_size)
    text_x, width = MARGIN + INDENT, INNER - INDENT
    for group in placed.groups:
        colour = STATUS_COLOURS.get(group.status, MUTED)
        if y + label_height > BODY_BOTTOM:
            break
        dot_y = y + (label_height - DOT) // 2 - 2
        draw.ellipse([MARGIN, dot_y, MARGIN + DOT, dot_y + DOT], fill=_ink(colour))
        for lines, font, height, ink in (
            (group.label, label_font, label_height, colour),
            (group.names, names_font, names_height, INK),
        ):
            for line in lines:
                if y + height > BODY_BOTTOM + GROUP_GAP:
                    break
                _draw(canvas, (text_x, y), _fitted(line, font, width), font, ink)
                y += height
        y += GROUP_GAP

    link_font = _font(24, True)
    link = _fit(_text(card.link), link_font, INNER // 2)
    link_width = int(link_font.getlength(link))
    _draw(canvas, (WIDTH - MARGIN, 594), link, link_font, BAND, "rm", keep=False)
    footer_font, notice = _footer(_text(card.notice), INNER - link_width - 32)
    for index, line in enumerate(notice):
        line_y = 594 if len(notice) == 1 else 581 + 26 * index
        width = INNER - link_width - 32
        _draw(canvas, (MARGIN, line_y), _fitted(line, footer_font, width), footer_font, MUTED, "lm")

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
