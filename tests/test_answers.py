"""Reading raw answers (DESIGN.md "The answer vocabulary"): normalising, errors, canonical URLs.

Which keys apply depends on the region's training periods, read from the loaded content (the
`notice` snapshot); the rules then run as plain Python.
"""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules.answers import (
    Answers,
    Draft,
    answers_from_draft,
    country_codes,
    draft_from_answers,
    draft_query_pairs,
    error_message,
    normalise,
    parse_answers,
    read_draft,
    to_query_pairs,
)
from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES

pytestmark = pytest.mark.django_db

# One country per region, and the regions as DESIGN.md names them for each question.
COUNTRIES = {"eea": "FR", "ch": "CH", "gb": "GB", "ca": "CA", "hk": "HK", "other": "US"}
SWITCHED_OFF_ASKED_IN = {"eea", "ch", "gb", "hk", "ca"}  # the current start was announced ahead
EARLIER_PERIOD_IN = {"gb", "hk", "ca"}  # a 2024 period, before the pause
MINORS_EXPOSED_IN = {"gb", "hk", "ca", "other"}  # training before the under-18 exclusion's source
SAMPLE_COUNTRIES = [*COUNTRIES.values(), "DE", "NO", "GF", "JP", "JE", "GI"]


def switched_off_asked(region: str, age: str, setting: str | None) -> bool:
    return age == "adult" and setting == "off" and region in SWITCHED_OFF_ASKED_IN


def member_earlier_asked(region: str, age: str, switched_off: str | None) -> bool:
    if age == "minor":
        return region in MINORS_EXPOSED_IN
    return switched_off == "before" and region in EARLIER_PERIOD_IN


@pytest.fixture
def parse(notice):
    def parse(query: str):
        return parse_answers(QueryDict(query), notice)

    return parse


@pytest.fixture
def answers_of(parse):
    def answers_of(query: str) -> Answers:
        answers, errors = parse(query)
        assert errors == {}
        return answers

    return answers_of


@pytest.fixture
def errors_of(parse):
    def errors_of(query: str) -> dict[str, str]:
        answers, errors = parse(query)
        assert answers is None
        return errors

    return errors_of


# ---------------------------------------------------------------- countries and regions


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("FR", "eea"),
        ("de", "eea"),
        ("No", "eea"),
        ("gf", "eea"),
        ("CH", "ch"),
        ("gb", "gb"),
        ("CA", "ca"),
        ("HK", "hk"),
        ("US", "other"),
        ("JP", "other"),
        ("je", "other"),
    ],
)
def test_a_country_maps_to_the_region_whose_list_holds_it_else_other(
    notice, answers_of, country, region
):
    answers = answers_of(f"country={country}&age=adult")
    assert notice.region_for(answers.country).slug == region


def test_country_codes_are_read_in_any_case_and_stored_upper_case(answers_of):
    assert answers_of("country=fr&age=adult").country == "FR"


def test_surrounding_spaces_are_ignored(answers_of):
    assert answers_of("country=+fr+&age=+adult+") == answers_of("country=FR&age=adult")


@pytest.mark.parametrize("country", ["ZZ", "XX", "FRA", "F", "", "250", "fr ance", "É1"])
def test_a_country_that_is_not_a_real_alpha_2_code_is_an_error(errors_of, country):
    assert "country" in errors_of(urlencode({"country": country, "age": "adult"}))


def test_every_country_known_to_django_countries_is_accepted(answers_of):
    for code in sorted(country_codes()):
        assert answers_of(f"country={code}&age=adult").country == code


# ---------------------------------------------------------------- required keys and bad values


def test_missing_country_and_age_are_errors_naming_each_key(errors_of):
    assert set(errors_of("")) == {"country", "age"}
    assert set(errors_of("country=FR")) == {"age"}
    assert set(errors_of("age=adult")) == {"country"}


@pytest.mark.parametrize(
    "query",
    [
        "country=FR&age=old",
        "country=FR&age=adult&setting=maybe",
        "country=FR&age=adult&setting=off&switched_off=yesterday",
        "country=GB&age=adult&setting=off&switched_off=before&member_earlier=perhaps",
        "country=US&age=minor&member_earlier=perhaps",
        "country=FR&age=adult&uses=posts&uses=telepathy",
    ],
)
def test_an_unknown_value_is_an_error_on_its_key(errors_of, query):
    bad_key = query.rsplit("&", 1)[-1].split("=")[0]
    assert set(errors_of(query)) == {bad_key}


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("country=FR&age=adult&country=FR", "country"),
        ("country=FR&age=adult&age=adult", "age"),
        ("country=FR&age=adult&setting=on&setting=on", "setting"),
        ("country=FR&age=adult&setting=off&switched_off=before&switched_off=after", "switched_off"),
        ("country=HK&age=minor&member_earlier=yes&member_earlier=no", "member_earlier"),
    ],
)
def test_a_repeated_single_valued_key_is_an_error_where_it_applies(errors_of, query, key):
    assert set(errors_of(query)) == {key}


def test_every_bad_key_is_named_at_once(errors_of):
    assert set(errors_of("country=ZZ&age=x&setting=y&uses=z")) == {
        "country",
        "age",
        "setting",
        "uses",
    }


def test_with_a_bad_country_every_later_key_is_still_checked(errors_of):
    query = "country=ZZ&age=adult&setting=off&switched_off=x&member_earlier=y&uses=z"
    assert set(errors_of(query)) == {"country", "switched_off", "member_earlier", "uses"}


def test_with_a_bad_setting_the_keys_it_decides_are_still_checked(errors_of):
    query = "country=GB&age=adult&setting=y&switched_off=x&member_earlier=z"
    assert set(errors_of(query)) == {"setting", "switched_off", "member_earlier"}


def test_with_a_bad_switch_off_date_member_earlier_is_still_checked(errors_of):
    query = "country=GB&age=adult&setting=off&switched_off=x&member_earlier=z"
    assert set(errors_of(query)) == {"switched_off", "member_earlier"}


def test_more_than_twenty_uses_values_is_an_error_not_work(errors_of):
    assert set(errors_of("country=FR&age=adult&" + "&".join(["uses=posts"] * 21))) == {"uses"}


def test_twenty_uses_values_are_still_read(answers_of):
    assert answers_of("country=FR&age=adult&" + "&".join(["uses=posts"] * 20)).uses == {"posts"}


def test_a_value_longer_than_fifty_characters_is_an_error(errors_of):
    assert set(errors_of("country=FR&age=" + "a" * 51)) == {"age"}
    assert set(errors_of("country=" + "F" * 10_000 + "&age=adult")) == {"country"}


ENGLISH_ERRORS = {
    "country": "Select the country you live in from the list.",
    "age": "Select whether you are under 18 or 18 and over.",
    "setting": "Select whether the setting is on, off, or that you don't know.",
    "switched_off": (
        "Select whether you switched the setting off before or after the start date, "
        "or that you don't know."
    ),
    "member_earlier": (
        "Select whether you had a LinkedIn account before that date, or that you don't know."
    ),
    "uses": "Select only activities from the list.",
}
# A word each French message must hold (the wording itself belongs to the translators).
FRENCH_WORDS = {
    "country": "pays",
    "age": "18 ans",
    "setting": "réglage",
    "switched_off": "désactivé",
    "member_earlier": "compte LinkedIn",
    "uses": "activités",
}
BAD_QUERIES = {
    "country": "country=ZZ&age=adult",
    "age": "country=FR&age=x",
    "setting": "country=FR&age=adult&setting=x",
    "switched_off": "country=FR&age=adult&setting=off&switched_off=x",
    "member_earlier": "country=GB&age=minor&member_earlier=x",
    "uses": "country=FR&age=adult&uses=x",
}


@pytest.mark.parametrize("key", list(BAD_QUERIES))
def test_each_error_names_its_question_in_english(errors_of, key):
    with translation.override("en"):
        assert errors_of(BAD_QUERIES[key]) == {key: ENGLISH_ERRORS[key]}
        assert error_message(key) == ENGLISH_ERRORS[key]


@pytest.mark.parametrize("key", list(BAD_QUERIES))
def test_errors_are_in_the_active_language(errors_of, key):
    with translation.override("fr"):
        errors = errors_of(BAD_QUERIES[key])
        assert errors == {key: error_message(key)}
    assert errors[key] != ENGLISH_ERRORS[key]
    assert FRENCH_WORDS[key] in errors[key]


def test_a_repeated_key_and_too_many_uses_are_reported_in_the_active_language(errors_of):
    with translation.override("fr"):
        assert errors_of("country=FR&country=DE&age=adult") == {
            "country": "Donnez une seule réponse."
        }
        assert "Trop de réponses" in errors_of("country=FR&age=adult&" + "uses=posts&" * 21)["uses"]


# ---------------------------------------------------------------- keys that do not apply


def test_a_minor_s_setting_and_uses_are_dropped_even_when_their_values_are_bad(answers_of):
    assert answers_of("country=FR&age=minor&setting=on&uses=posts") == Answers("FR", "minor")
    assert answers_of("country=FR&age=minor&setting=nonsense&uses=telepathy") == Answers(
        "FR", "minor"
    )
    assert answers_of("country=FR&age=minor&setting=off&switched_off=before") == Answers(
        "FR", "minor"
    )


def test_switched_off_is_kept_only_after_off_where_the_current_start_was_announced(answers_of):
    kept = answers_of("country=FR&age=adult&setting=off&switched_off=before")
    assert kept.switched_off == "before"
    assert answers_of("country=FR&age=adult&setting=on&switched_off=before").switched_off is None
    assert answers_of("country=US&age=adult&setting=off&switched_off=before").switched_off is None
    assert answers_of("country=US&age=adult&setting=off&switched_off=bad").switched_off is None


@pytest.mark.parametrize(
    "query",
    [
        "country=FR&age=minor&member_earlier=bad",
        "country=CH&age=minor&member_earlier=bad",
        "country=GB&age=adult&setting=on&member_earlier=bad",
        "country=GB&age=adult&setting=off&switched_off=after&member_earlier=bad",
        "country=HK&age=adult&setting=off&switched_off=unknown&member_earlier=bad",
        "country=FR&age=adult&setting=off&switched_off=before&member_earlier=bad",
        "country=US&age=adult&setting=off&member_earlier=bad",
    ],
)
def test_member_earlier_is_dropped_unread_where_it_does_not_apply(answers_of, query):
    assert answers_of(query).member_earlier is None


def test_an_absent_setting_switch_off_date_or_membership_counts_as_unknown(answers_of):
    assert answers_of("country=FR&age=adult").setting == "unknown"
    assert answers_of("country=FR&age=adult&setting=off").switched_off == "unknown"
    assert answers_of("country=GB&age=adult&setting=off&switched_off=before").member_earlier == (
        "unknown"
    )
    assert answers_of("country=US&age=minor").member_earlier == "unknown"


def test_an_absent_switch_off_date_does_not_ask_about_membership(answers_of):
    # Not knowing when one switched off is past-only whatever the membership: it is not asked.
    answers = answers_of("country=GB&age=adult&setting=off&member_earlier=no")
    assert (answers.switched_off, answers.member_earlier) == ("unknown", None)


def test_uses_duplicates_collapse_and_an_empty_value_means_none(answers_of):
    assert answers_of("country=FR&age=adult&uses=posts&uses=posts").uses == {"posts"}
    assert answers_of("country=FR&age=adult&uses=").uses == frozenset()
    assert answers_of("country=FR&age=adult").uses == frozenset()


def test_unknown_extra_keys_are_ignored(answers_of):
    assert answers_of("country=FR&age=adult&utm_source=x&lang=fr") == answers_of(
        "country=FR&age=adult"
    )


def test_a_plain_dict_reads_like_a_query_dict(notice):
    assert parse_answers({"country": "fr", "age": "adult", "uses": ["posts"]}, notice) == (
        Answers("FR", "adult", "unknown", None, frozenset({"posts"})),
        {},
    )
    assert parse_answers({"country": "gb", "age": "minor", "member_earlier": "no"}, notice) == (
        Answers("GB", "minor", member_earlier="no"),
        {},
    )


# ---------------------------------------------------------------- which keys apply, per region

SITUATIONS = [
    ("minor", None, None),
    ("adult", "on", None),
    ("adult", "unknown", None),
    ("adult", "off", "before"),
    ("adult", "off", "after"),
    ("adult", "off", "unknown"),
]


@pytest.mark.parametrize("region", list(COUNTRIES))
@pytest.mark.parametrize(("age", "setting", "switched_off"), SITUATIONS)
def test_each_key_is_kept_exactly_where_design_asks_it(notice, region, age, setting, switched_off):
    given_answers = Answers(
        COUNTRIES[region], age, setting or "off", switched_off or "before", frozenset(USES), "no"
    )
    answers = normalise(given_answers, notice)
    assert answers.setting == (setting if age == "adult" else None)
    expected_switched_off = switched_off if switched_off_asked(region, age, setting) else None
    assert answers.switched_off == expected_switched_off
    asked = member_earlier_asked(region, age, expected_switched_off)
    assert answers.member_earlier == ("no" if asked else None)
    assert answers.uses == (frozenset(USES) if age == "adult" else frozenset())


@pytest.mark.parametrize("region", ["gb", "hk", "ca"])
def test_member_earlier_is_asked_of_adults_who_switched_off_before_where_2024_training_ran(
    answers_of, region
):
    query = f"country={COUNTRIES[region]}&age=adult&setting=off&switched_off=before"
    assert answers_of(query + "&member_earlier=no").member_earlier == "no"


@pytest.mark.parametrize("region", ["eea", "ch"])
def test_member_earlier_is_never_asked_in_europe_where_training_never_ran_before(
    answers_of, region
):
    country = COUNTRIES[region]
    for query in (
        f"country={country}&age=minor",
        f"country={country}&age=adult&setting=off&switched_off=before",
    ):
        assert answers_of(query + "&member_earlier=yes").member_earlier is None


@pytest.mark.parametrize("region", ["gb", "hk", "ca", "other"])
def test_member_earlier_is_asked_of_minors_where_training_ran_before_their_exclusion(
    answers_of, region
):
    assert answers_of(f"country={COUNTRIES[region]}&age=minor&member_earlier=yes") == Answers(
        COUNTRIES[region], "minor", member_earlier="yes"
    )


@pytest.mark.parametrize("region", list(COUNTRIES))
@pytest.mark.parametrize("setting", ["on", "unknown"])
def test_member_earlier_is_never_asked_while_the_setting_may_be_on(answers_of, region, setting):
    query = f"country={COUNTRIES[region]}&age=adult&setting={setting}&member_earlier=yes"
    assert answers_of(query).member_earlier is None


def test_switched_off_is_not_asked_where_training_never_paused(answers_of):
    assert answers_of("country=US&age=adult&setting=off&switched_off=before") == Answers(
        "US", "adult", "off"
    )


# ---------------------------------------------------------------- the draft (questionnaire)


def test_a_draft_keeps_what_is_answered_and_leaves_the_rest_unanswered(notice):
    assert read_draft(QueryDict("country=fr"), notice) == (Draft(country="FR"), {})
    query = "country=GB&age=adult&setting=off&switched_off=before&member_earlier=no"
    assert read_draft(QueryDict(query), notice) == (
        Draft("GB", "adult", "off", "before", None, "no"),
        {},
    )


def test_a_draft_does_not_complain_about_missing_keys_but_names_bad_ones(notice):
    draft, errors = read_draft(QueryDict("age=adult&setting=maybe"), notice)
    assert draft == Draft(age="adult")
    assert set(errors) == {"setting"}


def test_a_draft_drops_what_does_not_apply(notice):
    query = "country=FR&age=minor&setting=on&uses=posts&member_earlier=yes"
    assert read_draft(QueryDict(query), notice) == (Draft(country="FR", age="minor"), {})


def test_a_draft_tells_no_uses_answer_from_an_answer_of_none(notice):
    assert read_draft(QueryDict("country=FR"), notice)[0].uses is None
    assert read_draft(QueryDict("country=FR&uses="), notice)[0].uses == frozenset()


def test_draft_query_pairs_keep_an_answer_of_none_as_an_empty_uses():
    assert draft_query_pairs(Draft(country="FR", uses=frozenset())) == [
        ("country", "FR"),
        ("uses", ""),
    ]
    assert draft_query_pairs(Draft(country="FR")) == [("country", "FR")]


def test_a_complete_draft_becomes_normalised_answers(notice):
    draft = Draft("gb", "adult", "off", "before", None, None)
    assert answers_from_draft(draft, notice) == Answers(
        "GB", "adult", "off", "before", frozenset(), "unknown"
    )


@pytest.mark.parametrize("draft", [Draft(), Draft(country="FR"), Draft(age="adult")])
def test_a_draft_without_country_or_age_cannot_become_answers(notice, draft):
    with pytest.raises(ValueError):
        answers_from_draft(draft, notice)


def test_a_minor_s_answers_give_a_draft_whose_uses_are_not_asked():
    assert draft_from_answers(Answers("US", "minor", member_earlier="no")) == Draft(
        "US", "minor", member_earlier="no"
    )
    assert draft_from_answers(Answers("FR", "adult", "on")).uses == frozenset()


# ---------------------------------------------------------------- canonical query strings


def test_query_pairs_come_in_one_canonical_order_with_uses_sorted():
    answers = Answers(
        "GB", "adult", "off", "before", frozenset({"salary", "groups", "posts"}), "no"
    )
    assert to_query_pairs(answers) == [
        ("country", "GB"),
        ("age", "adult"),
        ("setting", "off"),
        ("switched_off", "before"),
        ("member_earlier", "no"),
        ("uses", "groups"),
        ("uses", "posts"),
        ("uses", "salary"),
    ]


def test_a_minor_s_query_pairs_carry_no_uses():
    assert to_query_pairs(Answers("US", "minor", member_earlier="yes")) == [
        ("country", "US"),
        ("age", "minor"),
        ("member_earlier", "yes"),
    ]


def test_an_adult_who_does_none_of_the_activities_keeps_an_empty_uses():
    assert to_query_pairs(Answers("FR", "adult", "on")) == [
        ("country", "FR"),
        ("age", "adult"),
        ("setting", "on"),
        ("uses", ""),
    ]


# ---------------------------------------------------------------- properties

countries = st.one_of(
    st.sampled_from(SAMPLE_COUNTRIES),
    st.sampled_from(sorted(country_codes())),
)
raw_values = st.one_of(
    st.text(max_size=8), st.sampled_from([*AGES, *SETTINGS, *SWITCHED_OFF, *MEMBER_EARLIER])
)
raw_queries = st.fixed_dictionaries(
    {
        "country": st.lists(
            st.one_of(countries, countries.map(str.lower), st.text()), min_size=1, max_size=2
        ),
        "age": st.lists(st.one_of(st.sampled_from(AGES), st.text(max_size=3)), max_size=2),
    },
    optional={
        "setting": st.lists(
            st.one_of(st.sampled_from(SETTINGS), raw_values), min_size=1, max_size=2
        ),
        "switched_off": st.lists(
            st.one_of(st.sampled_from(SWITCHED_OFF), raw_values), min_size=1, max_size=2
        ),
        "member_earlier": st.lists(
            st.one_of(st.sampled_from(MEMBER_EARLIER), raw_values), min_size=1, max_size=2
        ),
        "uses": st.lists(st.one_of(st.sampled_from(USES), st.just(""), raw_values), max_size=25),
        "other": st.lists(raw_values, max_size=3),
    },
)
any_answers = st.builds(
    Answers,
    country=countries,
    age=st.sampled_from(AGES),
    setting=st.one_of(st.none(), st.sampled_from(SETTINGS)),
    switched_off=st.one_of(st.none(), st.sampled_from(SWITCHED_OFF)),
    uses=st.frozensets(st.sampled_from(USES)),
    member_earlier=st.one_of(st.none(), st.sampled_from(MEMBER_EARLIER)),
)


def query_dict(raw: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in raw.items():
        query.setlist(key, values)
    return query


@given(raw_queries)
def test_any_raw_query_gives_answers_or_errors_never_a_crash(notice, raw):
    answers, errors = parse_answers(query_dict(raw), notice)
    assert (answers is None) == bool(errors)
    assert set(errors) <= {"country", "age", "setting", "switched_off", "member_earlier", "uses"}
    assert all(isinstance(message, str) and message for message in errors.values())


@given(raw_queries)
def test_parsed_answers_are_normalised_and_their_query_string_reads_back_the_same(notice, raw):
    answers, _ = parse_answers(query_dict(raw), notice)
    if answers is not None:
        assert normalise(answers, notice) == answers
        assert parse_answers(QueryDict(urlencode(to_query_pairs(answers))), notice) == (
            answers,
            {},
        )


@given(any_answers)
def test_normalising_twice_changes_nothing(notice, answers):
    once = normalise(answers, notice)
    assert normalise(once, notice) == once


@given(any_answers)
def test_normalised_answers_hold_exactly_the_keys_design_asks(notice, answers):
    normalised = normalise(answers, notice)
    region = notice.region_for(normalised.country).slug  # the mapping is tested above
    adult = answers.age == "adult"
    assert normalised.country == answers.country.upper()
    assert (normalised.setting is not None) == adult
    asked = switched_off_asked(region, answers.age, normalised.setting)
    assert (normalised.switched_off is not None) == asked
    asked = member_earlier_asked(region, answers.age, normalised.switched_off)
    assert (normalised.member_earlier is not None) == asked
    assert normalised.uses == (answers.uses if adult else frozenset())


@given(any_answers)
def test_normalising_keeps_every_answer_given_to_a_question_that_applies(notice, answers):
    normalised = normalise(answers, notice)
    for key in ("setting", "switched_off", "member_earlier"):
        kept = getattr(normalised, key)
        if kept is not None and getattr(answers, key) is not None:
            assert kept == getattr(answers, key)


@given(any_answers)
def test_a_normalised_answer_set_round_trips_through_its_query_string(notice, answers):
    answers = normalise(answers, notice)
    query = QueryDict(urlencode(to_query_pairs(answers)))
    assert parse_answers(query, notice) == (answers, {})


@given(
    any_answers,
    st.sampled_from(SETTINGS),
    st.sampled_from(SWITCHED_OFF),
    st.sampled_from(MEMBER_EARLIER),
)
def test_adding_an_inapplicable_key_changes_nothing(
    notice, answers, setting, switched_off, member_earlier
):
    answers = normalise(answers, notice)
    pairs = to_query_pairs(answers)
    if answers.setting is None:
        pairs = [*pairs, ("setting", setting)]
    if answers.switched_off is None:
        pairs = [*pairs, ("switched_off", switched_off)]
    if answers.member_earlier is None:
        pairs = [*pairs, ("member_earlier", member_earlier)]
    if answers.age == "minor":
        pairs = [*pairs, ("uses", "posts")]
    pairs = [*pairs, ("unrelated", "value")]
    assert parse_answers(QueryDict(urlencode(pairs)), notice) == (answers, {})
