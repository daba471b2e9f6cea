"""The rules: normalised answers and a notice version's snapshot in, an assessment out (DESIGN.md)

Pure: no request, no ORM, no wording. Statuses concern the training of content-generating AI only;
the other AI uses are listed beside them (`other_uses`). catalog.present turns this into words.
"""

from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Final

from catalog.rules.answers import Answers, member_earlier_cutoff, minors_excluded_from
from catalog.rules.vocabulary import USES
from catalog.snapshot import (
    NOTICE,
    Category,
    Exclusion,
    Item,
    Notice,
    Period,
    PolicyUse,
    Region,
    Row,
    Text,
)

IN_SCOPE: Final = "in-scope"
PAST_ONLY: Final = "past-only"
NOT_IN_SCOPE: Final = "not-in-scope"
NOT_LISTED: Final = "not-listed"
NOT_APPLICABLE: Final = "not-applicable"
# A category takes the highest status of the visitor's items, in this order.
RANK: Final = (IN_SCOPE, PAST_ONLY, NOT_IN_SCOPE, NOT_LISTED)
MINORS: Final = "minors"

# Why listed data has its status: one basis per situation (catalog.present words it).
SETTING_ON: Final = "setting-on"
SETTING_UNKNOWN: Final = "setting-unknown"
OFF_AFTER_START: Final = "off-after-start"
OFF_UNKNOWN_DATE: Final = "off-unknown-date"
OFF_NEVER_PAUSED: Final = "off-never-paused"  # training there never paused (`other`)
OFF_BEFORE_EARLIER: Final = "off-before-but-earlier"  # off before, member in an earlier period
OFF_BEFORE: Final = "off-before"
MINOR_EXCLUDED: Final = "minor-excluded"
MINOR_EARLIER: Final = "minor-earlier"  # a minor, in periods before the exclusion is sourced


@dataclass(frozen=True)
class Training:
    """What happens to the visitor's listed data, and the periods behind it."""

    status: str  # IN_SCOPE, PAST_ONLY or NOT_IN_SCOPE
    basis: str  # one of the bases above
    periods: tuple[Period, ...]  # the training periods it concerns
    cutoff: date | None  # where member_earlier decided it: the date that question asked about


@dataclass(frozen=True)
class ItemResult:
    item: Item
    status: str  # IN_SCOPE, PAST_ONLY, NOT_IN_SCOPE or NOT_LISTED

    @property
    def listed(self) -> bool:
        return self.status != NOT_LISTED


@dataclass(frozen=True)
class CategoryResult:
    category: Category
    status: str  # vocabulary.STATUSES
    items: tuple[ItemResult, ...]  # the visitor's items of this category

    @property
    def slug(self) -> str:
        return self.category.slug

    @property
    def name(self) -> Text:
        return self.category.name

    @cached_property
    def rows(self) -> frozenset[str]:
        """The slugs of the notice rows whose cells name one of these items."""
        return frozenset(row for result in self.items for row in result.item.rows)


@dataclass(frozen=True)
class ExclusionResult:
    exclusion: Exclusion
    applies: bool

    @property
    def slug(self) -> str:
        return self.exclusion.slug


@dataclass(frozen=True)
class RowUse:
    """A notice row beside training (Microsoft's UK row included, which exempts no one), with the
    visitor's categories its cells name (none, for a row about other content)."""

    row: Row
    categories: tuple[Text, ...]


@dataclass(frozen=True)
class Assessment:
    answers: Answers
    notice: Notice
    region: Region
    training: Training
    categories: tuple[CategoryResult, ...]  # always the eight, in order
    exclusions: tuple[ExclusionResult, ...]  # the main exclusions, in order
    row_uses: tuple[RowUse, ...]  # where the notice governs: its other rows naming the data
    policy_uses: tuple[PolicyUse, ...]  # elsewhere: the global policy's own words

    @property
    def minor(self) -> bool:
        return self.answers.age == "minor"

    def count(self, status: str) -> int:
        return sum(category.status == status for category in self.categories)

    @property
    def applicable(self) -> int:
        """How many kinds of data the visitor has."""
        return len(self.categories) - self.count(NOT_APPLICABLE)

    @property
    def switch_off_advised(self) -> bool:
        """The setting is (or may be) on, or the visitor is a minor (LinkedIn's own judgement)."""
        return self.minor or self.answers.setting in ("on", "unknown")


def visitor_uses(answers: Answers) -> frozenset[str]:
    """What the visitor does; a minor, who is not asked, counts as doing everything."""
    return frozenset(USES) if answers.age == "minor" else answers.uses


def visitor_items(items: tuple[Item, ...], uses: frozenset[str]) -> tuple[Item, ...]:
    """Every member has the items without a `use`; the others come with the matching answer."""
    return tuple(item for item in items if not item.use or item.use in uses)


def _before(region: Region, until: date) -> tuple[Period, ...]:
    """The region's training periods before `until`, the last one cut at that date."""
    return tuple(
        period
        if period.end is not None and period.end <= until
        else replace(period, end=until, end_approximate=False)
        for period in region.periods
        if period.start < until
    )


def training(answers: Answers, region: Region, notice: Notice) -> Training:
    """DESIGN.md's statuses 3-5 for data LinkedIn lists for training."""
    cutoff = member_earlier_cutoff(answers.age, answers.switched_off, region, notice)
    if answers.age == "minor":
        excluded_from = minors_excluded_from(notice)
        if cutoff is None or excluded_from is None or answers.member_earlier == "no":
            return Training(NOT_IN_SCOPE, MINOR_EXCLUDED, (), cutoff)
        return Training(PAST_ONLY, MINOR_EARLIER, _before(region, excluded_from), cutoff)
    if answers.setting == "on":
        return Training(IN_SCOPE, SETTING_ON, (region.current,), None)
    if answers.setting != "off":
        return Training(IN_SCOPE, SETTING_UNKNOWN, (region.current,), None)
    if not region.current.announced:
        return Training(PAST_ONLY, OFF_NEVER_PAUSED, region.periods, None)
    if answers.switched_off == "after":
        return Training(PAST_ONLY, OFF_AFTER_START, region.periods, None)
    if answers.switched_off != "before":
        return Training(PAST_ONLY, OFF_UNKNOWN_DATE, region.periods, None)
    if cutoff is None or answers.member_earlier == "no":
        return Training(NOT_IN_SCOPE, OFF_BEFORE, region.earlier, cutoff)
    return Training(PAST_ONLY, OFF_BEFORE_EARLIER, region.earlier, cutoff)


def _category_status(results: tuple[ItemResult, ...]) -> str:
    if not results:
        return NOT_APPLICABLE
    return min((result.status for result in results), key=RANK.index)


def category_result(
    notice: Notice, category: Category, region: Region, status: str, uses: frozenset[str]
) -> CategoryResult:
    """A category's items and status for a visitor in `region` whose listed data has `status`.

    It depends on the visitor's uses only through the category's own (`Category.uses`), so each
    is worked out once per notice version, region, status and those: a few hundred at most.
    """
    relevant = uses & category.uses
    return notice.kept(
        (CategoryResult, category.slug, region.slug, status, relevant),
        lambda: _category_result(category, region, status, relevant),
    )


def _category_result(
    category: Category, region: Region, status: str, uses: frozenset[str]
) -> CategoryResult:
    results = tuple(
        ItemResult(item, status if item.listed_for_training(region) else NOT_LISTED)
        for item in visitor_items(category.items, uses)
    )
    return CategoryResult(category, _category_status(results), results)


def assess(answers: Answers, notice: Notice) -> Assessment:
    """Per item and per category, DESIGN.md's first matching status; the other uses beside."""
    region = notice.region_for(answers.country)
    listed = training(answers, region, notice)
    uses = visitor_uses(answers)
    categories = [
        category_result(notice, category, region, listed.status, uses)
        for category in notice.categories
    ]
    exclusions = tuple(
        ExclusionResult(
            exclusion,
            answers.age == "minor" if exclusion.slug == MINORS else exclusion.use in uses,
        )
        for exclusion in notice.main_exclusions
    )
    row_uses: tuple[RowUse, ...] = ()
    policy_uses: tuple[PolicyUse, ...] = ()
    if region.document == NOTICE:
        # The rows each of the visitor's categories is named in, through its items.
        named_in = [(result.name, result.rows) for result in categories]
        row_uses = tuple(
            RowUse(row, tuple(name for name, rows in named_in if row.slug in rows))
            for row in notice.rows
            if row.slug != "train" and row.applies_in(region)
        )
    else:
        policy_uses = notice.policy_uses
    return Assessment(
        answers=answers,
        notice=notice,
        region=region,
        training=listed,
        categories=tuple(categories),
        exclusions=exclusions,
        row_uses=row_uses,
        policy_uses=policy_uses,
    )
