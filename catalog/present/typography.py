"""French typography, applied in one place to every French page (templates and content alike).

A narrow no-break space (U+202F) goes before : ; ! ? and inside « », as French typography asks.
Only text between tags changes, never markup, scripts, styles or text marked as another language;
a colon inside a URL or a time ("https://", "10:30") is left alone because no space follows it.
"""

import re
from typing import Final

NARROW_NBSP: Final = "\u202f"
_TAG_OR_TEXT: Final = re.compile(
    r"<script\b.*?</script>|<style\b.*?</style>"
    # An element in another language (a source's title as published) keeps its own typography.
    r"""|<(\w+)\b[^>]*\blang=["'](?!fr)[^"']*["'][^>]*>.*?</\1>"""
    r"|<[^>]*>",
    re.S | re.I,
)
# A high punctuation mark after a word (with an ordinary space or none), or at the start of a
# text node (right after an inline element), followed by a space or the end of the text.
_HIGH_PUNCTUATION: Final = re.compile(r"(?:(?<=\S)[ \u00a0]?|^)([:;!?])(?=\s|$)")
# An existing narrow space inside « » is kept, not doubled.
_OPENING_QUOTE: Final = re.compile(r"«[ \u00a0\u202f]?")
_CLOSING_QUOTE: Final = re.compile(r"[ \u00a0\u202f]?»")


def french_text(text: str) -> str:
    text = _HIGH_PUNCTUATION.sub(NARROW_NBSP + r"\1", text)
    text = _OPENING_QUOTE.sub("«" + NARROW_NBSP, text)
    return _CLOSING_QUOTE.sub(NARROW_NBSP + "»", text)


def french_html(html: str) -> str:
    """The page with French typography in its text nodes."""
    pieces, end = [], 0
    for markup in _TAG_OR_TEXT.finditer(html):
        pieces += [french_text(html[end : markup.start()]), markup.group(0)]
        end = markup.end()
    pieces.append(french_text(html[end:]))
    return "".join(pieces)
