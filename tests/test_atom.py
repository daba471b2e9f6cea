"""The Atom writer (catalog/web/atom.py) writes what Django's Atom1Feed writes, byte for byte,
for any text: the result feed stopped using the syndication framework for speed, not to change a
character. Control characters XML cannot hold are refused, as Django refuses them."""

import io
from datetime import date

import pytest
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import UnserializableContentError
from hypothesis import given
from hypothesis import strategies as st

from catalog.web import atom

# Any text XML 1.0 holds: no control character but tab, newline and carriage return.
xml_text = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)],
    )
)
links = st.sampled_from(
    [
        "https://example.org/en/r/abc/",
        "http://testserver/fr/changes/#correction-x",
        "https://exämple.org/é?a=1&b=<2>",
    ]
)
entries = st.builds(
    atom.Entry, title=xml_text, link=links, day=st.dates(), id=xml_text, summary=xml_text
)


def django_atom(language, title, link, feed_url, subtitle, items) -> str:
    """What Django's syndication framework writes: its views pass every link through
    add_domain, which applies iri_to_uri (the feed's id is its link)."""
    link, feed_url = iri_to_uri(link), iri_to_uri(feed_url)
    feed = Atom1Feed(
        title=title,
        link=link,
        description="",
        language=language,
        feed_url=feed_url,
        subtitle=subtitle,
    )
    for entry in items:
        feed.add_item(
            title=entry.title,
            link=entry.link,
            description=entry.summary,
            unique_id=entry.id,
            pubdate=atom.timestamp(entry.day),
            updateddate=atom.timestamp(entry.day),
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


@given(
    st.sampled_from(["en", "fr"]),
    xml_text,
    links,
    links,
    xml_text,
    st.lists(entries, min_size=1, max_size=4),
)
def test_the_writer_writes_what_djangos_atom1feed_writes(
    language, title, link, feed_url, subtitle, items
):
    ours = atom.feed_xml(
        language=language,
        title=title,
        link=link,
        feed_url=feed_url,
        subtitle=subtitle,
        updated=atom.timestamp(max(entry.day for entry in items)),
        entries=[atom.entry_xml(entry) for entry in items],
    )
    assert ours == django_atom(language, title, link, feed_url, subtitle, items)


@pytest.mark.parametrize("field", ["title", "id", "summary"])
def test_a_control_character_is_refused_like_django_refuses_it(field):
    values = {
        "title": "t",
        "link": "https://example.org/",
        "day": date(2026, 1, 1),
        "id": "i",
        "summary": "s",
    }
    values[field] = "bell \x07"
    with pytest.raises(UnserializableContentError):
        atom.entry_xml(atom.Entry(**values))
