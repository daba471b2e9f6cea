"""Logs that hold no visitor's answers: result codes and query strings are masked.

A short link's code (/<lang>/r/<code>/, and its card, letter and letter.txt) decodes to the
visitor's country, age, setting and uses; a query string (/<lang>/result/?country=…) holds them in
clear. Both are written `…` in every log line: /fr/r/…/card-3.png, /en/result/?….

Used by gunicorn's access log (config/gunicorn.py: logger_class) and by Django's logging
(config/settings.py: LOGGING, for django.request, django.server and the stdout handler).
"""

import logging
import re

MASK = "…"
# A path segment "r" (or "R", a 404 but still a code) and the segment after it: the code, however
# it is spelled.
_CODE = re.compile(r"(/r/)[^/?#\s\"']+", re.IGNORECASE)
# A query string after a path: from "?" to the end of the URL.
_QUERY = re.compile(r"(/[^\s\"'?]*)\?[^\s\"']*")


def mask(text: str) -> str:
    """The text with every result code and every URL's query string masked."""
    return _QUERY.sub(rf"\g<1>?{MASK}", _CODE.sub(rf"\g<1>{MASK}", text))


class PrivatePaths(logging.Filter):
    """A logging filter that masks codes and query strings in a record's message (and in the
    traceback, if any); it never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit: logging reports it when it writes the line
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True
