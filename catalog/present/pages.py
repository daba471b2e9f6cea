"""What each catalog page shows, built from the snapshot (no query, no request).

The pure search helpers (`fold`, `matches`) and the item-by-item diff between notice versions live
here too: they only take plain values.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from catalog.present.summary import names_text, region_periods_attributed_text
from catalog.snapshot import (
    Category,
    Content,
    Correction,
    Exclusion,
    Item,
    Notice,
    Region,
    Row,
    SourceRef,
    Text,
)

# Only the first characters of a search are processed: enough for any real query, and it keeps
# the work per request small whatever someone pastes into the box.
MAX_QUERY_LENGTH = 200

# French and English words for the same thing that share no prefix, so that "salaire" finds
# "données salariales" and "salary". Keys and values are folded.
# Other forms a term also matches, besides itself.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "salaire": ("salari", "salary"),
    "salaires": ("salari", "salary"),
    "courriel": ("mail",),  # "e-mail" is two words once folded: "e", "mail"
    "email": ("mail",),
}


def unique_sources(groups: Iterable[Iterable[SourceRef]], notice: Notice) -> list[SourceRef]:
    """The sources of several claims, each once, in the notice's order of sources."""
    cited = {source.slug for group in groups for source in group}
    return [source for source in notice.sources if source.slug in cited]


def row_names(notice: Notice, slugs: Iterable[str]) -> list[Text]:
    rows = {row.slug: row for row in notice.rows}
    return [rows[slug].name for slug in slugs if slug in rows]


# ---------------------------------------------------------------- search, pure


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text: "Données Salariales" → "donnees salariales"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def query_terms(query: str) -> list[str]:
    """The folded words of a query; punctuation and markup are only separators."""
    return re.findall(r"\w+", fold(query))


def matches(terms: Sequence[str], texts: Iterable[str]) -> bool:
    """True when every term starts a word of the texts (or one of its synonyms does).

    Words are matched by prefix, not anywhere inside, so "IP" finds "IP address" but not
    "participation", and "photo" finds "photos".
    """
    return _matches_words(terms, _words(texts))


def _words(texts: Iterable[str]) -> str:
    """The folded words of the texts, each after a space: " cv resume photos". A term starts a
    word exactly where " " + term occurs, which one substring search finds."""
    return "".join(" " + word for text in texts for word in re.findall(r"\w+", fold(text)))


def _matches_words(terms: Sequence[str], words: str) -> bool:
    return bool(terms) and _has_all(_word_starts(terms), words)


def _word_starts(terms: Sequence[str]) -> list[tuple[str, ...]]:
    """For each term, what a word matching it starts with: the term or a synonym, after a space."""
    return [tuple(" " + form for form in (term, *SYNONYMS.get(term, ()))) for term in terms]


def _has_all(starts: list[tuple[str, ...]], words: str) -> bool:
    return all(any(start in words for start in forms) for forms in starts)


@dataclass(frozen=True)
class SearchQuery:
    text: str  # what is processed: at most MAX_QUERY_LENGTH characters
    truncated: bool

    @classmethod
    def from_raw(cls, raw: str) -> "SearchQuery":
        cleaned = raw.strip()
        return cls(cleaned[:MAX_QUERY_LENGTH].strip(), len(cleaned) > MAX_QUERY_LENGTH)


@dataclass(frozen=True)
class SearchResults:
    items: list[tuple[Item, Category]]
    exclusions: list[Exclusion]

    def __len__(self) -> int:
        return len(self.items) + len(self.exclusions)


def _both(*texts: Text) -> list[str]:
    return [value for text in texts for value in text.both()]


@dataclass(frozen=True)
class SearchIndex:
    """The folded words of every item and exclusion of a version, in both languages."""

    items: tuple[tuple[Item, Category, str], ...]  # each with its words (`_words`)
    exclusions: tuple[tuple[Exclusion, str], ...]


def search_index(notice: Notice) -> SearchIndex:
    """Built once per version and kept with it: folding every text at every search was most of
    a search's cost."""
    return notice.kept(SearchIndex, lambda: _search_index(notice))


def _search_index(notice: Notice) -> SearchIndex:
    return SearchIndex(
        items=tuple(
            (item, category, _words(_both(item.name, item.examples, item.note, category.name)))
            for category in notice.categories
            for item in category.items
        ),
        exclusions=tuple(
            (exclusion, _words(_both(exclusion.name, exclusion.summary, exclusion.details)))
            for exclusion in notice.exclusions
        ),
    )


def search(text: str, notice: Notice) -> SearchResults:
    """Items and exclusions of the notice whose French or English text matches the query."""
    terms = query_terms(text)
    if not terms:
        return SearchResults([], [])
    index, starts = search_index(notice), _word_starts(terms)  # once for all entries
    return SearchResults(
        items=[(item, cat) for item, cat, words in index.items if _has_all(starts, words)],
        exclusions=[found for found, words in index.exclusions if _has_all(starts, words)],
    )


# ---------------------------------------------------------------- changes between versions, pure


@dataclass(frozen=True)
class RowChange:
    item: Item  # as the newer version lists it
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    rows_changed: list[RowChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.rows_changed)


def diff_items(older: Sequence[Item], newer: Sequence[Item]) -> Changes:
    """Compare two notice versions' items by slug: added, removed, and named in other rows."""
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


def _items_of(notice: Notice, category_slug: str) -> tuple[Item, ...]:
    category = notice.category(category_slug)
    return category.items if category else ()


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class CategoryCard:
    category: Category
    training_items: tuple[Item, ...]  # those the notice's T row or the FAQ lists

    @property
    def all_train(self) -> bool:
        return len(self.training_items) == len(self.category.items)

    @property
    def faq_only(self) -> bool:
        """Its training items are all listed by LinkedIn's FAQ only, none by the T row."""
        return bool(self.training_items) and all(
            "notice" not in item.listed_by for item in self.training_items
        )


@dataclass(frozen=True)
class RegionLine:
    """One line of the home page's lead: the regions that share the same training periods, and
    since when (or when) their members' data may be used. Words come in the active language."""

    regions: tuple[Region, ...]
    sources: list[SourceRef]  # of every period of these regions, each once

    @property
    def names(self) -> str:
        return names_text([str(region.name) for region in self.regions])

    @property
    def periods(self) -> str:
        return region_periods_attributed_text(self.regions[0])


def _periods_shown(region: Region) -> tuple:
    """What the words of a region's periods depend on: their dates, how approximate they are and
    who reports a start no notice or regulator dates."""
    return tuple(
        (
            period.start,
            period.end,
            period.start_approximate,
            period.end_approximate,
            tuple(source.slug for source in period.start_reported_by),
        )
        for period in region.periods
    )


def region_lines(notice: Notice) -> list[RegionLine]:
    """Every region once, in the notice's order; regions whose periods read the same share a
    line (the EEA and Switzerland)."""
    groups: dict[tuple, list[Region]] = {}
    for region in notice.regions:
        groups.setdefault(_periods_shown(region), []).append(region)
    return [
        RegionLine(
            tuple(regions),
            unique_sources(
                (period.sources for region in regions for period in region.periods), notice
            ),
        )
        for regions in groups.values()
    ]


@dataclass(frozen=True)
class HomePage:
    notice: Notice
    region_lines: list[RegionLine]  # the lead: since when, where you live
    training: list[CategoryCard]
    not_training: list[CategoryCard]
    exclusions: tuple[Exclusion, ...]
    further: tuple[Exclusion, ...]
    regions: tuple[Region, ...]


def home_page(notice: Notice) -> HomePage:
    """The lead's region lines; categories grouped by whether LinkedIn lists any of their items
    for training. Worked out once per version and kept with it."""
    return notice.kept(HomePage, lambda: _home_page(notice))


def _home_page(notice: Notice) -> HomePage:
    cards = [
        CategoryCard(category, tuple(item for item in category.items if item.listed_by))
        for category in notice.categories
    ]
    return HomePage(
        notice=notice,
        region_lines=region_lines(notice),
        training=[card for card in cards if card.training_items],
        not_training=[card for card in cards if not card.training_items],
        exclusions=notice.main_exclusions,
        further=tuple(exclusion for exclusion in notice.exclusions if exclusion.further),
        regions=notice.regions,
    )


@dataclass(frozen=True)
class ItemRowsView:
    item: Item
    other_rows: list[Text]  # the rows beside training whose cells name it


@dataclass(frozen=True)
class CategoryPage:
    category: Category
    notice: Notice
    items: list[ItemRowsView]
    rows: tuple[Row, ...]  # the notice's rows, to explain them
    sources: list[SourceRef]
    history: list[tuple[Notice, Notice, Changes]]  # (older, newer, changes), newest first


def category_page(content: Content, slug: str) -> CategoryPage | None:
    """A category's page, worked out once per content version and kept with it."""
    notice = content.current
    category = notice.category(slug)
    if category is None:  # nothing kept for slugs that are not ours
        return None
    return notice.kept((CategoryPage, slug), lambda: _category_page(content, category))


def _category_page(content: Content, category: Category) -> CategoryPage:
    notice, slug = content.current, category.slug
    history = [
        (older, newer, diff_items(_items_of(older, slug), _items_of(newer, slug)))
        for older, newer in zip(content.notices, content.notices[1:], strict=False)
    ]
    return CategoryPage(
        category=category,
        notice=notice,
        items=[
            ItemRowsView(item, row_names(notice, (row for row in item.rows if row != "train")))
            for item in category.items
        ],
        rows=notice.rows,
        sources=unique_sources((item.sources for item in category.items), notice),
        history=history[::-1],
    )


@dataclass(frozen=True)
class NoticePage:
    notice: Notice
    previous: Notice | None
    is_current: bool
    changes: list[tuple[Category, Changes]]  # per category, only those that changed

    @property
    def item_count(self) -> int:
        return len(self.notice.items)


def notice_page(content: Content, slug: str) -> NoticePage | None:
    notice = content.by_slug(slug)
    if notice is None:
        return None
    previous = content.previous(notice)
    changes = []
    if previous is not None:
        for category in notice.categories:
            found = diff_items(_items_of(previous, category.slug), category.items)
            if found:
                changes.append((category, found))
    return NoticePage(notice, previous, notice is content.current, changes)


@dataclass(frozen=True)
class ChangeEntry:
    date: date
    notice: Notice | None  # a notice version taking effect
    correction: Correction | None  # or a correction of this site's content


def changes_log(content: Content) -> list[ChangeEntry]:
    """Notice versions and content corrections, newest first."""
    entries = [ChangeEntry(notice.effective, notice, None) for notice in content.notices]
    entries += [
        ChangeEntry(correction.date, None, correction) for correction in content.corrections
    ]
    return sorted(entries, key=lambda entry: (entry.date, entry.notice is None), reverse=True)
