"""Where a question page goes, or what it shows (catalog/rules/routing.py): plain calls over a
draft and the loaded notice, no client, no request.
"""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules.answers import Draft, error_message
from catalog.rules.questions import (
    QUESTIONS,
    applicable_questions,
    get_question,
    is_answered,
    next_question,
)
from catalog.rules.routing import (
    QuestionPage,
    Redirect,
    first_problem,
    route_question,
    settled_total,
)
from catalog.rules.vocabulary import USES
from tests.test_progress import alternatives, result_of, value_strategy
from tests.test_questions import drafts

pytestmark = pytest.mark.django_db

COUNTRY, AGE, SETTING, SWITCHED_OFF, MEMBER_EARLIER, USES_QUESTION = QUESTIONS
FR_ADULT = Draft(country="FR", age="adult")
GB_BEFORE = Draft(country="GB", age="adult", setting="off", switched_off="before")


def page(shown, draft, notice, errors=None, submitted=False) -> QuestionPage:
    step = route_question(shown, draft, errors or {}, submitted, notice)
    assert isinstance(step, QuestionPage), step
    return step


def redirect(shown, draft, notice, errors=None, submitted=False) -> Redirect:
    step = route_question(shown, draft, errors or {}, submitted, notice)
    assert isinstance(step, Redirect), step
    return step


# ---------------------------------------------------------------- redirects


def test_a_question_that_does_not_apply_sends_on_to_the_next_one(notice):
    minor = Draft(country="GB", age="minor")
    assert redirect(SETTING, minor, notice) == Redirect(MEMBER_EARLIER, minor)


def test_past_the_last_question_that_applies_it_sends_to_the_answers_page(notice):
    minor = Draft(country="FR", age="minor")
    assert redirect(USES_QUESTION, minor, notice) == Redirect(None, minor)


def test_a_missing_earlier_answer_sends_back_to_its_question_with_what_was_given(notice):
    draft = Draft(country="FR")
    assert redirect(SETTING, draft, notice) == Redirect(AGE, draft, keep_given=True)


def test_a_bad_earlier_answer_sends_back_to_its_question_first(notice):
    errors = {"country": "bad", "age": "bad"}
    step = redirect(USES_QUESTION, Draft(setting="on"), notice, errors)
    assert step == Redirect(COUNTRY, Draft(setting="on"), keep_given=True)


def test_a_submitted_answer_moves_on_with_every_answer(notice):
    draft = replace(FR_ADULT, setting="off")
    assert redirect(SETTING, draft, notice, submitted=True) == Redirect(SWITCHED_OFF, draft)


def test_submitting_no_box_ticked_means_none_of_these(notice):
    draft = replace(FR_ADULT, setting="on")
    step = redirect(USES_QUESTION, draft, notice, submitted=True)
    assert step == Redirect(None, replace(draft, uses=frozenset()))


# ---------------------------------------------------------------- pages


def test_the_first_page_is_question_one_with_no_way_back_and_no_total(notice):
    first = page(COUNTRY, Draft(), notice)
    assert (first.number, first.total, first.previous, first.error) == (1, None, None, "")
    assert first.title == "Which country do you live in?"
    assert any(choice.value == "FR" for choice, _selected in first.choices)


def test_a_change_link_shows_the_answer_selected_without_moving_on(notice):
    shown = page(SETTING, replace(FR_ADULT, setting="off", uses=frozenset()), notice)
    assert [choice.value for choice, selected in shown.choices if selected] == ["off"]
    assert (shown.number, shown.previous) == (3, AGE)


def test_every_box_ticked_before_shows_ticked(notice):
    shown = page(
        USES_QUESTION, replace(FR_ADULT, setting="on", uses=frozenset({"posts", "salary"})), notice
    )
    assert {choice.value for choice, selected in shown.choices if selected} == {"posts", "salary"}


def test_submitting_no_answer_shows_the_question_s_error(notice):
    shown = page(SETTING, FR_ADULT, notice, submitted=True)
    assert shown.error == error_message("setting")


def test_a_bad_answer_shows_its_own_error_on_its_page(notice):
    shown = page(SETTING, FR_ADULT, notice, {"setting": "Give one answer only."}, submitted=True)
    assert shown.error == "Give one answer only."


def test_a_question_s_wording_names_the_visitor_s_dates(notice):
    shown = page(MEMBER_EARLIER, GB_BEFORE, notice)
    assert shown.title == "Did you have a LinkedIn account before 20 September 2024?"


# ---------------------------------------------------------------- the total


@pytest.mark.parametrize(
    ("shown", "draft", "total"),
    [
        (AGE, Draft(country="US"), None),  # a minor or an adult: 3 or 4 questions
        (SETTING, FR_ADULT, None),  # on: 4; off: when, then 5
        (SETTING, Draft(country="US", age="adult"), 4),  # off or on: never asked when
        (SWITCHED_OFF, replace(GB_BEFORE, switched_off=None), None),  # before: membership too
        (MEMBER_EARLIER, GB_BEFORE, 6),
        (MEMBER_EARLIER, Draft(country="HK", age="minor"), 3),
        (USES_QUESTION, replace(FR_ADULT, setting="on"), 4),
    ],
)
def test_a_total_is_given_only_once_no_answer_left_can_change_it(notice, shown, draft, total):
    assert settled_total(shown, draft, notice) == total


def test_the_answer_to_the_question_shown_does_not_settle_the_total(notice):
    """A "Change" link reopens a question: its answer may change, and the total with it."""
    assert settled_total(SWITCHED_OFF, GB_BEFORE, notice) is None


# ---------------------------------------------------------------- first_problem


def test_no_problem_once_every_question_that_applies_is_answered(notice):
    assert (
        first_problem(replace(GB_BEFORE, member_earlier="no", uses=frozenset()), {}, notice) is None
    )


def test_a_bad_answer_to_a_question_that_may_not_apply_is_still_a_problem(notice):
    draft = Draft(country="FR", age="minor")
    assert first_problem(draft, {"setting": "bad"}, notice) == SETTING


# ---------------------------------------------------------------- properties

# A draft as read from a URL: a key with an error has no value.
drafts_with_errors = st.tuples(drafts, st.sets(st.sampled_from([q.key for q in QUESTIONS]))).map(
    lambda pair: (
        replace(pair[0], **dict.fromkeys(pair[1])),
        {key: error_message(key) for key in pair[1]},
    )
)


@given(drafts_with_errors, st.sampled_from(QUESTIONS), st.booleans())
def test_a_page_shows_a_question_only_once_everything_before_it_is_answered(
    notice, read, shown, submitted
):
    draft, errors = read
    step = route_question(shown, draft, errors, submitted, notice)
    asked = applicable_questions(draft, notice)
    if isinstance(step, QuestionPage):
        earlier = asked[: asked.index(shown)]
        assert all(is_answered(q, draft) and q.key not in errors for q in earlier)
        assert step.number == len(earlier) + 1
        assert step.previous == (earlier[-1] if earlier else None)
    elif step.keep_given:  # to the first question to fix, which comes before this one
        assert step.question == first_problem(draft, errors, notice)
        assert step.question in asked[: asked.index(shown)]
    else:  # on: never back to the same page
        assert step.question == next_question(step.draft, notice)
        assert step.question != shown


@given(drafts, st.frozensets(st.sampled_from(USES)))
def test_which_boxes_are_ticked_decides_no_question_s_asked(notice, draft, uses):
    """settled_total tries one answer for a checkbox question: it must stand for all."""
    assert applicable_questions(replace(draft, uses=uses), notice) == applicable_questions(
        draft, notice
    )


@given(st.data())
def test_answering_page_after_page_reaches_the_answers_page_as_numbered(notice, data):
    draft = Draft()
    step = Redirect(next_question(draft, notice), draft)  # what /check/ does
    pages: list[QuestionPage] = []
    while step.question is not None:
        shown = page(step.question, step.draft, notice)
        pages.append(shown)
        assert len(pages) <= len(QUESTIONS), "the questionnaire must end"
        value = data.draw(value_strategy(shown.question.key))
        step = redirect(
            shown.question,
            replace(shown.draft, **{shown.question.key: value}),
            notice,
            submitted=True,
        )
        assert not step.keep_given
    asked = len(pages)
    assert [shown.number for shown in pages] == list(range(1, asked + 1))
    assert [shown.previous for shown in pages] == [None, *(shown.question for shown in pages[:-1])]
    # A total, when given, is the right one; the uses page, always last, always has it.
    assert all(shown.total in (None, asked) for shown in pages)
    assert pages[0].total is None
    if pages[-1].question == get_question("uses"):
        assert pages[-1].total == asked
    # Every question asked can change the result.
    complete = step.draft
    for shown in pages:
        key = shown.question.key
        others = alternatives(key, getattr(complete, key))
        assert any(
            result_of(replace(complete, **{key: other}), notice) != result_of(complete, notice)
            for other in others
        ), f"{key} cannot change the result"
