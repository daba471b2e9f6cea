"""Read helpers for the catalog pages and the API, and the pure pieces they rely on.

The pure functions (`fold`, `matches`, `diff_items`) take plain values and know nothing of requests
or the ORM; the query helpers fetch what a page needs in a few queries (prefetching items and
sources), so each page costs a small, fixed number of queries whatever the content grows to.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from catalog.models import ROWS, Category, DataItem, Exclusion, Notice, Region, Source

# Only the first characters of a search are processed: enough for any real query, and it keeps
# the work per request small whatever someone pastes into the box.
MAX_QUERY_LENGTH = 200

# French and English words for the same thing that share no prefix, so that "salaire" finds
# "données salariales" and "salary". Keys and values are folded.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "salaire": ("salari", "salary"),
    "salaires": ("salari", "salary"),
    "courriel": ("courriel", "mail"),  # "e-mail" is two words once folded: "e", "mail"
    "email": ("email", "mail"),
}


# The notice's rows, in words (CONTENT.md: T, F, I, S).
ROW_LABELS: dict[str, Promise] = {
    "train": _("training content-creating AI"),
    "features": _("AI features"),
    "improve": _("product improvement"),
    "safety": _("safety and security"),
}


def row_labels(rows: Iterable[str]) -> list[Promise]:
    return [ROW_LABELS[row] for row in rows]


# ---------------------------------------------------------------- search, pure


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text: "Données Salariales" → "donnees salariales"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def query_terms(query: str) -> list[str]:
    """The folded words of a query; punctuation and markup are only separators."""
    return re.findall(r"\w+", fold(query))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def matches(terms: Sequence[str], texts: Iterable[str]) -> bool:
    """True when every term starts a word of the texts (or one of its synonyms does).

    Words are matched by prefix, not anywhere inside, so "IP" finds "IP address" but not
    "participation", and "photo" finds "photos".
    """
    if not terms:
        return False
    words = [word for text in texts for word in _words(text)]
    return all(
        any(word.startswith(form) for word in words for form in SYNONYMS.get(term, (term,)))
        for term in terms
    )


@dataclass(frozen=True)
class SearchQuery:
    text: str  # what is processed: at most MAX_QUERY_LENGTH characters
    truncated: bool

    @classmethod
    def from_raw(cls, raw: str) -> "SearchQuery":
        cleaned = raw.strip()
        return cls(cleaned[:MAX_QUERY_LENGTH].strip(), len(cleaned) > MAX_QUERY_LENGTH)


# ---------------------------------------------------------------- notice changes, pure


@dataclass(frozen=True)
class ItemRows:
    """What a notice version says about one item: which rows list it."""

    slug: str
    name: str
    rows: tuple[str, ...]

    @property
    def labels(self) -> list[Promise]:
        return row_labels(self.rows)


@dataclass(frozen=True)
class RowChange:
    item: ItemRows  # as the newer version lists it
    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def before_labels(self) -> list[Promise]:
        return row_labels(self.before)

    @property
    def after_labels(self) -> list[Promise]:
        return row_labels(self.after)


@dataclass(frozen=True)
class Changes:
    added: list[ItemRows] = field(default_factory=list)
    removed: list[ItemRows] = field(default_factory=list)
    rows_changed: list[RowChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.rows_changed)


def diff_items(older: Sequence[ItemRows], newer: Sequence[ItemRows]) -> Changes:
    """Compare two notice versions' items by slug: added, removed, and listed in other rows."""
    before = {item.slug: item for item in older}
    after = {item.slug: item for item in newer}
    return Changes(
        added=[item for item in newer if item.slug not in before],
        removed=[item for item in older if item.slug not in after],
        rows_changed=[
            RowChange(item, before[item.slug].rows, item.rows)
            for item in newer
            if item.slug in before and before[item.slug].rows != item.rows
        ],
    )


def item_rows(item: DataItem) -> ItemRows:
    return ItemRows(item.slug, item.name, tuple(row for row in ROWS if getattr(item, row)))


# ---------------------------------------------------------------- queries


def current_notice() -> Notice | None:
    return Notice.current()


def notices_oldest_first() -> list[Notice]:
    return list(Notice.objects.select_related("source").order_by("effective"))


def _items(notice: Notice | None = None, with_sources: bool = True) -> QuerySet[DataItem]:
    items = DataItem.objects.prefetch_related("sources") if with_sources else DataItem.objects
    return items.filter(notice=notice) if notice is not None else items.all()


def categories_with_items(notice: Notice, with_sources: bool = True) -> list[Category]:
    """Every category, each with `.items.all()` holding the notice's items (and their sources)."""
    items = _items(notice, with_sources)
    return list(Category.objects.prefetch_related(Prefetch("items", queryset=items)))


def exclusions_with_sources() -> list[Exclusion]:
    return list(Exclusion.objects.prefetch_related("sources"))


def regions_with_sources() -> list[Region]:
    return list(Region.objects.prefetch_related("sources"))


def all_sources() -> list[Source]:
    return list(Source.objects.all())


def unique_sources(groups: Iterable[Iterable[Source]]) -> list[Source]:
    """The sources of several claims, each once, in the sources' own order."""
    seen: dict[str, Source] = {}
    for group in groups:
        for source in group:
            seen.setdefault(source.slug, source)
    return sorted(seen.values(), key=lambda source: (source.order, source.slug))


@dataclass
class HomePage:
    notice: Notice
    training: list[Category]  # each with `.training_items` and `.all_train`
    not_training: list[Category]
    exclusions: list[Exclusion]
    further: list[Exclusion]  # named by one source only
    regions: list[Region]
    sources: dict[str, Source]  # by slug, for the page's citations


def home_page() -> HomePage | None:
    """Categories grouped by whether the current notice lists any of their items for training."""
    notice = current_notice()
    if notice is None:
        return None
    training, not_training = [], []
    for category in categories_with_items(notice, with_sources=False):
        items = list(category.items.all())
        category.training_items = [item for item in items if item.train]
        category.all_train = len(category.training_items) == len(items)
        (training if category.training_items else not_training).append(category)
    exclusions = exclusions_with_sources()
    return HomePage(
        notice=notice,
        training=training,
        not_training=not_training,
        exclusions=[exclusion for exclusion in exclusions if not exclusion.further],
        further=[exclusion for exclusion in exclusions if exclusion.further],
        regions=regions_with_sources(),
        sources={source.slug: source for source in all_sources()},
    )


@dataclass
class CategoryPage:
    category: Category
    notice: Notice
    items: list[DataItem]
    sources: list[Source]
    history: list[tuple[Notice, Notice, Changes]]  # (older, newer, changes), newest first


def category_page(slug: str) -> CategoryPage | None:
    category = Category.objects.filter(slug=slug).first()
    notices = notices_oldest_first()
    if category is None or not notices:
        return None
    by_notice: dict[int, list[DataItem]] = {notice.pk: [] for notice in notices}
    for item in _items().filter(category=category):
        by_notice[item.notice_id].append(item)
    current = notices[-1]
    items = by_notice[current.pk]
    for item in items:
        item.other_rows = row_labels(r for r in ROWS if r != "train" and getattr(item, r))
    history = [
        (
            older,
            newer,
            diff_items(
                [item_rows(i) for i in by_notice[older.pk]],
                [item_rows(i) for i in by_notice[newer.pk]],
            ),
        )
        for older, newer in zip(notices, notices[1:], strict=False)
    ]
    return CategoryPage(
        category=category,
        notice=current,
        items=items,
        sources=unique_sources(item.sources.all() for item in items),
        history=history[::-1],
    )


@dataclass
class NoticePage:
    notice: Notice
    previous: Notice | None
    is_current: bool
    changes: list[tuple[Category, Changes]]  # per category, only those that changed
    item_count: int


def notice_page(slug: str) -> NoticePage | None:
    notices = notices_oldest_first()
    position = next((i for i, notice in enumerate(notices) if notice.slug == slug), None)
    if position is None:
        return None
    notice = notices[position]
    previous = notices[position - 1] if position > 0 else None
    wanted = [notice.pk] + ([previous.pk] if previous else [])
    items = list(DataItem.objects.filter(notice_id__in=wanted).select_related("category"))
    categories = {item.category.slug: item.category for item in items}
    changes = []
    if previous is not None:
        for category_slug, category in sorted(categories.items(), key=lambda c: c[1].order):

            def rows_of(notice_pk: int, category_slug: str = category_slug) -> list[ItemRows]:
                return [
                    item_rows(item)
                    for item in items
                    if item.notice_id == notice_pk and item.category.slug == category_slug
                ]

            category_changes = diff_items(rows_of(previous.pk), rows_of(notice.pk))
            if category_changes:
                changes.append((category, category_changes))
    return NoticePage(
        notice=notice,
        previous=previous,
        is_current=position == len(notices) - 1,
        changes=changes,
        item_count=sum(1 for item in items if item.notice_id == notice.pk),
    )


@dataclass
class SearchResults:
    items: list[DataItem]  # of the current notice, with `.category`
    exclusions: list[Exclusion]

    def __len__(self) -> int:
        return len(self.items) + len(self.exclusions)


def _item_texts(item: DataItem) -> list[str]:
    return [
        getattr(obj, f"{name}_{lang}") or ""
        for obj, names in ((item, ("name", "examples", "note")), (item.category, ("name",)))
        for name in names
        for lang in ("fr", "en")
    ]


def _exclusion_texts(exclusion: Exclusion) -> list[str]:
    return [
        getattr(exclusion, f"{name}_{lang}") or ""
        for name in ("name", "summary", "details")
        for lang in ("fr", "en")
    ]


def search(text: str, notice: Notice | None) -> SearchResults:
    """Items of the notice and exclusions whose French or English text matches the query.

    The catalog is a few dozen rows, so matching in Python (accent folding, word prefixes, both
    languages) is simpler and safer than SQL: the query never reaches the database.
    """
    terms = query_terms(text)
    if not terms or notice is None:
        return SearchResults([], [])
    items = DataItem.objects.filter(notice=notice).select_related("category")
    return SearchResults(
        items=[item for item in items if matches(terms, _item_texts(item))],
        exclusions=[e for e in Exclusion.objects.all() if matches(terms, _exclusion_texts(e))],
    )
