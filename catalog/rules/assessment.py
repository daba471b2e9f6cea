"""The rules: normalised answers and a notice version's data in, an assessment out (DESIGN.md).

Pure: no request, no ORM. Reasons are in the active language; region start dates come from the
content (NoticeData.regions), never from here.
"""

from dataclasses import dataclass
from typing import Final

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalog.notice_data import ItemData, NoticeData, RegionData, SourceRef
from catalog.rules.answers import Answers, region_for

IN_SCOPE: Final = "in-scope"
PAST_ONLY: Final = "past-only"
NOT_IN_SCOPE: Final = "not-in-scope"
NOT_LISTED: Final = "not-listed"
NOT_APPLICABLE: Final = "not-applicable"
USED: Final = (IN_SCOPE, PAST_ONLY)  # may be (or have been) used for training
OTHER_ROWS: Final = ("features", "improve", "safety")  # AI uses the setting does not stop
MINORS: Final = "minors"


@dataclass(frozen=True)
class CategoryResult:
    slug: str
    name: str
    status: str  # vocabulary.STATUSES
    reason: str  # one sentence, active language
    items: tuple[ItemData, ...]  # the visitor's items of this category (item.train: listed)


@dataclass(frozen=True)
class ExclusionResult:
    slug: str
    name: str
    summary: str
    applies: bool
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class OtherUse:
    row: str  # "features", "improve" or "safety"
    categories: tuple[str, ...]  # names of the visitor's categories that row lists


@dataclass(frozen=True)
class Assessment:
    answers: Answers
    region: RegionData
    notice_slug: str
    notice_title: str
    categories: tuple[CategoryResult, ...]  # always the eight, in order
    exclusions: tuple[ExclusionResult, ...]  # the three main exclusions, in order
    other_uses: tuple[OtherUse, ...]

    @property
    def applicable(self) -> int:
        """How many kinds of data the visitor has."""
        return sum(category.status != NOT_APPLICABLE for category in self.categories)

    @property
    def used(self) -> int:
        """How many of them may be, or may have been, used for training."""
        return sum(category.status in USED for category in self.categories)

    @property
    def switch_off_advised(self) -> bool:
        """The setting is (or may be) on: switching it off stops training from now on."""
        return self.answers.age != "minor" and self.answers.setting in ("on", "unknown", None)

    @property
    def microsoft_sharing(self) -> bool:
        """In the UK, LinkedIn also shares content with Microsoft for Microsoft's own models."""
        return self.region.slug == "gb"


def visitor_items(items: tuple[ItemData, ...], uses: frozenset[str]) -> tuple[ItemData, ...]:
    """Every member has the items without a `use`; the others come with the matching answer."""
    return tuple(item for item in items if not item.use or item.use in uses)


def _protection(answers: Answers, region: RegionData) -> tuple[str, str]:
    """Status and reason for data that the notice lists for training."""
    start = date_format(region.training_start, "j F Y")
    if answers.age == "minor":
        return NOT_IN_SCOPE, _(
            "Members under 18 are excluded from training, even if their setting appears to be on."
        )
    setting = answers.setting or "unknown"
    if setting == "off":
        if not region.notice_before_start:
            return PAST_ONLY, _(
                "Training started in your region on %(date)s with the setting on by default: "
                "this data may have been used until you switched it off, but not since."
            ) % {"date": start}
        if answers.switched_off == "before":
            return NOT_IN_SCOPE, _(
                "You switched the setting off before training started in your region "
                "on %(date)s, so it is not used."
            ) % {"date": start}
        if answers.switched_off == "after":
            return PAST_ONLY, _(
                "You switched the setting off after training started in your region on "
                "%(date)s: this data may already have been used, but not since."
            ) % {"date": start}
        return PAST_ONLY, _(
            "You switched the setting off but don't know when: this data may have been used "
            "from %(date)s until then, but not since."
        ) % {"date": start}
    if setting == "on":
        return IN_SCOPE, _(
            "The notice lists it for training and your setting is on: it may be used to train "
            "LinkedIn's AI, as it can be in your region since %(date)s."
        ) % {"date": start}
    return IN_SCOPE, _(
        "The notice lists it for training and the setting is on by default: unless you switched "
        "it off, it may be used, as it can be in your region since %(date)s."
    ) % {"date": start}


def assess(answers: Answers, notice: NoticeData) -> Assessment:
    """Per category, DESIGN.md's first matching status; per main exclusion, whether it applies."""
    region = region_for(answers.country, notice.regions)
    protection = _protection(answers, region)
    categories = []
    for category in notice.categories:
        items = visitor_items(category.items, answers.uses)
        if not items:
            status, reason = NOT_APPLICABLE, _("From your answers, you have no data of this kind.")
        elif not any(item.train for item in items):
            status, reason = (
                NOT_LISTED,
                _(
                    "The notice does not list your data of this kind for training "
                    "content-creating AI."
                ),
            )
        else:
            status, reason = protection
        categories.append(CategoryResult(category.slug, category.name, status, reason, items))
    exclusions = tuple(
        ExclusionResult(
            slug=exclusion.slug,
            name=exclusion.name,
            summary=exclusion.summary,
            applies=(
                answers.age == "minor"
                if exclusion.slug == MINORS
                else bool(exclusion.use) and exclusion.use in answers.uses
            ),
            sources=exclusion.sources,
        )
        for exclusion in notice.exclusions
    )
    other_uses = tuple(
        OtherUse(
            row,
            tuple(
                category.name
                for category in categories
                if any(row in item.rows for item in category.items)
            ),
        )
        for row in OTHER_ROWS
    )
    return Assessment(
        answers=answers,
        region=region,
        notice_slug=notice.slug,
        notice_title=notice.title,
        categories=tuple(categories),
        exclusions=exclusions,
        other_uses=other_uses,
    )
