"""Where a question page sends the visitor, or what it shows: plain Python over a draft.

The question view reads the query string into a draft and hands it here with the question its URL
names; it gets back a `Redirect` (another question, or the check-your-answers page) or the
`QuestionPage` to render. Which questions are asked is data on each question (questions.py).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from catalog.rules.answers import COUNTRY_CODES, Draft, Errors, error_message
from catalog.rules.questions import (
    QUESTIONS,
    Choice,
    Question,
    applicable_questions,
    choices_for,
    hint_for,
    is_answered,
    next_question,
    previous_question,
    progress,
    title_for,
)
from catalog.snapshot import Notice


@dataclass(frozen=True)
class Redirect:
    """Go to `question` (None: the check-your-answers page), carrying `draft`."""

    question: Question | None
    draft: Draft
    # Carry what the visitor gave for `question` as they gave it, so its page shows the error.
    keep_given: bool = False


@dataclass(frozen=True)
class QuestionPage:
    """A question page to render: the question, in the visitor's words and place."""

    question: Question
    draft: Draft
    number: int  # "Question n": counts only the questions this visitor is asked
    total: int | None  # None until no answer still to give can change it (see settled_total)
    previous: Question | None  # None on the first question: back leaves the questionnaire
    choices: tuple[tuple[Choice, bool], ...]  # each choice, and whether it is selected
    error: str  # in the active language; empty when there is none
    title: str
    hint: str


def first_problem(draft: Draft, errors: Errors, notice: Notice) -> Question | None:
    """The first question, in the visitor's order, that is unanswered or wrongly answered."""
    for question in applicable_questions(draft, notice):
        if question.key in errors or not is_answered(question, draft):
            return question
    return next((question for question in QUESTIONS if question.key in errors), None)


def route_question(
    shown: Question, draft: Draft, errors: Errors, submitted: bool, notice: Notice
) -> Redirect | QuestionPage:
    """What the page of `shown` does with the draft read from its URL.

    `submitted`: the draft comes from this question's own form (a "Change" link or a redirect
    shows the question, prefilled, without moving on).
    """
    asked = applicable_questions(draft, notice)
    if shown not in asked:  # e.g. the setting question for a minor
        return Redirect(next_question(draft, notice), draft)
    for earlier in asked[: asked.index(shown)]:
        if earlier.key in errors or not is_answered(earlier, draft):
            return Redirect(earlier, draft, keep_given=True)

    error = errors.get(shown.key, "")
    if submitted and not error:
        if shown.kind == "checkbox" and not is_answered(shown, draft):
            draft = replace(draft, **{shown.key: frozenset()})  # no box ticked: none of these
        if not is_answered(shown, draft):
            error = error_message(shown.key)
        else:
            return Redirect(next_question(draft, notice), draft)

    value = getattr(draft, shown.key)
    selected = set(value) if isinstance(value, frozenset) else {value} if value else set()
    return QuestionPage(
        question=shown,
        draft=draft,
        number=progress(shown, draft, notice),
        total=settled_total(shown, draft, notice),
        previous=previous_question(shown, draft, notice),
        choices=tuple(
            (choice, choice.value in selected) for choice in choices_for(shown, draft, notice)
        ),
        error=error,
        title=title_for(shown, draft, notice),
        hint=hint_for(shown, draft, notice),
    )


def settled_total(shown: Question, draft: Draft, notice: Notice) -> int | None:
    """How many questions the visitor is asked in all, once the answers before `shown` settle
    it; None while an answer from `shown` on could still change it.

    A total shown earlier would change along the way ("Question 3 of 4", then "4 of 5"), so the
    number alone is right from the first page; the total only once it can no longer move.
    """
    given = Draft(**{question.key: getattr(draft, question.key) for question in _before(shown)})
    # The same few answers come back on every page view: worked out once per notice version.
    return notice.kept((settled_total, given), lambda: _settled_total(given, notice))


def _settled_total(given: Draft, notice: Notice) -> int | None:
    lengths = _path_lengths(given, notice)
    total = next(lengths)
    return total if all(length == total for length in lengths) else None


def _before(shown: Question) -> Sequence[Question]:
    return QUESTIONS[: QUESTIONS.index(shown)]


def _path_lengths(draft: Draft, notice: Notice) -> Iterator[int]:
    """How many questions each way of answering the rest asks, depth first (callers stop at the
    first difference, so the country page looks at a few countries, not all)."""
    following = next_question(draft, notice)
    if following is None:
        yield len(applicable_questions(draft, notice))
        return
    for value in _possible_answers(following):
        yield from _path_lengths(replace(draft, **{following.key: value}), notice)


def _possible_answers(question: Question) -> Sequence[str | frozenset[str]]:
    if question.key == "country":
        return sorted(COUNTRY_CODES)
    if question.kind == "checkbox":
        # Which of its boxes are ticked decides no question's `asked`: one answer stands for all.
        return (frozenset(),)
    return [choice.value for choice in question.choices]
