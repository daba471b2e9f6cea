"""French typography, applied in one place to every French page (templates and content alike).

A narrow no-break space (U+202F) goes before : ; ! ? and inside « », as French typography asks.
Only text between tags changes, never markup, scripts, styles, a textarea's text or text marked
as another language; a colon inside a URL or a time ("https://", "10:30") is left alone because
no space follows it.
"""

import re
from typing import Final

NARROW_NBSP: Final = "\u202f"

# Left exactly as they are: scripts, styles, form fields' text (a letter the visitor typed is
# shown again as typed; the generated one comes typeset) and an element in another language (a
# source's title as published keeps its own typography).
_KEPT: Final = re.compile(
    r"<script\b.*?</script>|<style\b.*?</style>|<textarea\b.*?</textarea>"
    r"""|<(\w+)\b[^>]*\blang=["'](?!fr)[^"']*["'][^>]*>.*?</\1>""",
    re.S | re.I,
)
_CANDIDATES: Final = re.compile(r"[:;!?«»]")
_SPACES: Final = " \u00a0\u202f"


def _in_text(text: str, at: int) -> bool:
    """Between tags, not inside one: the next angle bracket is an opening one, or there is none."""
    closing = text.find(">", at)
    opening = text.find("<", at)
    return closing == -1 or -1 < opening < closing


def french_text(text: str) -> str:
    """Text (or markup without kept elements) with French typography in its text nodes.

    Written as a loop over the few marks rather than one regex: a regex that may start on any
    space tries every position of the page, ten times slower on a whole page.
    """
    pieces, end = [], 0
    for candidate in _CANDIDATES.finditer(text):
        at, mark = candidate.start(), candidate[0]
        if at < end or not _in_text(text, at):
            continue
        before = text[at - 1] if at else ">"
        following = text[at + 1 : at + 2]
        # Right after "« ", its narrow space serves the next mark too ("«»", "« ?").
        space = "" if end == at and pieces and pieces[-1].endswith(NARROW_NBSP) else NARROW_NBSP
        # An existing space inside « » is replaced, not doubled.
        if mark == "«":
            pieces += [text[end:at], "«" + NARROW_NBSP]
            end = at + 2 if following and following in _SPACES else at + 1
            continue
        if mark == "»":
            start = at - 1 if before in _SPACES and at - 1 >= end else at
            pieces += [text[end:start], space + "»"]
            end = at + 1
            continue
        if following and not (following.isspace() or following == "<"):
            continue  # "https://", "10:30", "?q="
        # After a word, with an ordinary space or none; or first in a text node, right after an
        # element ("<strong>Note</strong>: x"). A space right after an element is left alone.
        if before in " \u00a0":
            word_end = text[at - 2] if at >= 2 else ">"
            if word_end.isspace() or word_end == ">":
                continue
            pieces += [text[end : at - 1], space + mark]
        elif before.isspace():
            continue
        else:
            pieces += [text[end:at], space + mark]
        end = at + 1
    pieces.append(text[end:])
    return "".join(pieces)


def french_html(html: str) -> str:
    """The page with French typography in its text nodes."""
    pieces, end = [], 0
    for kept in _KEPT.finditer(html):
        pieces += [french_text(html[end : kept.start()]), kept[0]]
        end = kept.end()
    pieces.append(french_text(html[end:]))
    return "".join(pieces)
