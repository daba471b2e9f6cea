"""The rules of DESIGN.md v2 ("Statuses"), one test per rule, then properties over every answer set.

The snapshot of the loaded content is built once (the `notice` fixture); the rules then run as
plain Python.
"""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules.answers import Answers, normalise
from catalog.rules.assessment import (
    IN_SCOPE,
    NOT_APPLICABLE,
    NOT_IN_SCOPE,
    NOT_LISTED,
    PAST_ONLY,
    _category_result,
    assess,
    visitor_uses,
)
from catalog.rules.vocabulary import (
    AGES,
    CATEGORY_SLUGS,
    MEMBER_EARLIER,
    SETTINGS,
    STATUSES,
    SWITCHED_OFF,
    USES,
)

# The `notice` snapshot is read from the test database once; the rules then need none.
pytestmark = pytest.mark.django_db

# One country per region.
COUNTRIES = {"eea": "FR", "ch": "CH", "gb": "GB", "ca": "CA", "hk": "HK", "other": "US"}
LISTED = {"profile", "content", "activity", "ai-inputs", "feedback"}


def status_of(notice, category: str, **answers) -> str:
    result = assess(normalise(Answers(**answers), notice), notice)
    return next(c.status for c in result.categories if c.slug == category)


def adult(country="FR", setting="on", **more) -> dict:
    return {"country": country, "age": "adult", "setting": setting, **more}


# ---------------------------------------------------------------- regions and periods


@pytest.mark.parametrize("region", ["gb", "hk", "ca"])
def test_switching_off_before_3_nov_2025_is_past_only_where_training_ran_in_2024(notice, region):
    answers = adult(COUNTRIES[region], "off", switched_off="before", member_earlier="yes")
    assert status_of(notice, "profile", **answers) == PAST_ONLY


@pytest.mark.parametrize("region", ["gb", "hk", "ca"])
def test_not_knowing_whether_one_had_an_account_in_2024_counts_as_past_only(notice, region):
    answers = adult(COUNTRIES[region], "off", switched_off="before")  # member_earlier unknown
    assert status_of(notice, "profile", **answers) == PAST_ONLY


@pytest.mark.parametrize("region", ["gb", "hk", "ca"])
def test_joining_after_the_2024_period_and_switching_off_before_is_not_in_scope(notice, region):
    answers = adult(COUNTRIES[region], "off", switched_off="before", member_earlier="no")
    assert status_of(notice, "profile", **answers) == NOT_IN_SCOPE


@pytest.mark.parametrize("region", ["eea", "ch"])
def test_switching_off_before_3_nov_2025_is_not_in_scope_in_europe(notice, region):
    answers = adult(COUNTRIES[region], "off", switched_off="before")
    assert status_of(notice, "profile", **answers) == NOT_IN_SCOPE


def test_elsewhere_switching_off_is_always_past_only_as_training_never_paused(notice):
    assert status_of(notice, "profile", **adult("US", "off")) == PAST_ONLY


@pytest.mark.parametrize(
    ("region", "cutoff"),
    [("gb", "2024-09-20"), ("hk", "2024-10-11"), ("ca", "2024-12-10")],
)
def test_member_earlier_asks_about_the_end_of_the_regions_2024_period(notice, region, cutoff):
    from catalog.rules.answers import member_earlier_cutoff

    found = member_earlier_cutoff("adult", "before", notice.region(region), notice)
    assert found.isoformat() == cutoff


def test_member_earlier_is_asked_of_minors_elsewhere_about_3_nov_2025(notice):
    from catalog.rules.answers import member_earlier_cutoff

    found = member_earlier_cutoff("minor", None, notice.region("other"), notice)
    assert found.isoformat() == "2025-11-03"


def test_other_regions_current_period_runs_since_at_least_18_sep_2024_per_ppg25_and_tc24(notice):
    current = notice.region("other").current
    assert current.start.isoformat() == "2024-09-18" and current.start_approximate
    assert {source.slug for source in current.sources} >= {"PPG25", "TC24"}
    assert not {"ICO24", "AFP"} & {source.slug for source in current.sources}


def test_the_eu_territories_with_their_own_iso_codes_are_in_the_eea_region(notice):
    for code in ("AX", "GF", "GP", "MQ", "RE", "YT", "MF"):
        assert notice.region_for(code).slug == "eea", code


@pytest.mark.parametrize("code", ["JE", "GG", "IM", "GI", "FO", "GL", "US"])
def test_crown_dependencies_gibraltar_faroes_and_greenland_are_elsewhere(notice, code):
    assert notice.region_for(code).slug == "other"


@pytest.mark.parametrize(
    ("region", "document", "controller", "objection"),
    [
        ("eea", "notice", "LinkedIn Ireland Unlimited Company", "gdpr"),
        ("ch", "notice", "LinkedIn Ireland Unlimited Company", "fadp"),
        ("gb", "notice", "LinkedIn Corporation", "uk-gdpr"),
        ("ca", "policy", "LinkedIn Corporation", "policy"),
        ("hk", "policy", "LinkedIn Corporation", "policy"),
        ("other", "policy", "LinkedIn Corporation", "policy"),
    ],
)
def test_each_region_names_its_document_controller_and_objection_route(
    notice, region, document, controller, objection
):
    found = notice.region(region)
    assert (found.document, found.controller, found.objection) == (document, controller, objection)


# ---------------------------------------------------------------- minors


@pytest.mark.parametrize("region", ["eea", "ch"])
def test_a_minor_in_europe_is_not_in_scope(notice, region):
    assert status_of(notice, "profile", country=COUNTRIES[region], age="minor") == NOT_IN_SCOPE


@pytest.mark.parametrize("region", ["gb", "hk", "ca", "other"])
def test_a_minor_who_was_a_member_before_the_exclusion_is_sourced_is_past_only(notice, region):
    answers = {"country": COUNTRIES[region], "age": "minor", "member_earlier": "yes"}
    assert status_of(notice, "profile", **answers) == PAST_ONLY
    answers["member_earlier"] = "no"
    assert status_of(notice, "profile", **answers) == NOT_IN_SCOPE


def test_minors_are_not_asked_what_they_do_and_count_as_having_every_kind(notice):
    result = assess(normalise(Answers("FR", "minor", uses=frozenset()), notice), notice)
    assert NOT_APPLICABLE not in {category.status for category in result.categories}
    assert normalise(Answers("FR", "minor", uses=frozenset({"posts"})), notice).uses == frozenset()


def test_every_minor_is_advised_to_switch_off(notice):
    for country in COUNTRIES.values():
        result = assess(normalise(Answers(country, "minor"), notice), notice)
        assert result.switch_off_advised


# ---------------------------------------------------------------- items and listing


def test_feedback_is_listed_by_the_faq_not_by_the_notices_training_row(notice):
    feedback = notice.category("feedback")
    assert feedback.items
    for item in feedback.items:
        assert "train" not in item.rows
        assert item.listed_by == ("faq",)


def test_feedback_follows_the_setting_everywhere(notice):
    for country in ("FR", "US"):
        answers = adult(country, "on", uses=frozenset({"feedback"}))
        assert status_of(notice, "feedback", **answers) == IN_SCOPE


def test_outside_europe_only_the_faqs_list_makes_data_listed(notice):
    region = notice.region("other")
    for item in notice.items:
        assert item.listed_for_training(region) == ("faq" in item.listed_by)


def test_technical_inferred_and_verification_data_are_not_listed(notice):
    everything = frozenset(USES)
    for category in ("technical", "inferred", "verification"):
        assert status_of(notice, category, **adult(uses=everything)) == NOT_LISTED


def test_activity_is_listed_only_for_members_of_groups(notice):
    assert status_of(notice, "activity", **adult()) == NOT_LISTED
    assert status_of(notice, "activity", **adult(uses=frozenset({"groups"}))) == IN_SCOPE


def test_a_category_takes_the_highest_status_of_the_visitors_items(notice):
    result = assess(normalise(Answers(**adult(uses=frozenset({"groups"}))), notice), notice)
    activity = next(c for c in result.categories if c.slug == "activity")
    statuses = {item.status for item in activity.items}
    assert statuses == {IN_SCOPE, NOT_LISTED}
    assert activity.status == IN_SCOPE


def test_a_category_the_visitor_has_no_data_of_is_not_applicable(notice):
    assert status_of(notice, "content", **adult()) == NOT_APPLICABLE


# ---------------------------------------------------------------- other uses beside training


def test_europe_shows_the_notices_other_rows_and_elsewhere_the_global_policys_words(notice):
    europe = assess(normalise(Answers(**adult("FR")), notice), notice)
    assert europe.row_uses and not europe.policy_uses
    assert "train" not in {use.row.slug for use in europe.row_uses}
    elsewhere = assess(normalise(Answers(**adult("US")), notice), notice)
    assert elsewhere.policy_uses and not elsewhere.row_uses
    assert "microsoft-public" in {use.slug for use in elsewhere.policy_uses}


@pytest.mark.parametrize(
    "answers",
    [
        {"country": "GB", "age": "adult", "setting": "on"},  # posts nothing
        {"country": "GB", "age": "minor"},
    ],
)
def test_the_uk_microsoft_row_is_shown_to_every_uk_visitor(notice, answers):
    result = assess(normalise(Answers(**answers), notice), notice)
    assert "microsoft-uk" in {use.row.slug for use in result.row_uses}


def test_the_uk_microsoft_row_is_not_shown_outside_the_uk(notice):
    result = assess(normalise(Answers(**adult("FR")), notice), notice)
    assert "microsoft-uk" not in {use.row.slug for use in result.row_uses}


# ---------------------------------------------------------------- properties

answer_sets = st.builds(
    Answers,
    country=st.sampled_from(sorted(set(COUNTRIES.values()) | {"DE", "AX", "JE", "BR"})),
    age=st.sampled_from(AGES),
    setting=st.sampled_from((None, *SETTINGS)),
    switched_off=st.sampled_from((None, *SWITCHED_OFF)),
    member_earlier=st.sampled_from((None, *MEMBER_EARLIER)),
    uses=st.frozensets(st.sampled_from(USES)),
)


@given(answers=answer_sets)
def test_every_answer_set_gives_the_eight_categories_in_order(notice, answers):
    result = assess(normalise(answers, notice), notice)
    assert tuple(category.slug for category in result.categories) == CATEGORY_SLUGS
    assert {category.status for category in result.categories} <= set(STATUSES)


@given(answers=answer_sets)
def test_normalising_is_idempotent(notice, answers):
    once = normalise(answers, notice)
    assert normalise(once, notice) == once


@given(answers=answer_sets)
def test_an_adult_with_the_setting_on_has_listed_data_in_scope(notice, answers):
    answers = normalise(replace(answers, age="adult", setting="on"), notice)
    result = assess(answers, notice)
    for category in result.categories:
        if category.slug in LISTED and category.items:
            listed = any(item.listed for item in category.items)
            assert (category.status == IN_SCOPE) == listed


@given(answers=answer_sets)
def test_nothing_is_in_scope_once_switched_off_or_for_a_minor(notice, answers):
    answers = normalise(answers, notice)
    if answers.age == "minor" or answers.setting == "off":
        result = assess(answers, notice)
        assert IN_SCOPE not in {category.status for category in result.categories}


@given(answers=answer_sets)
def test_a_minor_is_never_told_they_have_none_of_a_kind(notice, answers):
    answers = normalise(replace(answers, age="minor"), notice)
    result = assess(answers, notice)
    assert NOT_APPLICABLE not in {category.status for category in result.categories}


@given(answers=answer_sets)
def test_a_category_kept_for_its_own_uses_is_the_one_worked_out_from_every_use(notice, answers):
    """Category results are kept per version, region, status and the category's own uses; the
    visitor's other uses must make no difference to them."""
    answers = normalise(answers, notice)
    result = assess(answers, notice)
    uses = visitor_uses(answers)
    assert result.categories == tuple(
        _category_result(category, result.region, result.training.status, uses)
        for category in notice.categories
    )
