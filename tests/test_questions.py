"""The questionnaire as data: which questions each visitor is asked, in which order, in which words.

Which questions apply depends on the region's training periods, read from the loaded content (the
`notice` snapshot); the flow then runs as plain Python.
"""

from dataclasses import replace

import pytest
from django.utils import translation
from django.utils.functional import Promise
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules.answers import SINGLE_KEYS, Draft, answers_from_draft, normalise
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
    summary_for,
    title_for,
)
from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES

pytestmark = pytest.mark.django_db

COUNTRIES = {"eea": "FR", "ch": "CH", "gb": "GB", "ca": "CA", "hk": "HK", "other": "US"}
ALL_KEYS = ["country", "age", "setting", "switched_off", "member_earlier", "uses"]


def next_key(notice, **answers) -> str | None:
    question = next_question(Draft(**answers), notice)
    return question.key if question else None


def asked_keys(notice, **answers) -> list[str]:
    return [question.key for question in applicable_questions(Draft(**answers), notice)]


def adult_off(country: str, switched_off: str | None = None) -> Draft:
    return Draft(country=country, age="adult", setting="off", switched_off=switched_off)


# ---------------------------------------------------------------- the questions as data


def test_the_questions_follow_the_vocabulary_in_order():
    assert [question.key for question in QUESTIONS] == ALL_KEYS
    assert [choice.value for choice in get_question("age").choices] == list(AGES)
    assert [choice.value for choice in get_question("setting").choices] == list(SETTINGS)
    assert [choice.value for choice in get_question("switched_off").choices] == list(SWITCHED_OFF)
    assert [choice.value for choice in get_question("member_earlier").choices] == list(
        MEMBER_EARLIER
    )
    assert [choice.value for choice in get_question("uses").choices] == list(USES)


def test_an_unknown_question_key_is_none():
    assert get_question("favourite-colour") is None


def test_each_question_has_a_kind_that_fits_its_answers():
    kinds = {question.key: question.kind for question in QUESTIONS}
    assert kinds == {
        "country": "select",
        "age": "radio",
        "setting": "radio",
        "switched_off": "radio",
        "member_earlier": "radio",
        "uses": "checkbox",
    }


# One row per situation: the draft, then each question's `asked` predicate, in QUESTIONS order.
ASKED = [
    # Nothing known yet: the setting and uses may apply, the rest cannot be told.
    (Draft(), [True, True, True, False, False, True]),
    (Draft(country="GB"), [True, True, True, False, False, True]),
    # Minors: never the setting or uses; member_earlier where training ran before their exclusion.
    *[
        (Draft(country=COUNTRIES[region], age="minor"), [True, True, False, False, asked, False])
        for region, asked in [
            ("eea", False),
            ("ch", False),
            ("gb", True),
            ("hk", True),
            ("ca", True),
            ("other", True),
        ]
    ],
    # Adults whose setting may be on: nothing about switching off or membership.
    *[
        (
            Draft(country=COUNTRIES[region], age="adult", setting=setting),
            [True, True, True, False, False, True],
        )
        for region in COUNTRIES
        for setting in ("on", "unknown")
    ],
    # Adults who switched off: when, wherever the current start was announced (not elsewhere).
    *[
        (adult_off(COUNTRIES[region]), [True, True, True, region != "other", False, True])
        for region in COUNTRIES
    ],
    # Switched off before it: membership where training ran in 2024.
    *[
        (
            adult_off(COUNTRIES[region], "before"),
            [True, True, True, True, region in {"gb", "hk", "ca"}, True],
        )
        for region in ("eea", "ch", "gb", "hk", "ca")
    ],
    # Switched off after it or at an unknown date: the data may have been used anyway.
    *[
        (adult_off(COUNTRIES[region], when), [True, True, True, True, False, True])
        for region in ("eea", "ch", "gb", "hk", "ca")
        for when in ("after", "unknown")
    ],
]


@pytest.mark.parametrize(("draft", "expected"), ASKED, ids=repr)
def test_each_question_s_asked_predicate_matches_design(notice, draft, expected):
    assert [question.asked(draft, notice) for question in QUESTIONS] == expected


# ---------------------------------------------------------------- the next question


def test_with_no_answers_the_next_question_is_country(notice):
    assert next_key(notice) == "country"


def test_for_a_country_the_next_question_is_age(notice):
    assert next_key(notice, country="FR") == "age"


def test_for_an_adult_the_next_question_is_setting(notice):
    assert next_key(notice, country="FR", age="adult") == "setting"


@pytest.mark.parametrize("country", ["FR", "CH"])
def test_a_minor_in_europe_is_asked_nothing_more(notice, country):
    assert next_key(notice, country=country, age="minor") is None


@pytest.mark.parametrize("country", ["GB", "HK", "CA", "US", "JP"])
def test_a_minor_elsewhere_is_asked_only_whether_they_had_an_account_before(notice, country):
    assert next_key(notice, country=country, age="minor") == "member_earlier"
    assert next_key(notice, country=country, age="minor", member_earlier="no") is None


@pytest.mark.parametrize("setting", ["on", "unknown"])
def test_for_a_setting_that_may_be_on_the_next_question_is_uses(notice, setting):
    assert next_key(notice, country="GB", age="adult", setting=setting) == "uses"


@pytest.mark.parametrize("country", ["FR", "CH", "GB", "CA", "HK"])
def test_for_off_where_the_start_was_announced_the_next_question_is_switched_off(notice, country):
    assert next_key(notice, country=country, age="adult", setting="off") == "switched_off"


def test_for_off_where_training_never_paused_the_next_question_is_uses(notice):
    assert next_key(notice, country="US", age="adult", setting="off") == "uses"


@pytest.mark.parametrize("country", ["GB", "CA", "HK"])
def test_switching_off_before_where_2024_training_ran_asks_about_membership(notice, country):
    draft = adult_off(country, "before")
    assert next_question(draft, notice).key == "member_earlier"
    assert next_question(replace(draft, member_earlier="yes"), notice).key == "uses"


@pytest.mark.parametrize(
    ("country", "when"), [("FR", "before"), ("CH", "before"), ("GB", "after"), ("HK", "unknown")]
)
def test_otherwise_a_switch_off_date_leads_to_uses(notice, country, when):
    assert next_question(adult_off(country, when), notice).key == "uses"


@pytest.mark.parametrize("uses", [frozenset(), frozenset({"posts"})])
def test_once_uses_is_answered_no_question_is_left(notice, uses):
    assert next_key(notice, country="FR", age="adult", setting="on", uses=uses) is None
    draft = replace(adult_off("GB", "before"), member_earlier="no", uses=uses)
    assert next_question(draft, notice) is None


def test_a_later_answer_does_not_skip_an_earlier_missing_one(notice):
    assert next_key(notice, country="FR", setting="on", uses=frozenset()) == "age"
    assert next_key(notice, age="adult", setting="on", uses=frozenset()) == "country"


# ---------------------------------------------------------------- progress and going back


def test_progress_counts_only_the_questions_that_apply_to_this_visitor(notice):
    off = Draft(country="FR", age="adult", setting="off")
    assert progress(get_question("switched_off"), off, notice) == 4
    assert progress(get_question("uses"), off, notice) == 5
    on = Draft(country="FR", age="adult", setting="on")
    assert progress(get_question("uses"), on, notice) == 4
    before = adult_off("GB", "before")
    assert progress(get_question("member_earlier"), before, notice) == 5
    assert progress(get_question("uses"), before, notice) == 6
    assert progress(get_question("age"), Draft(country="FR", age="minor"), notice) == 2
    minor = Draft(country="HK", age="minor")
    assert progress(get_question("member_earlier"), minor, notice) == 3
    assert progress(get_question("country"), Draft(), notice) == 1


def test_the_previous_question_skips_questions_that_do_not_apply(notice):
    minor = Draft(country="US", age="minor")
    assert previous_question(get_question("member_earlier"), minor, notice).key == "age"
    assert previous_question(get_question("country"), minor, notice) is None
    off = Draft(country="FR", age="adult", setting="off")
    assert previous_question(get_question("uses"), off, notice).key == "switched_off"
    on = Draft(country="GB", age="adult", setting="on")
    assert previous_question(get_question("uses"), on, notice).key == "setting"
    before = adult_off("CA", "before")
    assert previous_question(get_question("member_earlier"), before, notice).key == "switched_off"
    assert previous_question(get_question("uses"), before, notice).key == "member_earlier"


def test_a_question_that_does_not_apply_has_no_previous_question(notice):
    minor = Draft(country="FR", age="minor")
    assert previous_question(get_question("setting"), minor, notice) is None
    assert previous_question(get_question("uses"), minor, notice) is None


# ---------------------------------------------------------------- wording: dates


def test_the_switch_off_question_names_the_region_start_date(notice):
    question = get_question("switched_off")
    draft = adult_off("FR")
    assert "3 November 2025" in hint_for(question, draft, notice)
    labels = [choice.label for choice in choices_for(question, draft, notice)]
    assert labels[:2] == ["Before 3 November 2025", "On or after 3 November 2025"]
    with translation.override("fr"):
        assert "3 novembre 2025" in choices_for(question, draft, notice)[0].label
        assert "3 novembre 2025" in hint_for(question, draft, notice)


@pytest.mark.parametrize(
    ("draft", "english", "french"),
    [
        (adult_off("GB", "before"), "20 September 2024", "20 septembre 2024"),
        (adult_off("HK", "before"), "11 October 2024", "11 octobre 2024"),
        (adult_off("CA", "before"), "10 December 2024", "10 décembre 2024"),
        (Draft(country="GB", age="minor"), "20 September 2024", "20 septembre 2024"),
        (Draft(country="HK", age="minor"), "11 October 2024", "11 octobre 2024"),
        (Draft(country="CA", age="minor"), "10 December 2024", "10 décembre 2024"),
        (Draft(country="US", age="minor"), "3 November 2025", "3 novembre 2025"),
        (Draft(country="JP", age="minor"), "3 November 2025", "3 novembre 2025"),
    ],
    ids=repr,
)
def test_the_membership_question_names_the_date_that_decides_the_result(
    notice, draft, english, french
):
    question = get_question("member_earlier")
    with translation.override("en"):
        assert title_for(question, draft, notice) == (
            f"Did you have a LinkedIn account before {english}?"
        )
        assert summary_for(question, draft, notice) == f"Had an account before {english}"
    with translation.override("fr"):
        assert french in title_for(question, draft, notice)
        assert french in summary_for(question, draft, notice)


def test_questions_without_dates_are_shown_as_written(notice):
    draft = Draft(country="FR", age="adult")
    question = get_question("setting")
    with translation.override("en"):
        assert title_for(question, draft, notice) == str(question.title)
        assert hint_for(question, draft, notice) == str(question.hint)
        assert "%(" not in summary_for(question, draft, notice)


def test_without_a_country_the_dates_are_left_blank_rather_than_failing(notice):
    question = get_question("switched_off")
    assert "%(" not in title_for(question, Draft(), notice)
    assert all("%(" not in choice.label for choice in choices_for(question, Draft(), notice))


# ---------------------------------------------------------------- wording: what each answer covers


def label(notice, key: str, value: str) -> str:
    choices = choices_for(get_question(key), Draft(country="FR", age="adult"), notice)
    return next(choice.label for choice in choices if choice.value == value).lower()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("posts", ["posts", "articles", "comment", "polls", "contribute"]),
        ("groups", ["groups"]),
        ("ai-tools", ["ai features", "writing", "chats", "ai-powered search"]),
        ("resumes", ["resumes", "screening answers"]),
        ("verification", ["verification badge"]),
        (
            "feedback",
            ["thumbs up or down", "reports of problems", "support requests", "feedback"],
        ),
        ("messages", ["private messages"]),
        ("salary", ["salary"]),
    ],
)
def test_each_activity_choice_names_everything_it_covers(notice, value, words):
    with translation.override("en"):
        shown = label(notice, "uses", value)
    assert [word for word in words if word not in shown] == []


# ---------------------------------------------------------------- the country question


def test_the_country_question_offers_every_country_by_its_cldr_name(notice):
    question = get_question("country")
    assert question.choices == ()
    with translation.override("fr"):
        french = {choice.value: choice.label for choice in choices_for(question, Draft(), notice)}
    with translation.override("en"):
        english = {choice.value: choice.label for choice in choices_for(question, Draft(), notice)}
    assert french.keys() == english.keys() and len(french) > 240
    assert (french["GY"], french["GF"], french["SJ"]) == (
        "Guyana",
        "Guyane française",
        "Svalbard et Jan Mayen",
    )
    assert (english["NR"], english["BS"], english["DE"]) == ("Nauru", "Bahamas", "Germany")
    assert french["DE"] == "Allemagne"


def test_the_country_choices_are_sorted_by_name_ignoring_accents():
    with translation.override("fr"):
        labels = [choice.label for choice in country_choices()]
    # Plain code-point order would put every "É…" and "Î…" name after "Zimbabwe".
    assert labels.index("Égypte") < labels.index("Espagne") < labels.index("Fidji")
    assert labels.index("Hongrie") < labels.index("Îles Åland") < labels.index("Inde")
    assert labels[-1] == "Zimbabwe"
    with translation.override("en"):
        labels = [choice.label for choice in country_choices()]
    assert labels.index("Afghanistan") < labels.index("Åland Islands") < labels.index("Albania")


# ---------------------------------------------------------------- properties

drafts = st.builds(
    Draft,
    country=st.one_of(st.none(), st.sampled_from([*COUNTRIES.values(), "DE", "JP"])),
    age=st.one_of(st.none(), st.sampled_from(AGES)),
    setting=st.one_of(st.none(), st.sampled_from(SETTINGS)),
    switched_off=st.one_of(st.none(), st.sampled_from(SWITCHED_OFF)),
    uses=st.one_of(st.none(), st.frozensets(st.sampled_from(USES))),
    member_earlier=st.one_of(st.none(), st.sampled_from(MEMBER_EARLIER)),
)


@given(drafts)
def test_the_next_question_always_applies_and_is_unanswered(notice, draft):
    question = next_question(draft, notice)
    if question is not None:
        assert question in applicable_questions(draft, notice)
        assert getattr(draft, question.key) is None
    else:
        assert all(getattr(draft, q.key) is not None for q in applicable_questions(draft, notice))


@given(drafts)
def test_a_minor_is_never_asked_about_the_setting_or_what_they_do(notice, draft):
    if draft.age == "minor":
        keys = {question.key for question in applicable_questions(draft, notice)}
        assert not keys & {"setting", "switched_off", "uses"}


@given(drafts)
def test_progress_numbers_the_questions_asked_one_by_one(notice, draft):
    asked = applicable_questions(draft, notice)
    assert [progress(question, draft, notice) for question in asked] == list(
        range(1, len(asked) + 1)
    )


@given(drafts)
def test_going_back_from_a_question_gives_the_question_counted_before_it(notice, draft):
    for question in applicable_questions(draft, notice):
        number = progress(question, draft, notice)
        previous = previous_question(question, draft, notice)
        if number == 1:
            assert previous is None
        else:
            assert progress(previous, draft, notice) == number - 1


@given(st.sampled_from([*COUNTRIES.values(), "DE", "JP"]), st.data())
def test_the_questionnaire_asks_exactly_the_keys_the_normalised_answers_keep(notice, country, data):
    # Answer from the start, one question at a time, with any of its choices.
    draft, asked = Draft(), []
    while (question := next_question(draft, notice)) is not None:
        asked.append(question.key)
        if question.key == "country":
            value = country
        elif question.key == "uses":
            value = data.draw(st.frozensets(st.sampled_from(USES)))
        else:
            value = data.draw(st.sampled_from([choice.value for choice in question.choices]))
        draft = replace(draft, **{question.key: value})
    answers = answers_from_draft(draft, notice)
    kept = [key for key in SINGLE_KEYS if getattr(answers, key) is not None]
    if answers.age == "adult":
        kept.append("uses")
    assert asked == kept
    # Nothing asked was changed and nothing was filled in: the answers are already normalised.
    assert normalise(answers, notice) == answers
    assert all(getattr(answers, key) == getattr(draft, key) for key in SINGLE_KEYS)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.key)
def test_each_question_s_wording_is_lazy_so_each_page_shows_its_own_language(question):
    texts = [question.title, question.hint, question.summary]
    texts += [text for choice in question.choices for text in (choice.label, choice.hint) if text]
    assert all(isinstance(text, Promise) for text in texts)


def test_the_same_question_comes_out_in_each_page_s_language(notice):
    question, draft = get_question("age"), Draft(country="FR")
    with translation.override("fr"):
        french = [title_for(question, draft, notice)]
        french += [choice.label for choice in choices_for(question, draft, notice)]
    with translation.override("en"):
        english = [title_for(question, draft, notice)]
        english += [choice.label for choice in choices_for(question, draft, notice)]
    assert english == ["How old are you?", "Under 18", "18 or over"]
    assert all(fr != en for fr, en in zip(french, english, strict=True))
    assert "18 ans" in french[1]


def test_a_questions_kept_dates_are_the_ones_worked_out_for_the_draft(notice):
    """The dates a question names are kept per version, language, region, age and switch-off
    answer: for every combination, in both languages, they are the ones worked out fresh."""
    from itertools import product

    from catalog.rules import questions

    for lang in ("en", "fr"):
        with translation.override(lang):
            for country, age, switched_off in product(
                ["FR", "CH", "GB", "CA", "HK", "US"], (None, *AGES), (None, *SWITCHED_OFF)
            ):
                draft = Draft(country=country, age=age, setting="off", switched_off=switched_off)
                region = notice.region_for(country)
                assert questions._dates(draft, notice) == questions._region_dates(
                    draft, region, notice
                ), (lang, country, age, switched_off)
