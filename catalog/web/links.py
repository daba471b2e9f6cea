"""Every page address more than one view builds: the questionnaire's, the result's and its short
links'. Paths in the active language; views import these instead of each other.
"""

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlencode

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, override

from catalog.rules import codes
from catalog.rules.answers import (
    KEYS,
    MAX_USES,
    Answers,
    Draft,
    MultiValued,
    draft_query_pairs,
    to_query_pairs,
)
from catalog.rules.questions import Question
from catalog.rules.routing import Redirect


def path(name: str, *args: str | int, **kwargs: str | int) -> str:
    """reverse(), remembered: pages link to the same few dozen addresses, and reverse() cost a
    third of a render. An address depends only on these arguments, the active language and the
    script prefix."""
    return path_in(get_language(), name, *args, **kwargs)


def path_in(language: str | None, name: str, *args: str | int, **kwargs: str | int) -> str:
    """`path` in another language than the active one (the language switch, the alternates)."""
    code = kwargs.get("code")
    if isinstance(code, str) and _PLAIN_CODE.fullmatch(code):
        # One address per short link: remembering each would fill the memo with codes seen
        # once. Reversed once with a slot in the code's place, then the code put in.
        kwargs["code"] = _CODE_SLOT
        address = _reverse(language, get_script_prefix(), name, args, tuple(kwargs.items()))
        return address.replace(_CODE_SLOT, code)
    return _reverse(language, get_script_prefix(), name, args, tuple(kwargs.items()))


_CODE_SLOT = "codeslot"
_PLAIN_CODE = re.compile(r"[0-9a-z]{1,32}")  # what reverse() leaves as it is


@lru_cache(maxsize=4096)
def _reverse(language: str | None, prefix: str, name: str, args: tuple, kwargs: tuple) -> str:
    with override(language):
        return reverse(name, args=args, kwargs=dict(kwargs))


# What urlencode leaves as it is: every key and value of a valid draft (the vocabulary's slugs,
# country codes). A visitor's invalid answers, kept for their question's error, may hold more.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")


def query_string(pairs: Sequence[tuple[str, str]]) -> str:
    """urlencode(pairs), joined directly when no key or value needs quoting: urlencode quotes
    each one in Python, a dozen calls for a result's address."""
    if _UNQUOTED.fullmatch("".join([key + value for key, value in pairs])):
        return "&".join([f"{key}={value}" for key, value in pairs])
    return urlencode(pairs)


def _with_query(address: str, pairs: Sequence[tuple[str, str]]) -> str:
    return f"{address}?{query_string(pairs)}" if pairs else address


# ---------------------------------------------------------------- the questionnaire


def question_url(question: Question, draft: Draft) -> str:
    return _with_query(path("catalog:check-question", question.key), draft_query_pairs(draft))


def question_urls(questions: Sequence[Question], draft: Draft) -> list[str]:
    """`question_url` for each question (the check-your-answers page's "Change" links), the
    draft's query string written once for all."""
    query = query_string(draft_query_pairs(draft))
    addresses = (path("catalog:check-question", question.key) for question in questions)
    return [f"{address}?{query}" if query else address for address in addresses]


def answers_url(draft: Draft) -> str:
    """The check-your-answers page for a draft."""
    return _with_query(path("catalog:check-answers"), draft_query_pairs(draft))


def step_url(question: Question | None, draft: Draft) -> str:
    """The question to answer next, or the check-your-answers page when it is None."""
    return question_url(question, draft) if question else answers_url(draft)


def fix_url(question: Question, draft: Draft, given: MultiValued) -> str:
    """The question to fix, with what the visitor gave for it (`given`: the query string read),
    so its page shows the error."""
    pairs = [pair for pair in draft_query_pairs(draft) if pair[0] != question.key]
    pairs += [(question.key, value) for value in given.getlist(question.key)[:MAX_USES]]
    pairs.sort(key=lambda pair: KEYS.index(pair[0]))  # stable: canonical key order
    return _with_query(path("catalog:check-question", question.key), pairs)


def redirect_url(redirect: Redirect, given: MultiValued) -> str:
    """Where a question page's redirect goes (`given`: the query string the page read)."""
    if redirect.keep_given and redirect.question is not None:
        return fix_url(redirect.question, redirect.draft, given)
    return step_url(redirect.question, redirect.draft)


# ---------------------------------------------------------------- results and short links


def result_url(answers: Answers) -> str:
    """The result page for these answers, in the active language. The one place that builds it."""
    return _with_query(path("catalog:result"), to_query_pairs(answers))


def shared_result_url(code: str) -> str:
    """A short link's path: /<lang>/r/<code>/."""
    return path("catalog:shared-result", code=code)


def short_url(answers: Answers, notice_code_id: int) -> str:
    """The short link's path for answers computed against a notice version."""
    return shared_result_url(codes.encode(answers, notice_code_id))


def card_path(code: str, revision: int) -> str:
    """The card's path for a code at a content revision: /<lang>/r/<code>/card-<revision>.png."""
    return path("catalog:result-card", code=code, revision=revision)


def qr_path(code: str) -> str:
    """The QR code of a short link, as an image: /<lang>/r/<code>/qr.svg."""
    return path("catalog:result-qr", code=code)


def letter_url(code: str) -> str:
    return path("catalog:result-letter", code=code)


def letter_txt_url(code: str) -> str:
    return path("catalog:result-letter-txt", code=code)


def result_feed_url(code: str) -> str:
    return path("catalog:result-feed", code=code)


def correction_url(slug: str) -> str:
    """A content correction's entry on the public changes log."""
    return path("catalog:changes") + f"#correction-{slug}"
