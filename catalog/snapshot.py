"""The one read model: every notice version as frozen dataclasses, built once per revision.

Every page, the API, the assessment and short links read `current_content()`; nothing else reads the
content models. The snapshot is rebuilt when the ContentRevision row changes (load_content bumps it
whenever the files change), never on a timer. Once warm, a request costs one query: the revision
check, made at most once per request (reset by Django's request_started signal).

Text holds both languages and shows the active one, so one snapshot serves French and English.
"""

import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.core.signals import request_finished, request_started
from django.db import connection
from django.utils.translation import get_language

from catalog import models
from catalog.present.typography import french_text


@dataclass(frozen=True)
class Text:
    """A visitor-facing text in English and French; str() gives the active language's."""

    en: str
    fr: str

    def __str__(self) -> str:
        return self.in_language(get_language() or "")

    def in_language(self, language: str) -> str:
        """The text in `language`, when the caller knows it (str() asks for the active one)."""
        return self.fr if language.startswith("fr") else self.en

    def __bool__(self) -> bool:
        return bool(self.en or self.fr)

    def both(self) -> tuple[str, str]:
        return self.en, self.fr


def _text(row: object, field: str) -> Text:
    """Both languages of a field; the French with French typography, applied once here."""
    return Text(getattr(row, f"{field}_en"), french_text(getattr(row, f"{field}_fr")))


@dataclass(frozen=True)
class SourceRef:
    slug: str
    kind: str  # primary, regulator, reported, press
    title: str  # as published
    title_lang: str
    title_fr: str  # the publisher's own French title, or ""
    url: str  # "" when no address is known: cite by title, publisher and date
    url_fr: str
    publisher: str
    publisher_fr: str  # the publisher's own French name, or ""
    publisher_in_sentence_fr: str  # how a French sentence names it, when not as shown: l’AFP
    published: Text
    note: Text

    @property
    def _french(self) -> bool:
        return (get_language() or "").startswith("fr")

    @property
    def shown_title(self) -> str:
        """The publisher's own French title on French pages where it has one, else the original."""
        if self._french and self.title_fr:
            return self.title_fr
        return self.title or self.publisher  # an untitled source (a post) goes by its author

    @property
    def shown_publisher(self) -> str:
        return self.publisher_fr if self._french and self.publisher_fr else self.publisher

    @property
    def publisher_in_sentence(self) -> str:
        """The publisher as running text names it ("reported by AFP", « selon l’AFP »)."""
        if self._french and self.publisher_in_sentence_fr:
            return self.publisher_in_sentence_fr
        return self.shown_publisher

    @property
    def shown_lang(self) -> str:
        return "fr" if self._french and self.title_fr else self.title_lang

    @property
    def link(self) -> str:
        return self.url_fr if self._french and self.url_fr else self.url


@dataclass(frozen=True)
class Row:
    """A row (purpose) of the notice that can list data."""

    slug: str
    line: int
    name: Text
    summary: Text
    setting: bool  # the setting covers it
    objection: bool  # contested through the objection route
    regions: frozenset[str]  # empty: every region the notice governs
    sources: tuple[SourceRef, ...]

    def applies_in(self, region: "Region") -> bool:
        return region.document == NOTICE and (not self.regions or region.slug in self.regions)


@dataclass(frozen=True)
class PolicyUse:
    """Outside Europe, an AI use in the global Privacy Policy's or LinkedIn Help's own words."""

    slug: str
    line: int | None
    summary: Text
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None  # None while it runs
    start_approximate: bool
    end_approximate: bool
    announced: bool  # announced ahead: members could switch off before it began
    note: Text
    sources: tuple[SourceRef, ...]
    # The press reports its start rests on, when no notice or regulator dates it.
    start_reported_by: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Fact:
    reported: bool  # known only from the press
    summary: Text
    sources: tuple[SourceRef, ...]


NOTICE = "notice"  # Region.document: the European notice, on top of the global policy
POLICY = "policy"  # Region.document: the global Privacy Policy only


@dataclass(frozen=True)
class Region:
    slug: str
    name: Text
    countries: frozenset[str]  # ISO alpha-2, upper case; empty for "other"
    document: str  # NOTICE or POLICY
    controller: str
    objection: str  # gdpr, uk-gdpr, fadp, policy
    regulator: Text  # empty where no source names one (the global policy's "more options")
    regulator_url: str
    regulator_sources: tuple[SourceRef, ...]
    note: Text
    sources: tuple[SourceRef, ...]
    periods: tuple[Period, ...]  # oldest first; the last is the current one
    facts: tuple[Fact, ...]

    @property
    def current(self) -> Period:
        return self.periods[-1]

    @property
    def earlier(self) -> tuple[Period, ...]:
        return self.periods[:-1]


@dataclass(frozen=True)
class Item:
    slug: str
    category: str
    name: Text
    examples: Text
    note: Text
    use: str  # the `uses` answer that gives a member this item; "" when every member has it
    rows: tuple[str, ...]  # slugs of the notice rows whose cells name it
    listed_by: tuple[str, ...]  # who lists it for training: "notice" (T row), "faq"
    sources: tuple[SourceRef, ...]

    def listed_for_training(self, region: Region) -> bool:
        """The FAQ's list applies everywhere; the notice's training row only where it governs."""
        return "faq" in self.listed_by or (region.document == NOTICE and "notice" in self.listed_by)


@dataclass(frozen=True)
class Category:
    slug: str
    name: Text
    summary: Text
    items: tuple[Item, ...]

    @cached_property
    def uses(self) -> frozenset[str]:
        """The `uses` answers that give a member one of its items."""
        return frozenset(item.use for item in self.items if item.use)


@dataclass(frozen=True)
class Exclusion:
    slug: str
    name: Text
    summary: Text
    details: Text
    use: str  # the `uses` answer that makes it apply ("" for the others)
    further: bool
    applies_from: date | None  # minors: the earliest date a source gives it for
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Notice:
    slug: str
    code_id: int
    effective: date
    title: Text
    summary: Text
    changes: Text
    changes_sources: tuple[SourceRef, ...]
    source: SourceRef  # the notice text itself (N25, N26…)
    sources: tuple[SourceRef, ...]  # every source of this version, in order
    rows: tuple[Row, ...]
    policy_uses: tuple[PolicyUse, ...]
    regions: tuple[Region, ...]
    categories: tuple[Category, ...]
    exclusions: tuple[Exclusion, ...]  # main ones first, then the further ones

    @cached_property
    def _kept(self) -> dict:
        return {}

    def kept[T](self, key: Hashable, build: Callable[[], T]) -> T:
        """What `build` gives, built the first time `key` is asked for and kept with this version:
        what the pages of a version compute once (parts of pages, the search index, the sitemap).
        A new revision builds new versions, so nothing kept here goes stale, and nothing is
        timed."""
        try:
            return self._kept[key]
        except KeyError:
            value = self._kept[key] = build()
            return value

    @cached_property
    def _by_country(self) -> dict[str, Region]:
        return {code: region for region in self.regions for code in region.countries}

    def region_for(self, country: str) -> Region:
        """The region whose country list holds this code, else the catch-all (the one without)."""
        found = self._by_country.get(country.upper())
        return found or next(region for region in self.regions if not region.countries)

    def region(self, slug: str) -> Region:
        return next(region for region in self.regions if region.slug == slug)

    def source_ref(self, slug: str) -> SourceRef | None:
        return next((source for source in self.sources if source.slug == slug), None)

    def cite(self, *slugs: str) -> tuple[SourceRef, ...]:
        return tuple(source for slug in slugs if (source := self.source_ref(slug)))

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for category in self.categories for item in category.items)

    def category(self, slug: str) -> Category | None:
        return next((category for category in self.categories if category.slug == slug), None)

    def exclusion(self, slug: str) -> Exclusion | None:
        return next((exclusion for exclusion in self.exclusions if exclusion.slug == slug), None)

    @property
    def main_exclusions(self) -> tuple[Exclusion, ...]:
        return tuple(exclusion for exclusion in self.exclusions if not exclusion.further)


@dataclass(frozen=True)
class Correction:
    slug: str
    date: date
    title: Text
    summary: Text
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Content:
    revision: int
    notices: tuple[Notice, ...]  # oldest first
    corrections: tuple[Correction, ...]  # newest first

    @property
    def current(self) -> Notice:
        return self.notices[-1]

    def by_code_id(self, code_id: int) -> Notice | None:
        return next((notice for notice in self.notices if notice.code_id == code_id), None)

    def by_slug(self, slug: str) -> Notice | None:
        return next((notice for notice in self.notices if notice.slug == slug), None)

    def previous(self, notice: Notice) -> Notice | None:
        index = self.notices.index(notice)
        return self.notices[index - 1] if index else None


# ---------------------------------------------------------------- building


def _source(row: models.Source) -> SourceRef:
    return SourceRef(
        slug=row.slug,
        kind=row.kind,
        # A title keeps the typography of its own language.
        title=french_text(row.title) if row.title_lang == "fr" else row.title,
        title_lang=row.title_lang,
        title_fr=french_text(row.title_fr),
        url=row.url,
        url_fr=row.url_fr,
        publisher=row.publisher,
        publisher_fr=french_text(row.publisher_fr),
        publisher_in_sentence_fr=row.publisher_in_sentence_fr,
        published=_text(row, "published"),
        note=_text(row, "note"),
    )


def _grouped(rows: Iterable, key: str) -> dict[int, list]:
    groups: dict[int, list] = {}
    for row in rows:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def _build_notice(notice: models.Notice, rows_of: dict[str, dict[int, list]]) -> Notice:
    sources = tuple(_source(row) for row in rows_of["sources"].get(notice.pk, []))
    by_slug = {source.slug: source for source in sources}

    def cite(slugs: Iterable[str]) -> tuple[SourceRef, ...]:
        return tuple(by_slug[slug] for slug in slugs)

    periods = rows_of["periods"]
    facts = rows_of["facts"]
    items = rows_of["items"]
    return Notice(
        slug=notice.slug,
        code_id=notice.code_id,
        effective=notice.effective,
        title=_text(notice, "title"),
        summary=_text(notice, "summary"),
        changes=_text(notice, "changes"),
        changes_sources=cite(notice.changes_sources),
        source=by_slug[notice.source_slug],
        sources=sources,
        rows=tuple(
            Row(
                slug=row.slug,
                line=row.line,
                name=_text(row, "name"),
                summary=_text(row, "summary"),
                setting=row.setting,
                objection=row.objection,
                regions=frozenset(row.regions),
                sources=cite(row.sources),
            )
            for row in rows_of["rows"].get(notice.pk, [])
        ),
        policy_uses=tuple(
            PolicyUse(use.slug, use.line, _text(use, "summary"), cite(use.sources))
            for use in rows_of["policy_uses"].get(notice.pk, [])
        ),
        regions=tuple(
            Region(
                slug=region.slug,
                name=_text(region, "name"),
                countries=frozenset(
                    code.strip().upper() for code in region.countries.split(",") if code.strip()
                ),
                document=region.document,
                controller=region.controller,
                objection=region.objection,
                regulator=_text(region, "regulator"),
                regulator_url=region.regulator_url,
                regulator_sources=cite(region.regulator_sources),
                note=_text(region, "note"),
                sources=cite(region.sources),
                periods=tuple(
                    Period(
                        start=period.start,
                        end=period.end,
                        start_approximate=period.start_approximate,
                        end_approximate=period.end_approximate,
                        announced=period.announced,
                        note=_text(period, "note"),
                        sources=cite(period.sources),
                        start_reported_by=cite(period.start_reported_by),
                    )
                    for period in periods.get(region.pk, [])
                ),
                facts=tuple(
                    Fact(fact.reported, _text(fact, "summary"), cite(fact.sources))
                    for fact in facts.get(region.pk, [])
                ),
            )
            for region in rows_of["regions"].get(notice.pk, [])
        ),
        categories=tuple(
            Category(
                slug=category.slug,
                name=_text(category, "name"),
                summary=_text(category, "summary"),
                items=tuple(
                    Item(
                        slug=item.slug,
                        category=category.slug,
                        name=_text(item, "name"),
                        examples=_text(item, "examples"),
                        note=_text(item, "note"),
                        use=item.use,
                        rows=tuple(item.rows),
                        listed_by=tuple(item.listed_by),
                        sources=cite(item.sources),
                    )
                    for item in items.get(category.pk, [])
                ),
            )
            for category in rows_of["categories"].get(notice.pk, [])
        ),
        exclusions=tuple(
            Exclusion(
                slug=exclusion.slug,
                name=_text(exclusion, "name"),
                summary=_text(exclusion, "summary"),
                details=_text(exclusion, "details"),
                use=exclusion.use,
                further=exclusion.further,
                applies_from=exclusion.applies_from,
                sources=cite(exclusion.sources),
            )
            for exclusion in rows_of["exclusions"].get(notice.pk, [])
        ),
    )


def build(revision: int) -> Content | None:
    """Read every notice version from the database (a fixed number of queries); None if empty."""
    notices = list(models.Notice.objects.order_by("effective"))
    if not notices:
        return None
    rows_of = {
        "sources": _grouped(models.Source.objects.order_by("order"), "notice_id"),
        "rows": _grouped(models.Row.objects.order_by("order"), "notice_id"),
        "policy_uses": _grouped(models.PolicyUse.objects.order_by("order"), "notice_id"),
        "regions": _grouped(models.Region.objects.order_by("order"), "notice_id"),
        "periods": _grouped(models.Period.objects.order_by("order"), "region_id"),
        "facts": _grouped(models.RegionFact.objects.order_by("order"), "region_id"),
        "categories": _grouped(models.Category.objects.order_by("order"), "notice_id"),
        "items": _grouped(models.Item.objects.order_by("order"), "category_id"),
        "exclusions": _grouped(models.Exclusion.objects.order_by("order"), "notice_id"),
    }
    built = tuple(_build_notice(notice, rows_of) for notice in notices)
    current = built[-1]
    corrections = tuple(
        Correction(
            slug=row.slug,
            date=row.date,
            title=_text(row, "title"),
            summary=_text(row, "summary"),
            sources=current.cite(*row.sources),
        )
        for row in models.Correction.objects.order_by("-date", "slug")
    )
    return Content(revision, built, corrections)


# ---------------------------------------------------------------- the per-process copy

_lock = threading.Lock()
_kept: tuple[tuple[int, str], Content | None] | None = None  # ((number, digest), content)
# Per thread: .active while a request runs; .checked, the revision this request already read.
_request = threading.local()


def _request_began(**kwargs) -> None:
    _request.active, _request.checked = True, None


def _request_ended(**kwargs) -> None:
    _request.active, _request.checked = False, None


request_started.connect(_request_began, dispatch_uid="snapshot-request-began")
request_finished.connect(_request_ended, dispatch_uid="snapshot-request-ended")


# The one query of a request, in plain SQL: building it through the ORM cost more than running it.
_REVISION_TABLE = models.ContentRevision._meta.db_table
_REVISION_SQL = f"SELECT number, digest FROM {_REVISION_TABLE} ORDER BY id LIMIT 1"


def _read_revision() -> tuple[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(_REVISION_SQL)
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, "")


def current_content() -> Content | None:
    """The content at the database's revision; None when nothing is loaded.

    Within a request the revision is read once; outside requests (commands, tests) every call
    reads it, so an edit is seen by the next read.
    """
    global _kept
    active = getattr(_request, "active", False)
    kept = _kept
    if active and kept is not None and kept[0] == _request.checked:
        return kept[1]
    revision = _read_revision()
    if active:
        _request.checked = revision
    if kept is None or kept[0] != revision:
        with _lock:
            if _kept is None or _kept[0] != revision:
                _kept = (revision, build(revision[0]))
            kept = _kept
    return kept[1]
