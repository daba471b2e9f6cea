"""The rules of DESIGN.md ("Statuses"), one test per rule, then properties over every answer set.

No database: the notice data is built straight from the content files (`content_notice`).
"""

import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from catalog.models import ROWS
from catalog.notice_data import (
    CategoryData,
    ExclusionData,
    ItemData,
    NoticeData,
    RegionData,
    SourceRef,
)
from catalog.rules.answers import Answers, normalise
from catalog.rules.assessment import assess, visitor_items
from catalog.rules.vocabulary import (
    AGES,
    CATEGORY_SLUGS,
    EXCLUSION_SLUGS,
    SETTINGS,
    STATUSES,
    SWITCHED_OFF,
    USES,
)

CONTENT = Path(__file__).resolve().parent.parent / "catalog" / "content"


def content_notice(slug: str = "2026-08-21", lang: str = "en") -> NoticeData:
    """A notice version's data from the content files, as load_notice_data builds it from the DB."""
    common = tomllib.loads((CONTENT / "common.toml").read_text(encoding="utf-8"))
    notice = tomllib.loads((CONTENT / "notices" / f"{slug}.toml").read_text(encoding="utf-8"))
    sources = {
        row["slug"]: SourceRef(
            row["slug"], row["title"], row["publisher"], row[f"published_{lang}"], row["url"]
        )
        for row in common["sources"]
    }
    order = list(sources)  # the database keeps a row's sources in the sources' own order

    def refs(slugs: list[str]) -> tuple[SourceRef, ...]:
        return tuple(sources[slug] for slug in sorted(slugs, key=order.index))

    return NoticeData(
        slug=notice["slug"],
        code_id=notice["code_id"],
        effective=notice["effective"],
        title=notice[f"title_{lang}"],
        source_slug=notice["source"],
        regions=tuple(
            RegionData(
                slug=row["slug"],
                name=row[f"name_{lang}"],
                countries=frozenset(code for code in row["countries"].split(",") if code),
                training_start=row["training_start"],
                notice_before_start=row["notice_before_start"],
                sources=refs(row["sources"]),
            )
            for row in common["regions"]
        ),
        categories=tuple(
            CategoryData(
                slug=category["slug"],
                name=category[f"name_{lang}"],
                items=tuple(
                    ItemData(
                        slug=item["slug"],
                        name=item[f"name_{lang}"],
                        use=item.get("use", ""),
                        rows=tuple(row for row in ROWS if item.get(row)),
                        sources=refs(item["sources"]),
                    )
                    for item in notice["items"]
                    if item["category"] == category["slug"]
                ),
            )
            for category in common["categories"]
        ),
        exclusions=tuple(
            ExclusionData(
                slug=row["slug"],
                name=row[f"name_{lang}"],
                summary=row[f"summary_{lang}"],
                use=row.get("use", ""),
                sources=refs(row["sources"]),
            )
            for row in common["exclusions"]
            if not row.get("further")
        ),
    )


NOTICE = content_notice()
REGIONS = NOTICE.regions


def statuses(answers: Answers, notice: NoticeData = NOTICE) -> dict[str, str]:
    return {category.slug: category.status for category in assess(answers, notice).categories}


def applies(answers: Answers) -> dict[str, bool]:
    return {exclusion.slug: exclusion.applies for exclusion in assess(answers, NOTICE).exclusions}


ADULT_ON = Answers("FR", "adult", setting="on")
EVERY_USE = frozenset(USES)


# ------------------------------------------------------- status rules, in DESIGN.md's order


def test_a_category_the_visitor_has_no_data_of_is_not_applicable():
    assert statuses(ADULT_ON)["verification"] == "not-applicable"
    assert statuses(ADULT_ON)["ai-inputs"] == "not-applicable"
    assert statuses(ADULT_ON)["feedback"] == "not-applicable"


def test_every_member_has_profile_activity_technical_and_inferred_data():
    result = statuses(ADULT_ON)
    assert all(result[slug] != "not-applicable" for slug in ("profile", "activity", "technical"))
    assert result["inferred"] != "not-applicable"


def test_data_none_of_whose_items_are_listed_for_training_is_not_listed():
    assert statuses(replace(ADULT_ON, uses=EVERY_USE))["technical"] == "not-listed"
    assert statuses(replace(ADULT_ON, uses=EVERY_USE))["inferred"] == "not-listed"
    assert statuses(replace(ADULT_ON, uses=frozenset({"verification"})))["verification"] == (
        "not-listed"
    )


def test_activity_is_listed_only_for_members_of_groups():
    assert statuses(ADULT_ON)["activity"] == "not-listed"
    assert statuses(replace(ADULT_ON, uses=frozenset({"groups"})))["activity"] == "in-scope"


def test_not_applicable_wins_over_not_listed_and_over_protection():
    minor = Answers("FR", "minor")
    assert statuses(minor)["content"] == "not-applicable"
    assert statuses(minor)["technical"] == "not-listed"


def test_listed_data_of_a_minor_is_not_in_scope():
    result = statuses(Answers("US", "minor", uses=EVERY_USE))
    assert result["profile"] == result["content"] == result["feedback"] == "not-in-scope"


def test_listed_data_of_someone_who_switched_off_before_the_start_is_not_in_scope():
    answers = Answers("DE", "adult", setting="off", switched_off="before")
    assert statuses(answers)["profile"] == "not-in-scope"


def test_switching_off_after_the_start_leaves_past_use_only():
    answers = Answers("DE", "adult", setting="off", switched_off="after")
    assert statuses(answers)["profile"] == "past-only"


def test_switching_off_at_an_unknown_date_counts_as_past_use_only():
    answers = Answers("GB", "adult", setting="off", switched_off="unknown")
    assert statuses(answers)["profile"] == "past-only"


def test_switching_off_where_training_started_with_the_setting_is_always_past_only():
    assert statuses(Answers("US", "adult", setting="off"))["profile"] == "past-only"


def test_listed_data_of_an_adult_with_the_setting_on_is_in_scope():
    assert statuses(ADULT_ON)["profile"] == "in-scope"


def test_not_knowing_the_setting_counts_as_on_because_it_is_on_by_default():
    assert statuses(Answers("FR", "adult", setting="unknown"))["profile"] == "in-scope"


def test_feedback_counts_as_listed_for_training_the_cautious_reading():
    assert statuses(replace(ADULT_ON, uses=frozenset({"feedback"})))["feedback"] == "in-scope"


@pytest.mark.parametrize(
    ("use", "category"),
    [
        ("posts", "content"),
        ("groups", "activity"),
        ("ai-tools", "ai-inputs"),
        ("verification", "verification"),
        ("feedback", "feedback"),
    ],
)
def test_each_use_brings_its_category_s_items(use, category):
    without = assess(ADULT_ON, NOTICE).categories[CATEGORY_SLUGS.index(category)]
    with_use = assess(replace(ADULT_ON, uses=frozenset({use})), NOTICE).categories[
        CATEGORY_SLUGS.index(category)
    ]
    assert len(with_use.items) > len(without.items)
    assert any(item.use == use for item in with_use.items)


def test_resumes_add_the_saved_resumes_item_to_profile_data():
    profile = assess(replace(ADULT_ON, uses=frozenset({"resumes"})), NOTICE).categories[0]
    assert "resumes" in [item.slug for item in profile.items]
    assert "resumes" not in [item.slug for item in assess(ADULT_ON, NOTICE).categories[0].items]


def test_items_without_a_use_are_everyones_and_others_need_their_use():
    items = (
        ItemData("a", "A", "", ("train",), ()),
        ItemData("b", "B", "posts", ("train",), ()),
    )
    assert [item.slug for item in visitor_items(items, frozenset())] == ["a"]
    assert [item.slug for item in visitor_items(items, frozenset({"posts"}))] == ["a", "b"]


# ---------------------------------------------------------------- reasons


def test_reasons_name_the_region_start_date_from_the_content():
    moved = replace(
        NOTICE,
        regions=tuple(
            replace(region, training_start=date(2030, 1, 2)) if region.slug == "eea" else region
            for region in REGIONS
        ),
    )
    profile = assess(Answers("FR", "adult", setting="on"), moved).categories[0]
    assert "2 January 2030" in profile.reason
    assert "3 November 2025" in assess(ADULT_ON, NOTICE).categories[0].reason


def test_reasons_are_in_the_active_language():
    with translation.override("fr"):
        reason = assess(Answers("FR", "minor"), NOTICE).categories[0].reason
    assert "18 ans" in reason


def test_every_reason_is_one_non_empty_sentence():
    for answers in (ADULT_ON, Answers("US", "minor"), Answers("US", "adult", setting="off")):
        for category in assess(answers, NOTICE).categories:
            assert category.reason.strip().endswith(".")
            assert category.reason.count(". ") == 0


# ---------------------------------------------------------------- exclusions


def test_the_private_messages_exclusion_applies_to_members_who_send_messages():
    assert applies(replace(ADULT_ON, uses=frozenset({"messages"})))["private-messages"] is True
    assert applies(ADULT_ON)["private-messages"] is False


def test_the_salary_exclusion_applies_to_members_who_give_salary_data():
    assert applies(replace(ADULT_ON, uses=frozenset({"salary"})))["salary"] is True
    assert applies(ADULT_ON)["salary"] is False


def test_the_minors_exclusion_applies_to_members_under_18():
    assert applies(Answers("FR", "minor"))["minors"] is True
    assert applies(ADULT_ON)["minors"] is False


def test_messages_and_salary_add_no_category_data():
    more = replace(ADULT_ON, uses=frozenset({"messages", "salary"}))
    assert statuses(more) == statuses(ADULT_ON)


# ---------------------------------------------------------------- headline and next steps


def test_the_headline_counts_used_data_over_the_categories_that_apply():
    result = assess(replace(ADULT_ON, uses=frozenset({"posts", "groups"})), NOTICE)
    assert (result.used, result.applicable) == (3, 5)


def test_switching_off_is_advised_only_when_the_setting_may_be_on():
    assert assess(ADULT_ON, NOTICE).switch_off_advised
    assert assess(Answers("FR", "adult", setting="unknown"), NOTICE).switch_off_advised
    assert not assess(Answers("US", "adult", setting="off"), NOTICE).switch_off_advised
    assert not assess(Answers("FR", "minor"), NOTICE).switch_off_advised


def test_microsoft_sharing_is_shown_to_uk_residents_only():
    assert assess(Answers("GB", "adult", setting="on"), NOTICE).microsoft_sharing
    assert not assess(ADULT_ON, NOTICE).microsoft_sharing


def test_other_ai_uses_list_the_visitors_categories_by_row():
    other = {use.row: use.categories for use in assess(ADULT_ON, NOTICE).other_uses}
    assert "Technical data" in other["safety"]
    assert "Published content" not in other["features"]  # no posts: no published content


# ---------------------------------------------------------------- properties over every answer set

answer_sets = st.builds(
    Answers,
    country=st.sampled_from(["FR", "DE", "IS", "CH", "GB", "CA", "HK", "US", "JP", "BR"]),
    age=st.sampled_from(AGES),
    setting=st.one_of(st.none(), st.sampled_from(SETTINGS)),
    switched_off=st.one_of(st.none(), st.sampled_from(SWITCHED_OFF)),
    uses=st.frozensets(st.sampled_from(USES)),
).map(lambda answers: normalise(answers, REGIONS))
notices = st.sampled_from([NOTICE, content_notice("2025-11-03")])


@given(answer_sets, notices)
def test_every_answer_set_gives_exactly_the_eight_categories_in_order(answers, notice):
    result = assess(answers, notice)
    assert tuple(category.slug for category in result.categories) == CATEGORY_SLUGS
    assert tuple(exclusion.slug for exclusion in result.exclusions) == EXCLUSION_SLUGS


@given(answer_sets)
def test_statuses_come_only_from_the_vocabulary(answers):
    assert set(statuses(answers).values()) <= set(STATUSES)


@given(answer_sets)
def test_a_minor_is_never_in_scope_or_past_only(answers):
    if answers.age == "minor":
        assert not {"in-scope", "past-only"} & set(statuses(answers).values())
        assert applies(answers)["minors"]


@given(answer_sets)
def test_off_before_the_start_is_never_in_scope_or_past_only(answers):
    if answers.switched_off == "before":
        assert not {"in-scope", "past-only"} & set(statuses(answers).values())


@given(answer_sets)
def test_an_adult_with_the_setting_on_is_never_protected(answers):
    if answers.age == "adult" and answers.setting in ("on", "unknown"):
        assert "not-in-scope" not in statuses(answers).values()
        assert "past-only" not in statuses(answers).values()


@given(answer_sets)
def test_items_shown_are_the_visitors_own(answers):
    for category in assess(answers, NOTICE).categories:
        assert all(not item.use or item.use in answers.uses for item in category.items)
        assert (category.status == "not-applicable") == (not category.items)


@given(answer_sets)
def test_the_headline_never_counts_more_than_the_categories_that_apply(answers):
    result = assess(answers, NOTICE)
    assert 0 <= result.used <= result.applicable <= 8
    assert result.applicable >= 4  # profile, activity, technical, inferred


@given(answer_sets)
def test_the_assessment_is_deterministic(answers):
    assert assess(answers, NOTICE) == assess(answers, NOTICE)
