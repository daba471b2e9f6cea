"""An assessment in words: the status table, periods, reasons and the three-part headline.

One place for each fact of presentation (STYLE.md 13): the result page, the short link, the card,
the share text, the letter and the API read these. Text comes out in the active language.

A result speaks in one of two voices: to the visitor who answered ("your setting is on"), or, on
a shared link, about them to whoever opens it ("a member in France whose setting is on"). The
facts are the same; only the grammatical person changes (`Voice`, `result_text`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy

from catalog.i18n import gettext as _
from catalog.i18n import ngettext, pgettext
from catalog.present import letter
from catalog.present.french_places import FRENCH_IN
from catalog.rules import assessment as rules
from catalog.rules.assessment import Assessment, CategoryResult, ItemResult
from catalog.rules.countries import country_name
from catalog.rules.dates import day
from catalog.snapshot import NOTICE, Item, Notice, Period, Region, SourceRef


class Voice(StrEnum):
    """Who a result talks to."""

    SECOND = "second"  # the visitor's own result (/result/): "you"
    THIRD = "third"  # a shared link (/r/<code>/), read by anyone: "a member in France who…"


@dataclass(frozen=True)
class Status:
    slug: str
    label: Promise  # a few words: the card, the result's category line
    marker: str  # a character beside the label (the colour is the CSS class status-<slug>)
    third: Promise | None = None  # the label about someone else, where it says "you"

    def label_in(self, voice: Voice) -> Promise:
        return self.third if voice == Voice.THIRD and self.third is not None else self.label


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
        Status(
            rules.NOT_APPLICABLE,
            pgettext_lazy("status", "You have none"),
            "–",
            pgettext_lazy("status", "This member has none"),
        ),
    )
}

# The "options" the global Privacy Policy links to when contacting LinkedIn does not resolve a
# complaint (PPG25 l.429): where it names no regulator, the result's last step links there.
POLICY_OPTIONS_URL = "https://www.linkedin.com/help/linkedin/answer/80432"

# The setting's direct link (N25 l.4): the result, the question about it and the home page use it.
SETTING_URL = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"

DOCUMENTS = {
    "notice": gettext_lazy("LinkedIn's European Regional Privacy Notice"),
    "policy": gettext_lazy("LinkedIn's global Privacy Policy"),
}


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


def reported_text(period: Period) -> str:
    """Who dates a period whose start rests on press reports only, in brackets; else ""."""
    if not period.start_reported_by:
        return ""
    by = names_text([source.publisher_in_sentence for source in period.start_reported_by])
    if period.end is None:  # the start is all there is to date
        return _("(reported by %(by)s)") % {"by": by}
    return _("(start reported by %(by)s)") % {"by": by}


def region_periods_attributed_text(region: Region) -> str:
    """`region_periods_text`, saying after each period whose start only the press reports who
    reported it: wherever the periods are summed up without their notes (the home page's lead,
    a result's reasons and its line on data that may already have been used)."""
    return _(", then ").join(
        f"{period_text(period)} {reported_text(period)}".rstrip() for period in region.periods
    )


_ARTICLES = ("The ", "Le ", "La ", "Les ", "L’", "L'")


def within_sentence(name: str) -> str:
    """A name the content writes to stand alone ("The Information Commissioner's Office", « Le
    Préposé fédéral… », « L’autorité… »), as it reads after a colon, mid-sentence: its article
    in lower case. Names that start with anything else are left as they are (acronyms, proper
    names)."""
    return name[0].lower() + name[1:] if name.startswith(_ARTICLES) else name


def names_text(names: Sequence[str]) -> str:
    """Names in running text: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def periods_text(periods: tuple[Period, ...], voice: Voice = Voice.SECOND) -> str:
    """Periods of possible past use; one still running ran until the visitor switched off."""
    return _(", then ").join(
        period_text(period) if period.end else until_switched_off_text(period, voice)
        for period in periods
    )


def until_switched_off_text(period: Period, voice: Voice = Voice.SECOND) -> str:
    values = {"start": day(period.start)}
    if voice == Voice.THIRD:
        if period.start_approximate:
            return (
                _("from %(start)s or earlier until this member switched the setting off") % values
            )
        return _("from %(start)s until this member switched the setting off") % values
    if period.start_approximate:
        return _("from %(start)s or earlier until you switched the setting off") % values
    return _("from %(start)s until you switched the setting off") % values


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
    # The documents' lists give examples ("such as"): say what they do not name, no more.
    if document == NOTICE:
        return _("not named by the notice's training row or LinkedIn's FAQ")
    return _("not named by LinkedIn's FAQ (as quoted by the press)")


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


def training_reason(assessment: Assessment, voice: Voice = Voice.SECOND) -> str:
    """Why the visitor's listed data has its status: one sentence naming the period.

    Written once per notice version, language, voice, region, basis and cutoff, and kept with
    the version: within a version, these decide the training periods too (rules.training)."""
    training, region = assessment.training, assessment.region
    return assessment.notice.kept(
        (training_reason, get_language(), voice, region.slug, training.basis, training.cutoff),
        lambda: _training_reason(training, region, voice),
    )


def _training_reason(training: rules.Training, region: Region, voice: Voice) -> str:
    values = {
        "region": region.name,
        "start": day(region.current.start),
        "period": period_text(region.current),
        "periods": region_periods_attributed_text(region),
        "earlier": periods_text(training.periods, voice),
        "cutoff": day(training.cutoff) if training.cutoff else "",
    }
    reasons = _third_person_reasons if voice == Voice.THIRD else _reasons
    sentences = reasons(get_language())
    return sentences[training.basis] % values


@lru_cache(maxsize=8)
def _reasons(language: str | None) -> dict[str, str]:
    # In the active language, which `language` names (the cache key).
    return {
        rules.SETTING_ON: _(
            "Your setting is on: LinkedIn may use this data to train content-generating AI from "
            "now on, and may already have used it while the setting was on. Training where you "
            "live, or possible training: %(periods)s."
        ),
        rules.SETTING_UNKNOWN: _(
            "The setting is on by default: unless you switched it off, LinkedIn may use this data "
            "to train content-generating AI from now on, and may already have used it while the "
            "setting was on. Training where you live, or possible training: %(periods)s."
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


@lru_cache(maxsize=8)
def _third_person_reasons(language: str | None) -> dict[str, str]:
    return {
        rules.SETTING_ON: _(
            "This member's setting is on: LinkedIn may use this data to train content-generating "
            "AI from now on, and may already have used it while the setting was on. Training "
            "where this member lives, or possible training: %(periods)s."
        ),
        rules.SETTING_UNKNOWN: _(
            "The setting is on by default: unless this member switched it off, LinkedIn may use "
            "this data to train content-generating AI from now on, and may already have used it "
            "while the setting was on. Training where this member lives, or possible training: "
            "%(periods)s."
        ),
        rules.OFF_AFTER_START: _(
            "This member switched the setting off after the current training period began where "
            "they live, on %(start)s: this data may have been used (%(earlier)s), but not since."
        ),
        rules.OFF_UNKNOWN_DATE: _(
            "This member switched the setting off but does not know when: this data may have "
            "been used (%(earlier)s), but not since."
        ),
        rules.OFF_NEVER_PAUSED: _(
            "Training where this member lives has run %(period)s with the setting on by default: "
            "this data may have been used until they switched it off, but not since."
        ),
        rules.OFF_BEFORE_EARLIER: _(
            "This member switched the setting off before %(start)s, but LinkedIn trained, or may "
            "have trained, on members' data where they live %(earlier)s, when they had or may "
            "have had an account: this data may have been used then, but not from then on."
        ),
        rules.OFF_BEFORE: _(
            "This member switched the setting off before the current training period began "
            "where they live, on %(start)s: the data and content they provided are not used to "
            "train content-generating AI."
        ),
        rules.MINOR_EXCLUDED: _(
            "LinkedIn says it does not use the data of members it believes could be under 18 to "
            "train content-generating AI, even if their setting appears on."
        ),
        rules.MINOR_EARLIER: _(
            "LinkedIn says it does not use the data of members it believes could be under 18, "
            "but every dated source for this exclusion is from 2025: where this member lives, "
            "this data may have been used %(earlier)s, if they had an account then."
        ),
    }


def category_reason(
    assessment: Assessment, result: CategoryResult, voice: Voice = Voice.SECOND
) -> str:
    third = voice == Voice.THIRD
    if result.status == rules.NOT_APPLICABLE:
        if third:
            return _("From the answers given, this member has no data of this kind.")
        return _("From your answers, you have no data of this kind.")
    if result.status == rules.NOT_LISTED:
        if assessment.region.document == NOTICE:
            if third:
                return _(
                    "Neither the notice's training row nor LinkedIn's FAQ lists this member's "
                    "data of this kind for training content-generating AI."
                )
            return _(
                "Neither the notice's training row nor LinkedIn's FAQ lists your data of this "
                "kind for training content-generating AI."
            )
        if third:
            return _(
                "LinkedIn's FAQ does not list this member's data of this kind for training "
                "content-generating AI; the global Privacy Policy lists no kinds of data."
            )
        return _(
            "LinkedIn's FAQ does not list your data of this kind for training "
            "content-generating AI; the global Privacy Policy lists no kinds of data."
        )
    return training_reason(assessment, voice)


@dataclass(frozen=True)
class Headline:
    """The result's three things, never blended: now, before, and never."""

    title: str  # the h1
    now: str  # "" when nothing may be used from now on
    already: str  # with `now`: it may already have been used while the setting was on
    before: str  # "" when nothing may have been used before
    never: str  # the not-in-scope sentence, when nothing is used


def headline(assessment: Assessment, voice: Voice = Voice.SECOND) -> Headline:
    if voice == Voice.THIRD:
        return _third_person_headline(assessment)
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
    return Headline(
        title=title,
        now=now_text,
        already=_already(assessment, Voice.SECOND) if now else "",
        before=before_text,
        never=never_text,
    )


def _third_person_headline(assessment: Assessment) -> Headline:
    """The same three things about "a member in France who…", for whoever opens a shared link.

    The title starts with who the result is about, since its reader did not answer.
    """
    total = assessment.applicable
    now = assessment.count(rules.IN_SCOPE)
    before = assessment.count(rules.PAST_ONLY)
    who = member_situation(assessment)
    periods = periods_text(assessment.training.periods, Voice.THIRD)
    now_text = before_text = never_text = ""
    if now:
        now_text = ngettext(
            # Translators: %(who)s continues "A member": « en France dont le réglage est activé ».
            "A member %(who)s: from now on, LinkedIn may use %(n)s of their %(total)s kind of "
            "data to train its content-generating AI.",
            "A member %(who)s: from now on, LinkedIn may use %(n)s of their %(total)s kinds of "
            "data to train its content-generating AI.",
            total,
        ) % {"who": who, "n": now, "total": total}
    if before:
        before_text = ngettext(
            "LinkedIn may have used %(n)s of this member's %(total)s kind of data to train its "
            "content-generating AI before (%(periods)s), but not from now on.",
            "LinkedIn may have used %(n)s of this member's %(total)s kinds of data to train its "
            "content-generating AI before (%(periods)s), but not from now on.",
            total,
        ) % {"n": before, "total": total, "periods": periods}
    if not now and not before and assessment.minor:
        never_text = _(
            "What others post about this member follows the setting of whoever posts it."
        )
    elif not now and not before:
        never_text = _(
            "The data and content this member provided are not used to train LinkedIn's "
            "content-generating AI. What others post about this member follows the setting of "
            "whoever posts it."
        )
    values = {"who": who}
    if assessment.minor:
        title = (
            _(
                "A member %(who)s: LinkedIn says it does not use data of members it believes "
                "could be under 18 to train its content-generating AI"
            )
            % values
        )
    elif now:
        title = now_text
    elif before:
        title = (
            _("A member %(who)s: some of their data may have been used before, but not from now on")
            % values
        )
    else:
        title = (
            _("A member %(who)s: their data is not used to train LinkedIn's content-generating AI")
            % values
        )
    return Headline(
        title=title,
        now=now_text,
        already=_already(assessment, Voice.THIRD) if now else "",
        before=before_text,
        never=never_text,
    )


def _already(assessment: Assessment, voice: Voice) -> str:
    """Beside "from now on": while the setting was on, the data may already have been used."""
    known_on = assessment.training.basis == rules.SETTING_ON
    text = _already_texts(get_language())[voice, known_on]
    return text % {"periods": region_periods_attributed_text(assessment.region)}


@lru_cache(maxsize=8)
def _already_texts(language: str | None) -> dict[tuple[Voice, bool], str]:
    # In the active language, which `language` names (the cache key). True: the setting is on;
    # False: the visitor does not know.
    return {
        (Voice.SECOND, True): _(
            "LinkedIn may already have used this data while your setting was on. Training "
            "where you live, or possible training: %(periods)s."
        ),
        (Voice.SECOND, False): _(
            "If your setting was on, LinkedIn may already have used this data. Training where you "
            "live, or possible training: %(periods)s."
        ),
        (Voice.THIRD, True): _(
            "LinkedIn may already have used this data while this member's setting was on. "
            "Training where they live, or possible training: %(periods)s."
        ),
        (Voice.THIRD, False): _(
            "If this member's setting was on, LinkedIn may already have used this data. "
            "Training where they live, or possible training: %(periods)s."
        ),
    }


def member_situation(assessment: Assessment) -> str:
    """Who a shared result is about, after "A member": where they live and what they answered
    that decides the result ("in France whose setting is on"). Each case is one whole phrase, so
    that each language words it as it reads best."""
    answers = assessment.answers
    values = {
        "place": in_country(answers.country),
        "start": day(assessment.region.current.start),
        "cutoff": day(assessment.training.cutoff) if assessment.training.cutoff else "",
    }
    account = answers.member_earlier if assessment.training.cutoff else None
    if assessment.minor:
        phrases = {
            None: _("under 18 %(place)s"),
            "yes": _("under 18 %(place)s who had an account before %(cutoff)s"),
            "no": _("under 18 %(place)s who had no account before %(cutoff)s"),
            "unknown": _("under 18 %(place)s who may have had an account before %(cutoff)s"),
        }
        return phrases[account] % values
    if answers.setting == "on":
        return _("%(place)s whose setting is on") % values
    if answers.setting != "off":
        return _("%(place)s who does not know whether their setting is on") % values
    if answers.switched_off == "after":
        return _("%(place)s who switched the setting off on or after %(start)s") % values
    if answers.switched_off == "unknown":
        return _("%(place)s who switched the setting off but does not know when") % values
    if answers.switched_off != "before":  # not asked: training there never paused
        return _("%(place)s who switched the setting off") % values
    phrases = {
        None: _("%(place)s who switched the setting off before %(start)s"),
        "yes": _(
            "%(place)s who switched the setting off before %(start)s and had an account before "
            "%(cutoff)s"
        ),
        "no": _(
            "%(place)s who switched the setting off before %(start)s and had no account before "
            "%(cutoff)s"
        ),
        "unknown": _(
            "%(place)s who switched the setting off before %(start)s and may have had an account "
            "before %(cutoff)s"
        ),
    }
    return phrases[account] % values


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


def in_country(code: str) -> str:
    """Where someone lives, as it follows a noun: "in the United Kingdom", « au Royaume-Uni »."""
    if (get_language() or "").startswith("fr"):
        return FRENCH_IN.get(code.upper()) or f"en {country_name(code)}"
    return f"in {country_in_text(code)}"


def place(assessment: Assessment, voice: Voice = Voice.SECOND) -> str:
    """Where the visitor lives and which document governs them."""
    region = assessment.region
    values = {
        "country": country_in_text(assessment.answers.country),
        "document": DOCUMENTS[region.document],
        "controller": region.controller,
    }
    if voice == Voice.THIRD:
        values["place"] = in_country(assessment.answers.country)
        return (
            # Translators: %(place)s is "in France", « en France », « au Royaume-Uni ».
            _(
                "This member lives %(place)s. %(document)s applies, and the controller of their "
                "data is %(controller)s."
            )
            % values
        )
    return (
        # Translators: %(country)s is the bare country name in French (no article): word the
        # sentence so that it needs none, e.g. « Votre pays : %(country)s. ».
        _(
            "You live in %(country)s. %(document)s applies, and the controller of your data is "
            "%(controller)s."
        )
        % values
    )


@dataclass(frozen=True)
class ResultText:
    """Every sentence of a result that depends on who reads it, in one voice (result.html and
    _share.html read them; the rest of the page is the same for everyone)."""

    voice: Voice
    route: letter.LetterRoute  # the objection route the sentences name, worked out once
    headline: Headline
    place: str
    reasons: Mapping[str, str]  # per status the result shows: why its categories have it
    labels: Mapping[str, str]  # per status: its label
    switch_off: str  # the action beside the headline: the link's words
    switch_off_hint: str  # and what it does
    objection_route: str  # the region's objection route ("": the page's own macro words it)
    route_open: str  # after "never": the objection route is still there
    change_answers: str
    policy_basis: str  # outside Europe: what the result was worked out against
    kinds_heading: str
    exclusions_heading: str
    other_uses_heading: str
    rows_intro: str
    rows_named: str  # before the categories a notice row names
    steps_heading: str
    setting_step: str
    letter_link: str
    regulator_step: str
    restart: str  # the link back to the questionnaire, at the end
    share_note: str  # what the short link holds
    letter_heading: str
    letter_write: str
    letter_note: str


def result_text(assessment: Assessment, voice: Voice = Voice.SECOND) -> ResultText:
    """The result's words in one voice: to the visitor, or about them on a shared link.

    Each sentence is written in both voices side by side, the visitor's first.
    """

    def say(second: str, third: str) -> str:
        return third if voice == Voice.THIRD else second

    statuses = {category.status for category in assessment.categories}
    route = letter.route(assessment)
    values = {
        "basis": route.basis,
        "controller": route.controller,
        "regulator": within_sentence(str(assessment.region.regulator)),
    }
    first_of_status: dict[str, CategoryResult] = {}
    for category in assessment.categories:
        first_of_status.setdefault(category.status, category)
    return ResultText(
        voice=voice,
        route=route,
        headline=headline(assessment, voice),
        place=place(assessment, voice),
        reasons={  # one reason per status: every category with it has the same one
            status: category_reason(assessment, category, voice)
            for status, category in first_of_status.items()
        },
        labels={status: str(STATUSES[status].label_in(voice)) for status in statuses},
        # The visitor's own page words the route with the macro the letter page shares.
        objection_route=say(
            "",
            _(
                "LinkedIn's global Privacy Policy says a member can ask it “to stop using all or "
                "some of your personal data” and that, where it relies on legitimate interests, "
                "members have the right to object. The request goes to %(controller)s."
            )
            % values
            if route.objection == letter.POLICY
            else pgettext(
                "third person",
                "%(basis)s, addressed to %(controller)s. LinkedIn weighs an objection against "
                "“whether we have a compelling interest in continuing to process your data”.",
            )
            % values,
        ),
        # Each document's own terms: the notice names the supervisory authority, the global
        # policy only "more options" when contacting LinkedIn does not resolve a complaint.
        regulator_step=(
            say(
                _(
                    "If you feel LinkedIn has not addressed your concern, you can raise it with "
                    "the supervisory authority where you live: %(regulator)s."
                ),
                _(
                    "If this member feels LinkedIn has not addressed their concern, they can raise "
                    "it with the supervisory authority where they live: %(regulator)s."
                ),
            )
            if assessment.region.document == NOTICE
            else say(
                _(
                    "If contacting LinkedIn does not resolve your complaint, its Privacy Policy "
                    "says you have more options. Where you live: %(regulator)s."
                ),
                _(
                    "If contacting LinkedIn does not resolve this member's complaint, its Privacy "
                    "Policy says they have more options. Where they live: %(regulator)s."
                ),
            )
            if assessment.region.regulator.en
            # No source names a regulator: only the policy's own words.
            else say(
                _(
                    "If contacting LinkedIn does not resolve your complaint, its Privacy Policy "
                    "says you have more options."
                ),
                _(
                    "If contacting LinkedIn does not resolve this member's complaint, its Privacy "
                    "Policy says they have more options."
                ),
            )
        )
        % values,
        **_fixed_text(get_language(), voice, assessment.answers.setting == "off", assessment.minor),
    )


@lru_cache(maxsize=32)
def _fixed_text(language: str | None, voice: Voice, off: bool, minor: bool) -> dict[str, str]:
    """The sentences of a result that depend only on the voice, the setting being off and the
    member being a minor: written once per language."""

    def say(second: str, third: str) -> str:
        return third if voice == Voice.THIRD else second

    return dict(
        switch_off=say(_("Switch the setting off on LinkedIn"), _("Open the setting on LinkedIn")),
        switch_off_hint=say(
            _(
                "LinkedIn decides by its own judgement whether you could be under 18: switching "
                "the setting off does not rely on that judgement. The link opens LinkedIn."
            ),
            _(
                "LinkedIn decides by its own judgement whether a member could be under 18: "
                "switching the setting off does not rely on that judgement. The link opens "
                "LinkedIn."
            ),
        )
        if minor
        else say(
            _(
                "It stops training from now on; it does not undo training already done. The link "
                "opens LinkedIn."
            ),
            _(
                "Switching it off stops training from now on; it does not undo training already "
                "done. The link opens LinkedIn."
            ),
        ),
        route_open=say(
            _(
                "The objection route below stays open to you (outside Europe, a request to "
                "LinkedIn)."
            ),
            _(
                "The objection route below stays open to this member (outside Europe, a request "
                "to LinkedIn)."
            ),
        ),
        change_answers=say(_("Change your answers"), _("Change these answers")),
        policy_basis=say(
            _(
                "Worked out against LinkedIn's global Privacy Policy, which lists no kinds of "
                "data, and the list in LinkedIn's FAQ as quoted by the press. The European notice "
                "does not apply where you live."
            ),
            _(
                "Worked out against LinkedIn's global Privacy Policy, which lists no kinds of "
                "data, and the list in LinkedIn's FAQ as quoted by the press. The European notice "
                "does not apply where this member lives."
            ),
        ),
        kinds_heading=say(_("Your data, kind by kind"), _("This member's data, kind by kind")),
        exclusions_heading=say(
            _("Exclusions that concern you"), _("Exclusions that concern this member")
        ),
        other_uses_heading=say(
            _("What else LinkedIn does with your data"),
            _("What else LinkedIn does with this member's data"),
        ),
        rows_intro=say(
            _(
                "Besides training content-generating AI, these rows of the notice name your "
                "data; several of them use AI. The setting does not cover them, unless said:"
            ),
            _(
                "Besides training content-generating AI, these rows of the notice name this "
                "member's data; several of them use AI. The setting does not cover them, unless "
                "said:"
            ),
        ),
        rows_named=say(_("Your data it names:"), _("This member's data it names:")),
        steps_heading=say(_("What you can do"), _("What this member can do")),
        setting_step=say(
            _(
                "Your setting is off: keep it off. It stops the training of content-generating AI "
                "on the data and content you provide, from then on only."
            ),
            _(
                "This member's setting is off. Switched off, it stops the training of "
                "content-generating AI on the data and content they provide, from then on only."
            ),
        )
        if off
        else say(
            _(
                "Switch “Data for Generative AI Improvement” off. It stops the training of "
                "content-generating AI on the data and content you provide, from then on only: it "
                "does not undo training already done."
            ),
            _(
                "Switching “Data for Generative AI Improvement” off stops the training of "
                "content-generating AI on the data and content this member provides, from then "
                "on only: it does not undo training already done."
            ),
        ),
        letter_link=say(_("Prepare your letter"), _("Prepare the letter")),
        restart=say(_("Start again"), _("Check your own situation")),
        share_note=say(
            _(
                "This link opens this result in French or in English. It holds your answers in a "
                "short code, nothing that identifies you, and keeps showing the notice version it "
                "was made with."
            ),
            _(
                "This link opens this result in French or in English. It holds the answers in a "
                "short code, nothing that identifies anyone, and keeps showing the notice version "
                "it was made with."
            ),
        ),
        letter_heading=say(_("Your letter to LinkedIn"), _("A letter to LinkedIn")),
        letter_write=say(_("Write your letter"), _("Write the letter")),
        letter_note=say(
            _(
                "a ready-to-paste text for LinkedIn, naming your data concerned and the right "
                "that applies where you live."
            ),
            _(
                "a ready-to-paste text for LinkedIn, in the first person, for a member in this "
                "situation: it names the data concerned and the right that applies where they "
                "live."
            ),
        ),
    )


def category_sources(category: CategoryResult, notice: Notice) -> list[SourceRef]:
    """The sources behind a category's lines, each once: one sources line per block."""
    cited = {source.slug for item in category.items for source in item.item.sources}
    return [source for source in notice.sources if source.slug in cited]
