"""The questionnaire's progress line and its questions, over every path through it.

A visitor reads "Question n" on each page, with no total: how many questions follow depends on
answers not given yet, so a total shown from the first page would change along the way (issue 9:
"Question 3 of 4", then "4 of 5"). Every question asked must be able to change the result.
"""

import re
from dataclasses import replace
from urllib.parse import urlencode

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.rules.answers import (
    COUNTRY_CODES,
    Draft,
    answers_from_draft,
    draft_query_pairs,
)
from catalog.rules.assessment import assess
from catalog.rules.questions import QUESTIONS, next_question, progress
from catalog.rules.vocabulary import USES

pytestmark = pytest.mark.django_db

# One country per region first, so that every region comes up often; then any country.
REGION_COUNTRIES = ("FR", "CH", "GB", "CA", "HK", "US")
countries = st.one_of(st.sampled_from(REGION_COUNTRIES), st.sampled_from(sorted(COUNTRY_CODES)))
uses = st.frozensets(st.sampled_from(USES))


def value_strategy(key: str) -> st.SearchStrategy:
    if key == "country":
        return countries
    if key == "uses":
        return uses
    question = next(question for question in QUESTIONS if question.key == key)
    return st.sampled_from([choice.value for choice in question.choices])


Step = tuple[str, Draft]  # the question's key, and the answers given before it


def walk(data: st.DataObject, notice) -> tuple[list[Step], Draft]:
    """Answer the questionnaire as the pages ask it, one question after the other, to its end."""
    draft = Draft()
    steps: list[Step] = []
    while (question := next_question(draft, notice)) is not None:
        steps.append((question.key, draft))
        assert len(steps) <= len(QUESTIONS), "the questionnaire must end"
        draft = replace(draft, **{question.key: data.draw(value_strategy(question.key))})
    return steps, draft


def result_of(draft: Draft, notice) -> tuple:
    """What the visitor reads: statuses and their basis and periods, the exclusions shown."""
    assessment = assess(answers_from_draft(draft, notice), notice)
    return (
        assessment.region.slug,
        assessment.training,
        tuple((category.slug, category.status) for category in assessment.categories),
        tuple((exclusion.slug, exclusion.applies) for exclusion in assessment.exclusions),
    )


def alternatives(key: str, value) -> list:
    """Other answers to the same question."""
    if key == "country":
        return [country for country in REGION_COUNTRIES if country != value]
    if key == "uses":
        return [value ^ {use} for use in USES]
    question = next(question for question in QUESTIONS if question.key == key)
    return [choice.value for choice in question.choices if choice.value != value]


@given(st.data())
def test_the_question_numbers_run_one_by_one_along_every_path(notice, data):
    steps, _ = walk(data, notice)
    numbers = [
        progress(next(q for q in QUESTIONS if q.key == key), before, notice)
        for key, before in steps
    ]
    assert numbers == list(range(1, len(steps) + 1))


@given(st.data())
def test_every_question_asked_can_change_the_result(notice, data):
    steps, complete = walk(data, notice)
    result = result_of(complete, notice)
    for key, _before in steps:
        value = getattr(complete, key)
        changed = [
            result_of(replace(complete, **{key: other}), notice)
            for other in alternatives(key, value)
        ]
        assert any(other != result for other in changed), f"{key} cannot change the result"


def test_no_total_could_be_right_from_the_first_page(notice):
    """Why the progress line shows no total: from the first page, paths run from 2 questions
    (a minor in France) to 6 (a UK adult who switched off before the current period)."""
    lengths = set()
    for country in REGION_COUNTRIES:
        for draft in (
            Draft(country=country, age="minor", member_earlier="yes"),
            Draft(country=country, age="adult", setting="on", uses=frozenset()),
            Draft(
                country=country,
                age="adult",
                setting="off",
                switched_off="before",
                member_earlier="yes",
                uses=frozenset(),
            ),
        ):
            asked = [q for q in QUESTIONS if getattr(draft, q.key) is not None]
            assert next_question(draft, notice) is None
            lengths.add(len([q for q in asked if q.asked(draft, notice)]))
    assert min(lengths) == 2
    assert max(lengths) == 6


PROGRESS = re.compile(r'<p class="progress">([^<]*)</p>')


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), lang=st.sampled_from(["en", "fr"]))
def test_each_page_shows_its_number_and_no_total(client, notice, data, lang):
    steps, _ = walk(data, notice)
    for number, (key, before) in enumerate(steps, start=1):
        query = urlencode(draft_query_pairs(before))
        with translation.override("en"):  # the page activates its language: keep it to the page
            response = client.get(f"/{lang}/check/{key}/" + (f"?{query}" if query else ""))
        assert response.status_code == 200, (key, query)
        shown = PROGRESS.findall(response.content.decode())
        assert shown == [f"Question {number}"], (key, query)
