"""An assessment in words: the status table, periods, reasons and the three-part headline.

One place for each fact of presentation (STYLE.md 13): the result page, the short link, the card,
the share text, the letter and the API read these. Text comes out in the active language.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext_lazy
from django.utils.translation import gettext as _

from catalog.rules import assessment as rules
from catalog.rules.assessment import Assessment, CategoryResult, ItemResult
from catalog.rules.countries import country_name
from catalog.snapshot import NOTICE, Item, Notice, Period, Region, SourceRef


@dataclass(frozen=True)
class Status:
    slug: str
    label: Promise  # a few words: the card, the result's category line
    marker: str  # a character beside the label (the colour is the CSS class status-<slug>)


STATUSES: dict[str, Status] = {
    status.slug: status
    for status in (
        Status(rules.IN_SCOPE, pgettext_lazy("status", "May be used from now on"), "!"),
        Status(
            rules.PAST_ONLY, pgettext_lazy("status", "May have been used, not from now on"), "~"
        ),
        Status(
            rules.NOT_IN_SCOPE,
            pgettext_lazy("status", "Not used to train content-generating AI"),
            "✓",
        ),
        Status(
            rules.NOT_LISTED,
            pgettext_lazy("status", "Not listed for training content-generating AI"),
            "○",
        ),
        Status(rules.NOT_APPLICABLE, pgettext_lazy("status", "You have none"), "–"),
    )
}

# The setting's direct link (N25 l.4): the result, the question about it and the home page use it.
SETTING_URL = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"

DOCUMENTS = {
    "notice": gettext_lazy("LinkedIn's European Regional Privacy Notice"),
    "policy": gettext_lazy("LinkedIn's global Privacy Policy"),
}


def day(value: date) -> str:
    return _day(get_language(), value)


@lru_cache(maxsize=512)
def _day(language: str | None, value: date) -> str:
    """A date in words in `language` (the active one): formatted once, a page names a few."""
    return date_format(value, "j F Y")


def period_text(period: Period) -> str:
    """When a training period ran, as precisely as its sources allow: an approximate start is
    "on or before" that day, an approximate end "at the latest"."""
    if period.end is None:
        if period.start_approximate:
            return _("since at least %(start)s") % {"start": day(period.start)}
        return _("since %(start)s") % {"start": day(period.start)}
    values = {"start": day(period.start), "end": day(period.end)}
    texts = {
        (False, False): _("from %(start)s to %(end)s"),
        (True, False): _("from %(start)s or earlier to %(end)s"),
        (False, True): _("from %(start)s to %(end)s at the latest"),
        (True, True): _("from %(start)s or earlier to %(end)s at the latest"),
    }
    return texts[period.start_approximate, period.end_approximate] % values


def region_periods_text(region: Region) -> str:
    """Every training period where the visitor lives, the 2024 ones included (gb, hk, ca)."""
    return _(", then ").join(period_text(period) for period in region.periods)


def names_text(names: Sequence[str]) -> str:
    """Names in running text: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def periods_text(periods: tuple[Period, ...]) -> str:
    """Periods of possible past use; one still running ran until the visitor switched off."""
    return _(", then ").join(
        period_text(period) if period.end else until_switched_off_text(period) for period in periods
    )


def until_switched_off_text(period: Period) -> str:
    if period.start_approximate:
        return _("from %(start)s or earlier until you switched the setting off") % {
            "start": day(period.start)
        }
    return _("from %(start)s until you switched the setting off") % {"start": day(period.start)}


def listed_by_text(item: Item, document: str) -> str:
    """Who lists the item for training, as it applies where the visitor lives (`document`)."""
    notice = "notice" in item.listed_by and document == NOTICE
    faq = "faq" in item.listed_by
    if notice and faq:
        return _(
            "listed for training by the notice's training row and by LinkedIn's FAQ (as quoted "
            "by the press)"
        )
    if notice:
        return _("listed for training by the notice's training row")
    if faq and document == NOTICE:
        return _(
            "listed for training by LinkedIn's FAQ (as quoted by the press), not by the notice's "
            "training row"
        )
    if faq:
        return _("listed for training by LinkedIn's FAQ (as quoted by the press)")
    return _("not listed for training content-generating AI")


@dataclass(frozen=True)
class ItemGroup:
    """The visitor's items of one category that the same documents list (or that none lists)."""

    listed: bool
    label: str  # who lists them, as it applies where the visitor lives
    items: tuple[ItemResult, ...]


def item_groups(items: tuple[ItemResult, ...], document: str) -> list[ItemGroup]:
    """A category's items grouped by who lists them where the visitor lives (`document`: the
    notice or the global policy), the listed ones first: each line once, and what concerns
    the visitor before what does not."""
    grouped: dict[tuple[bool, str], list[ItemResult]] = {}
    for result in items:
        grouped.setdefault((result.listed, listed_by_text(result.item, document)), []).append(
            result
        )
    groups = [ItemGroup(*key, tuple(members)) for key, members in grouped.items()]
    return sorted(groups, key=lambda group: not group.listed)


def training_reason(assessment: Assessment) -> str:
    """Why the visitor's listed data has its status: one sentence naming the period."""
    training = assessment.training
    region = assessment.region
    values = {
        "region": region.name,
        "start": day(region.current.start),
        "period": period_text(region.current),
        "periods": region_periods_text(region),
        "earlier": periods_text(training.periods),
        "cutoff": day(training.cutoff) if training.cutoff else "",
    }
    sentences = {
        rules.SETTING_ON: _(
            "Your setting is on: LinkedIn may use this data to train content-generating AI from "
            "now on. Training where you live, or possible training: %(periods)s."
        ),
        rules.SETTING_UNKNOWN: _(
            "The setting is on by default: unless you switched it off, LinkedIn may use this data "
            "to train content-generating AI from now on. Training where you live, or possible "
            "training: %(periods)s."
        ),
        rules.OFF_AFTER_START: _(
            "You switched the setting off after the current training period began where you "
            "live, on %(start)s: this data may have been used (%(earlier)s), but not since."
        ),
        rules.OFF_UNKNOWN_DATE: _(
            "You switched the setting off but don't know when: this data may have been used "
            "(%(earlier)s), but not since."
        ),
        rules.OFF_NEVER_PAUSED: _(
            "Training where you live has run %(period)s with the setting on by default: this data "
            "may have been used until you switched it off, but not since."
        ),
        rules.OFF_BEFORE_EARLIER: _(
            "You switched the setting off before %(start)s, but LinkedIn trained, or may have "
            "trained, on members' data where you live %(earlier)s, when you had or may have had an "
            "account: this data may have been used then, but not from then on."
        ),
        rules.OFF_BEFORE: _(
            "You switched the setting off before the current training period began where you "
            "live, on %(start)s: the data and content you provided are not used to train "
            "content-generating AI."
        ),
        rules.MINOR_EXCLUDED: _(
            "LinkedIn says it does not use the data of members it believes could be under 18 to "
            "train content-generating AI, even if their setting appears on."
        ),
        rules.MINOR_EARLIER: _(
            "LinkedIn says it does not use the data of members it believes could be under 18, "
            "but every dated source for this exclusion is from 2025: where you live, this data "
            "may have been used %(earlier)s, if you had an account then."
        ),
    }
    return sentences[training.basis] % values


def category_reason(assessment: Assessment, result: CategoryResult) -> str:
    if result.status == rules.NOT_APPLICABLE:
        return _("From your answers, you have no data of this kind.")
    if result.status == rules.NOT_LISTED:
        if assessment.region.document == NOTICE:
            return _(
                "Neither the notice's training row nor LinkedIn's FAQ lists your data of this "
                "kind for training content-generating AI."
            )
        return _(
            "LinkedIn's FAQ does not list your data of this kind for training "
            "content-generating AI; the global Privacy Policy lists no kinds of data."
        )
    return training_reason(assessment)


@dataclass(frozen=True)
class Headline:
    """The result's three things, never blended: now, before, and never."""

    title: str  # the h1
    now: str  # "" when nothing may be used from now on
    before: str  # "" when nothing may have been used before
    never: str  # the not-in-scope sentence, when nothing is used


def headline(assessment: Assessment) -> Headline:
    total = assessment.applicable
    now = assessment.count(rules.IN_SCOPE)
    before = assessment.count(rules.PAST_ONLY)
    periods = periods_text(assessment.training.periods)
    now_text = before_text = never_text = ""
    if now:
        now_text = ngettext(
            "From now on, LinkedIn may use %(n)s of your %(total)s kind of data to train its "
            "content-generating AI.",
            "From now on, LinkedIn may use %(n)s of your %(total)s kinds of data to train its "
            "content-generating AI.",
            total,
        ) % {"n": now, "total": total}
    if before:
        before_text = ngettext(
            "LinkedIn may have used %(n)s of your %(total)s kind of data to train its "
            "content-generating AI before (%(periods)s), but not from now on.",
            "LinkedIn may have used %(n)s of your %(total)s kinds of data to train its "
            "content-generating AI before (%(periods)s), but not from now on.",
            total,
        ) % {"n": before, "total": total, "periods": periods}
    if not now and not before and assessment.minor:
        # The title says it in LinkedIn's words: its own judgement of age, not a fact of ours.
        never_text = _("What others post about you follows their own setting.")
    elif not now and not before:
        never_text = _(
            "The data and content you provided are not used to train LinkedIn's "
            "content-generating AI. What others post about you follows their own setting."
        )
    if assessment.minor:
        title = _(
            "LinkedIn says it does not use data of members it believes could be under 18 to "
            "train its content-generating AI"
        )
    elif now:
        title = now_text
    elif before:
        title = _("Not from now on, but some of your data may have been used before")
    else:
        title = _("Your data is not used to train LinkedIn's content-generating AI")
    return Headline(title=title, now=now_text, before=before_text, never=never_text)


# Countries whose English (CLDR) name takes "the" in running text: "in the United Kingdom".
# Decided by the name: "United …", "… Islands", "… Republic", "… Territories", plural names
# (Netherlands, Bahamas, Philippines, Maldives, Comoros, Seychelles), "Gambia", "Isle of Man".
# Not "Czechia", "Vatican City", "Congo - Kinshasa", "… Island" in the singular (tests check the
# table against CLDR's names).
ENGLISH_NAMES_WITH_THE = frozenset(
    {
        "AE",  # United Arab Emirates
        "AX",  # Åland Islands
        "BQ",  # Caribbean Netherlands
        "BS",  # Bahamas
        "CC",  # Cocos (Keeling) Islands
        "CF",  # Central African Republic
        "CK",  # Cook Islands
        "DO",  # Dominican Republic
        "FK",  # Falkland Islands
        "FO",  # Faroe Islands
        "GB",  # United Kingdom
        "GM",  # Gambia
        "GS",  # South Georgia & South Sandwich Islands
        "HM",  # Heard & McDonald Islands
        "IM",  # Isle of Man
        "IO",  # British Indian Ocean Territory
        "KM",  # Comoros
        "KY",  # Cayman Islands
        "MH",  # Marshall Islands
        "MP",  # Northern Mariana Islands
        "MV",  # Maldives
        "NL",  # Netherlands
        "PH",  # Philippines
        "PN",  # Pitcairn Islands
        "PS",  # Palestinian Territories
        "SB",  # Solomon Islands
        "SC",  # Seychelles
        "TC",  # Turks & Caicos Islands
        "TF",  # French Southern Territories
        "UM",  # U.S. Outlying Islands
        "US",  # United States
        "VG",  # British Virgin Islands
        "VI",  # U.S. Virgin Islands
    }
)


def country_in_text(code: str) -> str:
    """The country's name as it reads after a preposition: English adds "the" where the name
    takes it ("in the United States"). French sentences are worded to need no article or
    preposition (« Votre pays : États-Unis »): French ones vary by country (au, aux, en, à)."""
    name = country_name(code)
    if code.upper() in ENGLISH_NAMES_WITH_THE and not (get_language() or "").startswith("fr"):
        return f"the {name}"
    return name


def place(assessment: Assessment) -> str:
    """Where the visitor lives and which document governs them."""
    region = assessment.region
    values = {
        "country": country_in_text(assessment.answers.country),
        "document": DOCUMENTS[region.document],
        "controller": region.controller,
    }
    return (
        # Translators: %(country)s is the bare country name in French (no article): word the
        # sentence so that it needs none, e.g. « Votre pays : %(country)s. ».
        _(
            "You live in %(country)s. %(document)s applies, and the controller of your data is "
            "%(controller)s."
        )
        % values
    )


def category_sources(category: CategoryResult, notice: Notice) -> list[SourceRef]:
    """The sources behind a category's lines, each once: one sources line per block."""
    cited = {source.slug for item in category.items for source in item.item.sources}
    return [source for source in notice.sources if source.slug in cited]
