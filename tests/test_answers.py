"""Reading raw answers (DESIGN.md "The answer vocabulary"): normalising, errors, canonical URLs."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules.answers import (
    Answers,
    Draft,
    country_codes,
    draft_query_pairs,
    normalise,
    parse_answers,
    read_draft,
    region_for,
    to_query_pairs,
)
from catalog.rules.vocabulary import AGES, SETTINGS, SWITCHED_OFF, USES
from tests.test_assessment import REGIONS


def parse(query: str):
    return parse_answers(QueryDict(query), REGIONS)


def answers_of(query: str) -> Answers:
    answers, errors = parse(query)
    assert errors == {}
    return answers


def errors_of(query: str) -> dict[str, str]:
    answers, errors = parse(query)
    assert answers is None
    return errors


# ---------------------------------------------------------------- countries and regions


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("FR", "eea"),
        ("de", "eea"),
        ("No", "eea"),
        ("CH", "ch"),
        ("gb", "gb"),
        ("CA", "ca"),
        ("HK", "hk"),
        ("US", "other"),
        ("JP", "other"),
    ],
)
def test_a_country_maps_to_the_region_whose_list_holds_it_else_other(country, region):
    assert region_for(country, REGIONS).slug == region


def test_country_codes_are_read_in_any_case_and_stored_upper_case():
    assert answers_of("country=fr&age=adult").country == "FR"


@pytest.mark.parametrize("country", ["ZZ", "XX", "FRA", "F", "", "250", "fr ance"])
def test_a_country_that_is_not_a_real_alpha_2_code_is_an_error(country):
    assert "country" in errors_of(urlencode({"country": country, "age": "adult"}))


def test_every_country_known_to_django_countries_is_accepted():
    for code in sorted(country_codes()):
        assert answers_of(f"country={code}&age=adult").country == code


# ---------------------------------------------------------------- required keys and bad values


def test_missing_country_and_age_are_errors_naming_each_key():
    assert set(errors_of("")) == {"country", "age"}
    assert set(errors_of("country=FR")) == {"age"}
    assert set(errors_of("age=adult")) == {"country"}


@pytest.mark.parametrize(
    "query",
    [
        "country=FR&age=old",
        "country=FR&age=adult&setting=maybe",
        "country=FR&age=adult&setting=off&switched_off=yesterday",
        "country=FR&age=adult&uses=posts&uses=telepathy",
    ],
)
def test_an_unknown_value_is_an_error_on_its_key(query):
    bad_key = query.rsplit("&", 1)[-1].split("=")[0]
    assert set(errors_of(query)) == {bad_key}


@pytest.mark.parametrize("key", ["country", "age", "setting"])
def test_a_repeated_single_valued_key_is_an_error(key):
    values = {"country": "FR", "age": "adult", "setting": "on"}
    query = urlencode(values) + f"&{key}={values[key]}"
    assert set(errors_of(query)) == {key}


def test_a_repeated_switched_off_is_an_error_where_it_applies():
    query = "country=FR&age=adult&setting=off&switched_off=before&switched_off=after"
    assert set(errors_of(query)) == {"switched_off"}


def test_every_bad_key_is_named_at_once():
    assert set(errors_of("country=ZZ&age=x&setting=y&uses=z")) == {
        "country",
        "age",
        "setting",
        "uses",
    }


def test_more_than_twenty_uses_values_is_an_error_not_work():
    assert set(errors_of("country=FR&age=adult&" + "&".join(["uses=posts"] * 21))) == {"uses"}


def test_a_value_longer_than_fifty_characters_is_an_error():
    assert set(errors_of("country=FR&age=" + "a" * 51)) == {"age"}
    assert set(errors_of("country=" + "F" * 10_000 + "&age=adult")) == {"country"}


def test_errors_are_in_the_active_language():
    with translation.override("fr"):
        errors = errors_of("country=ZZ&age=adult")
    assert "pays" in errors["country"]


# ---------------------------------------------------------------- keys that do not apply


def test_a_minor_s_setting_is_dropped_even_when_its_value_is_bad():
    assert answers_of("country=FR&age=minor&setting=on") == Answers("FR", "minor")
    assert answers_of("country=FR&age=minor&setting=nonsense") == Answers("FR", "minor")


def test_switched_off_is_kept_only_after_off_where_the_notice_came_before_the_start():
    kept = answers_of("country=FR&age=adult&setting=off&switched_off=before")
    assert kept.switched_off == "before"
    assert answers_of("country=FR&age=adult&setting=on&switched_off=before").switched_off is None
    assert answers_of("country=US&age=adult&setting=off&switched_off=before").switched_off is None
    assert answers_of("country=US&age=adult&setting=off&switched_off=bad").switched_off is None


def test_an_absent_setting_counts_as_unknown_and_an_absent_date_as_unknown():
    assert answers_of("country=FR&age=adult").setting == "unknown"
    assert answers_of("country=FR&age=adult&setting=off").switched_off == "unknown"


def test_uses_duplicates_collapse_and_an_empty_value_means_none():
    assert answers_of("country=FR&age=adult&uses=posts&uses=posts").uses == {"posts"}
    assert answers_of("country=FR&age=adult&uses=").uses == frozenset()


def test_unknown_extra_keys_are_ignored():
    assert answers_of("country=FR&age=adult&utm_source=x&lang=fr") == answers_of(
        "country=FR&age=adult"
    )


def test_a_plain_dict_reads_like_a_query_dict():
    assert parse_answers({"country": "fr", "age": "adult", "uses": ["posts"]}, REGIONS) == (
        Answers("FR", "adult", "unknown", None, frozenset({"posts"})),
        {},
    )


# ---------------------------------------------------------------- the draft (questionnaire)


def test_a_draft_keeps_what_is_answered_and_leaves_the_rest_unanswered():
    draft, errors = read_draft(QueryDict("country=fr"), REGIONS)
    assert (draft, errors) == (Draft(country="FR"), {})


def test_a_draft_tells_no_uses_answer_from_an_answer_of_none():
    assert read_draft(QueryDict("country=FR"), REGIONS)[0].uses is None
    assert read_draft(QueryDict("country=FR&uses="), REGIONS)[0].uses == frozenset()


def test_draft_query_pairs_keep_an_answer_of_none_as_an_empty_uses():
    assert draft_query_pairs(Draft(country="FR", uses=frozenset())) == [
        ("country", "FR"),
        ("uses", ""),
    ]
    assert draft_query_pairs(Draft(country="FR")) == [("country", "FR")]


# ---------------------------------------------------------------- canonical query strings


def test_query_pairs_come_in_one_canonical_order_with_uses_sorted():
    answers = Answers("FR", "adult", "off", "after", frozenset({"salary", "groups", "posts"}))
    assert to_query_pairs(answers) == [
        ("country", "FR"),
        ("age", "adult"),
        ("setting", "off"),
        ("switched_off", "after"),
        ("uses", "groups"),
        ("uses", "posts"),
        ("uses", "salary"),
    ]


raw_values = st.one_of(st.text(max_size=8), st.sampled_from([*AGES, *SETTINGS, *SWITCHED_OFF]))
raw_queries = st.fixed_dictionaries(
    {
        "country": st.lists(
            st.one_of(st.sampled_from(["fr", "DE", "gb", "US", "ch", "HK", "ca"]), st.text()),
            min_size=1,
            max_size=2,
        ),
        "age": st.lists(st.one_of(st.sampled_from(AGES), st.text(max_size=3)), max_size=2),
    },
    optional={
        "setting": st.lists(st.sampled_from(SETTINGS), min_size=1, max_size=2),
        "switched_off": st.lists(st.sampled_from(SWITCHED_OFF), min_size=1, max_size=2),
        "uses": st.lists(st.one_of(st.sampled_from(USES), st.just("")), max_size=25),
        "other": st.lists(raw_values, max_size=3),
    },
)
valid_answers = st.builds(
    Answers,
    country=st.sampled_from(["FR", "DE", "GB", "US", "CH", "HK", "CA", "JP"]),
    age=st.sampled_from(AGES),
    setting=st.one_of(st.none(), st.sampled_from(SETTINGS)),
    switched_off=st.one_of(st.none(), st.sampled_from(SWITCHED_OFF)),
    uses=st.frozensets(st.sampled_from(USES)),
)


def query_dict(raw: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in raw.items():
        query.setlist(key, values)
    return query


@given(raw_queries)
def test_any_raw_query_gives_answers_or_errors_never_a_crash(raw):
    answers, errors = parse_answers(query_dict(raw), REGIONS)
    assert (answers is None) == bool(errors)
    assert set(errors) <= {"country", "age", "setting", "switched_off", "uses"}
    assert all(isinstance(message, str) and message for message in errors.values())


@given(raw_queries)
def test_normalising_twice_changes_nothing(raw):
    answers, _ = parse_answers(query_dict(raw), REGIONS)
    if answers is not None:
        assert normalise(answers, REGIONS) == answers
        assert parse_answers(QueryDict(urlencode(to_query_pairs(answers))), REGIONS) == (
            answers,
            {},
        )


@given(valid_answers)
def test_a_normalised_answer_set_round_trips_through_its_query_string(answers):
    answers = normalise(answers, REGIONS)
    assert answers_of(urlencode(to_query_pairs(answers))) == answers


@given(valid_answers, st.sampled_from(SETTINGS), st.sampled_from(SWITCHED_OFF))
def test_adding_an_inapplicable_key_changes_nothing(answers, setting, switched_off):
    answers = normalise(answers, REGIONS)
    pairs = to_query_pairs(answers)
    if answers.setting is None:
        pairs = [*pairs, ("setting", setting)]
    if answers.switched_off is None:
        pairs = [*pairs, ("switched_off", switched_off)]
    pairs = [*pairs, ("unrelated", "value")]
    assert answers_of(urlencode(pairs)) == answers
