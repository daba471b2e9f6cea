"""The questionnaire as data: for each response, which question comes next (smart-answers style)."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules.answers import Draft
from catalog.rules.questions import (
    QUESTIONS,
    applicable_questions,
    choices_for,
    country_choices,
    get_question,
    hint_for,
    next_question,
    previous_question,
    progress,
)
from catalog.rules.vocabulary import AGES, SETTINGS, SWITCHED_OFF, USES
from tests.test_assessment import REGIONS


def next_key(**answers) -> str | None:
    question = next_question(Draft(**answers), REGIONS)
    return question.key if question else None


def test_the_questions_follow_the_vocabulary_in_order():
    assert [question.key for question in QUESTIONS] == [
        "country",
        "age",
        "setting",
        "switched_off",
        "uses",
    ]
    assert [choice.value for choice in get_question("age").choices] == list(AGES)
    assert [choice.value for choice in get_question("setting").choices] == list(SETTINGS)
    assert [choice.value for choice in get_question("switched_off").choices] == list(SWITCHED_OFF)
    assert [choice.value for choice in get_question("uses").choices] == list(USES)


def test_an_unknown_question_key_is_none():
    assert get_question("favourite-colour") is None


def test_with_no_answers_the_next_question_is_country():
    assert next_key() == "country"


def test_for_a_country_the_next_question_is_age():
    assert next_key(country="FR") == "age"


def test_for_an_adult_the_next_question_is_setting():
    assert next_key(country="FR", age="adult") == "setting"


def test_for_a_minor_the_next_question_is_uses_skipping_the_setting_questions():
    assert next_key(country="FR", age="minor") == "uses"


@pytest.mark.parametrize("setting", ["on", "unknown"])
def test_for_a_setting_that_may_be_on_the_next_question_is_uses(setting):
    assert next_key(country="FR", age="adult", setting=setting) == "uses"


@pytest.mark.parametrize("country", ["FR", "CH", "GB", "CA", "HK"])
def test_for_off_where_the_notice_came_before_the_start_the_next_question_is_switched_off(
    country,
):
    assert next_key(country=country, age="adult", setting="off") == "switched_off"


def test_for_off_where_training_started_with_the_setting_the_next_question_is_uses():
    assert next_key(country="US", age="adult", setting="off") == "uses"


def test_for_a_switch_off_date_the_next_question_is_uses():
    assert next_key(country="FR", age="adult", setting="off", switched_off="after") == "uses"


@pytest.mark.parametrize("uses", [frozenset(), frozenset({"posts"})])
def test_once_uses_is_answered_no_question_is_left(uses):
    assert next_key(country="FR", age="adult", setting="on", uses=uses) is None
    assert next_key(country="FR", age="minor", uses=uses) is None


def test_a_later_answer_does_not_skip_an_earlier_missing_one():
    assert next_key(country="FR", setting="on", uses=frozenset()) == "age"


def test_progress_counts_only_the_questions_that_apply_to_this_visitor():
    off = Draft(country="FR", age="adult", setting="off")
    assert progress(get_question("switched_off"), off, REGIONS) == (4, 5)
    assert progress(get_question("uses"), off, REGIONS) == (5, 5)
    minor = Draft(country="FR", age="minor")
    assert progress(get_question("uses"), minor, REGIONS) == (3, 3)
    assert progress(get_question("country"), Draft(), REGIONS) == (1, 4)


def test_the_previous_question_skips_questions_that_do_not_apply():
    minor = Draft(country="FR", age="minor")
    assert previous_question(get_question("uses"), minor, REGIONS).key == "age"
    assert previous_question(get_question("country"), minor, REGIONS) is None
    off = Draft(country="FR", age="adult", setting="off")
    assert previous_question(get_question("uses"), off, REGIONS).key == "switched_off"


def test_the_switch_off_question_names_the_region_start_date():
    question = get_question("switched_off")
    draft = Draft(country="FR", age="adult", setting="off")
    assert "3 November 2025" in hint_for(question, draft, REGIONS)
    assert choices_for(question, draft, REGIONS)[0].label == "Before 3 November 2025"
    with translation.override("fr"):
        assert "3 novembre 2025" in choices_for(question, draft, REGIONS)[0].label


def test_the_country_question_lists_every_country_by_its_localised_name_in_order():
    with translation.override("fr"):
        french = country_choices()
    with translation.override("en"):
        english = country_choices()
    assert len(french) == len(english) > 240
    assert ("DE", "Allemagne") in [(choice.value, choice.label) for choice in french]
    assert ("DE", "Germany") in [(choice.value, choice.label) for choice in english]
    assert [choice.value for choice in french] != [choice.value for choice in english]


drafts = st.builds(
    Draft,
    country=st.one_of(st.none(), st.sampled_from(["FR", "GB", "US", "HK"])),
    age=st.one_of(st.none(), st.sampled_from(AGES)),
    setting=st.one_of(st.none(), st.sampled_from(SETTINGS)),
    switched_off=st.one_of(st.none(), st.sampled_from(SWITCHED_OFF)),
    uses=st.one_of(st.none(), st.frozensets(st.sampled_from(USES))),
)


@given(drafts)
def test_the_next_question_always_applies_and_is_unanswered(draft):
    question = next_question(draft, REGIONS)
    if question is not None:
        assert question in applicable_questions(draft, REGIONS)
        assert getattr(draft, question.key) is None


@given(drafts)
def test_a_minor_is_never_asked_about_the_setting(draft):
    if draft.age == "minor":
        keys = [question.key for question in applicable_questions(draft, REGIONS)]
        assert "setting" not in keys and "switched_off" not in keys


@given(drafts)
def test_progress_never_exceeds_its_total(draft):
    for question in applicable_questions(draft, REGIONS):
        number, total = progress(question, draft, REGIONS)
        assert 1 <= number <= total <= 5
