"""French typography, applied in one place to every French page (templates and content alike).

A narrow no-break space (U+202F) goes before : ; ! ? and inside « », as French typography asks.
Only text between tags changes, never markup, scripts or styles; a colon inside a URL or a time
("https://", "10:30") is left alone because no space follows it.
"""

import re
from typing import Final

NARROW_NBSP: Final = "\u202f"
_TAG_OR_TEXT: Final = re.compile(
    r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>)", re.S | re.I
)
# A high punctuation mark after a word (with an ordinary space or none), or at the start of a
# text node (right after an inline element), followed by a space or the end of the text.
_HIGH_PUNCTUATION: Final = re.compile(r"(?:(?<=\S)[ \u00a0]?|^)([:;!?])(?=\s|$)")
_OPENING_QUOTE: Final = re.compile(r"«[ \u00a0]?")
_CLOSING_QUOTE: Final = re.compile(r"[ \u00a0]?»")


def french_text(text: str) -> str:
    text = _HIGH_PUNCTUATION.sub(NARROW_NBSP + r"\1", text)
    text = _OPENING_QUOTE.sub("«" + NARROW_NBSP, text)
    return _CLOSING_QUOTE.sub(NARROW_NBSP + "»", text)


def french_html(html: str) -> str:
    """The page with French typography in its text nodes."""
    parts = _TAG_OR_TEXT.split(html)
    # split() with one group alternates text, markup, text, …: even indexes are text.
    return "".join(
        french_text(part) if index % 2 == 0 else part for index, part in enumerate(parts)
    )
