"""The letter as the visitor edited it, sent back by a browser without JavaScript to be saved.

Without JavaScript a page cannot save a textarea to a file, so the letter page posts it to
letter.txt, which answers the same text as a download (web/result_views.py). What comes back is
checked here: plain data in, text out; nothing is stored and nothing is logged.

Newlines: a form submission turns every newline into CRLF (HTML, "converting newlines"), while
JavaScript's download (textarea.value) and the generated letter.txt use LF. The text is given back
with LF, so one letter saves to the same bytes by every path; every current editor reads LF
(Windows Notepad included, since 2018).
"""

import re
from dataclasses import dataclass
from typing import Final

from django.utils.formats import number_format
from django.utils.translation import gettext

# The generated letter is about 3,000 to 4,000 characters; this leaves room for pages of
# grounds, and keeps a request (urlencoded: at most 12 bytes a character) under 250 KB.
MAX_CHARACTERS: Final = 20_000
MAX_BODY_BYTES: Final = 12 * MAX_CHARACTERS + 1024

_NEWLINES: Final = re.compile(r"\r\n?")
# Unicode's control characters (C0, DEL, C1) but a text file's own: tab and newline (LF; CR is
# gone once newlines are normalised).
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class EditedLetter:
    """The posted letter: its text (LF newlines, control characters removed) and, when it
    cannot be saved as it is, what is wrong, in the active language."""

    text: str
    too_long: bool = False
    had_controls: bool = False

    @property
    def ok(self) -> bool:
        return not (self.too_long or self.had_controls)

    def problems(self) -> list[str]:
        problems = []
        if self.too_long:
            problems.append(
                gettext(
                    "The letter is too long to download: %(count)s characters, for at most "
                    "%(limit)s. Shorten it, then download it again."
                )
                % {
                    "count": number_format(len(self.text), force_grouping=True),
                    "limit": number_format(MAX_CHARACTERS, force_grouping=True),
                }
            )
        if self.had_controls:
            problems.append(
                gettext(
                    "The letter held invisible control characters, which a text file should "
                    "not contain. They have been removed: check the letter, then download it "
                    "again."
                )
            )
        return problems


def read_edited_letter(posted: str) -> EditedLetter:
    """The posted text with LF newlines; too long, or holding control characters (NUL, escape,
    form feed…: nothing a visitor types), it is given back without them, to show again."""
    text = _NEWLINES.sub("\n", posted)
    kept = _CONTROLS.sub("", text)
    return EditedLetter(kept, too_long=len(kept) > MAX_CHARACTERS, had_controls=kept != text)


def too_long_message() -> str:
    """For a request too big to read at all."""
    return gettext("The letter is too long to download: at most %(limit)s characters.") % {
        "limit": number_format(MAX_CHARACTERS, force_grouping=True)
    }
