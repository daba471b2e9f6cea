"""Atom documents written directly, byte for byte as Django's Atom1Feed writes them (a test
compares the two), without the syndication framework's per-attribute lookups and SAX calls: a
result's feed is written on every request, and most of its entries are kept per notice version
(feeds.py).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.sax.saxutils import escape, quoteattr

from django.utils.encoding import iri_to_uri
from django.utils.xmlutils import UnserializableContentError

CONTENT_TYPE = "application/atom+xml; charset=utf-8"
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")  # not allowed in XML 1.0


def _text(value: str) -> str:
    if _CONTROL.search(value):
        raise UnserializableContentError
    return escape(value)


def _element(name: str, text: str) -> str:
    """<name>text</name>, or <name/> when empty, as Django's XML generator writes it."""
    return f"<{name}>{_text(text)}</{name}>" if text else f"<{name}/>"


def _attribute(value: str) -> str:
    if _CONTROL.search(value):
        raise UnserializableContentError
    return quoteattr(value)


def timestamp(day: date) -> datetime:
    """An entry's date as the feed gives it: midnight UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    title: str
    link: str  # absolute
    day: date  # published and updated
    id: str
    summary: str  # HTML, escaped once more into the XML


def entry_xml(entry: Entry) -> str:
    stamp = timestamp(entry.day).isoformat()
    return (
        f"<entry>{_element('title', entry.title)}"
        f'<link href={_attribute(iri_to_uri(entry.link))} rel="alternate"/>'
        f"<published>{stamp}</published><updated>{stamp}</updated>"
        f"{_element('id', entry.id)}"
        + (
            f'<summary type="html">{_text(entry.summary)}</summary>'
            if entry.summary
            else '<summary type="html"/>'
        )
        + "</entry>"
    )


def feed_xml(
    *,
    language: str,
    title: str,
    link: str,
    feed_url: str,
    subtitle: str,
    updated: datetime,
    entries: Iterable[str],
) -> str:
    """The document around `entries` (each from entry_xml); its id is its link, as Django's."""
    link = iri_to_uri(link)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xml:lang={_attribute(language)} xmlns="http://www.w3.org/2005/Atom">'
        f"{_element('title', title)}"
        f'<link href={_attribute(link)} rel="alternate"/>'
        f'<link href={_attribute(iri_to_uri(feed_url))} rel="self"/>'
        f"{_element('id', link)}<updated>{updated.isoformat()}</updated>"
        f"{_element('subtitle', subtitle)}{''.join(entries)}</feed>"
    )
