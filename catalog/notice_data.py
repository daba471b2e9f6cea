"""A notice version's data as plain frozen dataclasses, read from the database in a few queries.

Everything else in the domain (answers.py, assessment.py, questions.py) takes these dataclasses and
never the ORM, so the rules are tested without a database. Text fields hold the active language's
translation (django-modeltranslation picks the column), so build the data inside the language the
page or the API answers in.
"""

import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import get_language

from catalog.models import ROWS, Category, DataItem, Exclusion, Notice, Region, Source


@dataclass(frozen=True)
class SourceRef:
    slug: str
    title: str
    publisher: str
    published: str
    url: str  # empty when no address is known: cite by title, publisher and date


@dataclass(frozen=True)
class RegionData:
    slug: str
    name: str
    countries: frozenset[str]  # ISO alpha-2, upper case; empty for "other"
    training_start: date
    notice_before_start: bool
    sources: tuple[SourceRef, ...] = ()  # behind its dates


@dataclass(frozen=True)
class ItemData:
    slug: str
    name: str
    use: str  # a vocabulary.USES value, or "" when every member has this item
    rows: tuple[str, ...]  # a subset of models.ROWS, in that order
    sources: tuple[SourceRef, ...]

    @property
    def train(self) -> bool:
        return "train" in self.rows


@dataclass(frozen=True)
class CategoryData:
    slug: str
    name: str
    items: tuple[ItemData, ...]


@dataclass(frozen=True)
class ExclusionData:
    slug: str
    name: str
    summary: str
    use: str  # the `uses` answer that makes it apply ("" for minors: by age)
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class NoticeData:
    slug: str
    code_id: int
    effective: date
    title: str
    source_slug: str  # the notice text itself (N25, N26…)
    regions: tuple[RegionData, ...]
    categories: tuple[CategoryData, ...]  # the eight, in order
    exclusions: tuple[ExclusionData, ...]  # the three main ones, in order


def _source(source: Source) -> SourceRef:
    return SourceRef(source.slug, source.title, source.publisher, source.published, source.url)


def load_regions(with_sources: bool = False) -> tuple[RegionData, ...]:
    """The regions: one query, all a question page needs; the result also cites their sources."""
    regions = Region.objects.order_by("order")
    if with_sources:
        regions = regions.prefetch_related(
            Prefetch("sources", queryset=Source.objects.order_by("order"))
        )
    return tuple(
        RegionData(
            slug=region.slug,
            name=region.name,
            countries=frozenset(region.country_codes()),
            training_start=region.training_start,
            notice_before_start=region.notice_before_start,
            sources=tuple(_source(source) for source in region.sources.all())
            if with_sources
            else (),
        )
        for region in regions
    )


# Built notice data per (notice, language), with when it expires: each worker reads the content once
# per CONTENT_CACHE_SECONDS instead of on every result (production; 0, the local default, is off).
_built: dict[tuple[int, str], tuple[float, "NoticeData"]] = {}


def load_notice_data(notice: Notice | None = None) -> NoticeData | None:
    """The given notice version's data (the current one by default); None when none is loaded."""
    if notice is None:
        notice = Notice.current()
        if notice is None:
            return None
    seconds = settings.CONTENT_CACHE_SECONDS
    key = (notice.pk, get_language())
    kept = _built.get(key)
    if seconds and kept and kept[0] > time.monotonic():
        return kept[1]
    data = _build(notice)
    if seconds:
        _built[key] = (time.monotonic() + seconds, data)
    return data


def _build(notice: Notice) -> NoticeData:
    items = Prefetch(
        "items",
        queryset=DataItem.objects.filter(notice=notice)
        .order_by("order")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("order"))),
    )
    categories = Category.objects.order_by("order").prefetch_related(items)
    exclusions = (
        Exclusion.objects.filter(further=False)
        .order_by("order")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("order")))
    )
    return NoticeData(
        slug=notice.slug,
        code_id=notice.code_id,
        effective=notice.effective,
        title=notice.title,
        source_slug=notice.source.slug,
        regions=load_regions(with_sources=True),
        categories=tuple(
            CategoryData(
                slug=category.slug,
                name=category.name,
                items=tuple(
                    ItemData(
                        slug=item.slug,
                        name=item.name,
                        use=item.use,
                        rows=tuple(row for row in ROWS if getattr(item, row)),
                        sources=tuple(_source(source) for source in item.sources.all()),
                    )
                    for item in category.items.all()
                ),
            )
            for category in categories
        ),
        exclusions=tuple(
            ExclusionData(
                slug=exclusion.slug,
                name=exclusion.name,
                summary=exclusion.summary,
                use=exclusion.use,
                sources=tuple(_source(source) for source in exclusion.sources.all()),
            )
            for exclusion in exclusions
        ),
    )
