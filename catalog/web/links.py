"""Every page address more than one view builds: the questionnaire's, the result's and its short
links'. Paths in the active language; views import these instead of each other.
"""

from collections.abc import Sequence
from urllib.parse import urlencode

from django.urls import reverse

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


def _with_query(path: str, pairs: Sequence[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


# ---------------------------------------------------------------- the questionnaire


def question_url(question: Question, draft: Draft) -> str:
    return _with_query(
        reverse("catalog:check-question", args=[question.key]), draft_query_pairs(draft)
    )


def answers_url(draft: Draft) -> str:
    """The check-your-answers page for a draft."""
    return _with_query(reverse("catalog:check-answers"), draft_query_pairs(draft))


def step_url(question: Question | None, draft: Draft) -> str:
    """The question to answer next, or the check-your-answers page when it is None."""
    return question_url(question, draft) if question else answers_url(draft)


def fix_url(question: Question, draft: Draft, given: MultiValued) -> str:
    """The question to fix, with what the visitor gave for it (`given`: the query string read),
    so its page shows the error."""
    pairs = [pair for pair in draft_query_pairs(draft) if pair[0] != question.key]
    pairs += [(question.key, value) for value in given.getlist(question.key)[:MAX_USES]]
    pairs.sort(key=lambda pair: KEYS.index(pair[0]))  # stable: canonical key order
    return _with_query(reverse("catalog:check-question", args=[question.key]), pairs)


def redirect_url(redirect: Redirect, given: MultiValued) -> str:
    """Where a question page's redirect goes (`given`: the query string the page read)."""
    if redirect.keep_given and redirect.question is not None:
        return fix_url(redirect.question, redirect.draft, given)
    return step_url(redirect.question, redirect.draft)


# ---------------------------------------------------------------- results and short links


def result_url(answers: Answers) -> str:
    """The result page for these answers, in the active language. The one place that builds it."""
    return _with_query(reverse("catalog:result"), to_query_pairs(answers))


def shared_result_url(code: str) -> str:
    """A short link's path: /<lang>/r/<code>/."""
    return reverse("catalog:shared-result", args=[code])


def short_url(answers: Answers, notice_code_id: int) -> str:
    """The short link's path for answers computed against a notice version."""
    return shared_result_url(codes.encode(answers, notice_code_id))


def card_path(code: str, revision: int) -> str:
    """The card's path for a code at a content revision: /<lang>/r/<code>/card-<revision>.png."""
    return reverse("catalog:result-card", kwargs={"code": code, "revision": revision})


def letter_url(code: str) -> str:
    return reverse("catalog:result-letter", args=[code])


def letter_txt_url(code: str) -> str:
    return reverse("catalog:result-letter-txt", args=[code])


def correction_url(slug: str) -> str:
    """A content correction's entry on the public changes log."""
    return reverse("catalog:changes") + f"#correction-{slug}"
