"""Page addresses (catalog/web/links.py) are reverse()'s, remembered: a short link's are built
from one remembered address per language with the code put in its slot, and must be exactly
what reverse() gives for any code, in either language."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from catalog.rules.answers import Draft
from catalog.rules.questions import QUESTIONS
from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES
from catalog.web import links

CODE_VIEWS = [
    "catalog:shared-result",
    "catalog:result-qr",
    "catalog:result-letter",
    "catalog:result-letter-txt",
    "catalog:result-feed",
]
codes = st.text("0123456789abcdefghjkmnpqrstvwxyz", min_size=1, max_size=12) | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/"), min_size=1
)


@pytest.mark.parametrize("lang", ["en", "fr"])
@given(code=codes)
def test_a_short_links_addresses_are_what_reverse_gives(lang, code):
    with translation.override(lang):
        for name in CODE_VIEWS:
            assert links.path(name, code=code) == reverse(name, kwargs={"code": code})
        assert links.card_path(code, 7) == reverse(
            "catalog:result-card", kwargs={"code": code, "revision": 7}
        )


@given(code=codes)
def test_an_address_in_the_other_language_is_what_reverse_gives_there(code):
    with translation.override("en"):
        in_french = links.path_in("fr", "catalog:result-letter", code=code)
    with translation.override("fr"):
        assert in_french == reverse("catalog:result-letter", kwargs={"code": code})


def test_codes_seen_once_do_not_fill_the_memo():
    links._reverse.cache_clear()
    with translation.override("en"):
        for number in range(500):
            links.letter_url(f"code{number:04d}")
    assert links._reverse.cache_info().currsize == 1


drafts = st.builds(
    Draft,
    country=st.sampled_from([None, "FR", "GB", "US"]),
    age=st.sampled_from([None, *AGES]),
    setting=st.sampled_from([None, *SETTINGS]),
    switched_off=st.sampled_from([None, *SWITCHED_OFF]),
    uses=st.none() | st.frozensets(st.sampled_from(USES)),
    member_earlier=st.sampled_from([None, *MEMBER_EARLIER]),
)


@pytest.mark.parametrize("lang", ["en", "fr"])
@given(draft=drafts)
def test_the_change_links_are_each_questions_own_address(lang, draft):
    """question_urls writes the draft's query once for all; each link is question_url's."""
    with translation.override(lang):
        assert links.question_urls(QUESTIONS, draft) == [
            links.question_url(question, draft) for question in QUESTIONS
        ]


# Mostly characters urlencode leaves as they are, with some it must quote.
query_text = st.text(st.sampled_from("aZ09_.~-") | st.sampled_from("= &/%+?#é\u00a0")) | st.text()


@given(pairs=st.lists(st.tuples(query_text, query_text)))
@example(pairs=[("country", "FR"), ("uses", "posts")])
@example(pairs=[("a=", "b")])
@example(pairs=[("uses", "a b&c")])
def test_a_query_string_is_what_urlencode_writes_for_any_keys_and_values(pairs):
    assert links.query_string(pairs) == urlencode(pairs)
