"""A visitor's answers, in the vocabulary of vocabulary.py. Plain Python: no request, no ORM.

Reading: from a raw query string (key -> every value given) to normalised `Answers`, or an error
message for each bad key (in the active language). Writing: `Answers` back to query-string pairs in
one canonical order, so one situation always gives one URL.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_countries import countries

from catalog import i18n
from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES
from catalog.snapshot import Notice, Region


@dataclass(frozen=True)
class Answers:
    """Normalised answers: keys that do not apply are None, so one situation has one value."""

    country: str  # ISO 3166-1 alpha-2, upper case
    age: str  # vocabulary.AGES
    setting: str | None = None  # vocabulary.SETTINGS; None for minors
    switched_off: str | None = None  # vocabulary.SWITCHED_OFF; only when it is asked
    uses: frozenset[str] = frozenset()  # subset of vocabulary.USES; empty for minors (not asked)
    member_earlier: str | None = None  # vocabulary.MEMBER_EARLIER; only when it is asked


KEYS: Final = ("country", "age", "setting", "switched_off", "member_earlier", "uses")
SINGLE_KEYS: Final = ("country", "age", "setting", "switched_off", "member_earlier")
CHOICES: Final = {
    "age": AGES,
    "setting": SETTINGS,
    "switched_off": SWITCHED_OFF,
    "member_earlier": MEMBER_EARLIER,
}
MAX_USES: Final = 20  # more values than this for `uses` is an error, not work
MAX_VALUE_LENGTH: Final = 50

Errors = dict[str, str]


class MultiValued(Protocol):
    """A QueryDict, as far as we read it."""

    def __contains__(self, key: object) -> bool: ...

    def getlist(self, key: str) -> list[str]: ...


RawAnswers = MultiValued | Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class Draft:
    """Answers so far, as the questionnaire collects them: None means not answered (yet).

    `uses` is None until its question is answered; an empty set means "none of these".
    """

    country: str | None = None
    age: str | None = None
    setting: str | None = None
    switched_off: str | None = None
    uses: frozenset[str] | None = None
    member_earlier: str | None = None


COUNTRY_CODES: Final = frozenset(code for code, _name in countries)


def country_codes() -> frozenset[str]:
    return COUNTRY_CODES


# ---------------------------------------------------------------- which keys apply (DESIGN.md)


def setting_applies(age: str | None) -> bool:
    return age != "minor"


def uses_apply(age: str | None) -> bool:
    """A minor's result does not depend on what they do: they count as having every kind."""
    return age != "minor"


def switched_off_applies(age: str | None, setting: str | None, region: Region | None) -> bool:
    """Asked of adults who switched off where the current period was announced ahead (so
    switching off before it began kept their data out of it)."""
    if age == "minor" or setting != "off" or region is None:
        return False
    return region.current.announced


def exposure_end(region: Region, until: date) -> date | None:
    """The last day before `until` on which a training period ran in the region, if any."""
    ends = [min(period.end or until, until) for period in region.periods if period.start < until]
    return max(ends) if ends else None


def minors_excluded_from(notice: Notice) -> date | None:
    """The earliest date a source gives LinkedIn's under-18 exclusion for (None: always)."""
    minors = notice.exclusion("minors")
    return minors.applies_from if minors else None


def member_earlier_cutoff(
    age: str | None, switched_off: str | None, region: Region | None, notice: Notice
) -> date | None:
    """The date before which having an account decides the result, when it does.

    A minor's data may have been used in the periods before the under-18 exclusion is sourced;
    an adult who switched off before the current period began, in the periods before it.
    """
    if region is None:
        return None
    if age == "minor":
        excluded_from = minors_excluded_from(notice)
        return exposure_end(region, excluded_from) if excluded_from else None
    if switched_off == "before":
        return exposure_end(region, region.current.start)
    return None


def region_of(country: str | None, notice: Notice) -> Region | None:
    return notice.region_for(country) if country else None


# What the form says when an answer is missing or wrong, translated when asked for (catalog.i18n).
_MESSAGES: Final = {
    "country": gettext_noop("Select the country you live in from the list."),
    "age": gettext_noop("Select whether you are under 18 or 18 and over."),
    "setting": gettext_noop("Select whether the setting is on, off, or that you don't know."),
    "switched_off": gettext_noop(
        "Select whether you switched the setting off before or after the start date, "
        "or that you don't know."
    ),
    "member_earlier": gettext_noop(
        "Select whether you had a LinkedIn account before that date, or that you don't know."
    ),
    "uses": gettext_noop("Select only activities from the list."),
}


def error_message(key: str) -> str:
    """What the form says when `key` is missing or wrong, in the active language."""
    return i18n.gettext(_MESSAGES[key])


def _values(data: RawAnswers, key: str) -> list[str] | None:
    """Every value given for key (None when the key is absent), from a QueryDict or a dict."""
    if key not in data:
        return None
    getlist = getattr(data, "getlist", None)
    raw = getlist(key) if getlist else data[key]  # type: ignore[index]
    values = [raw] if isinstance(raw, str) else list(raw)
    return [str(value) for value in values]


def _read_single(data: RawAnswers, key: str, errors: Errors) -> str | None:
    values = _values(data, key)
    if values is None:
        return None
    if len(values) != 1:
        errors[key] = _("Give one answer only.")
        return None
    value = values[0].strip()
    if key == "country":
        value = value.upper()
        valid = len(value) == 2 and value in COUNTRY_CODES
    else:
        valid = len(value) <= MAX_VALUE_LENGTH and value in CHOICES[key]
    if not valid:
        errors[key] = error_message(key)
        return None
    return value


def _read_uses(data: RawAnswers, errors: Errors) -> frozenset[str] | None:
    values = _values(data, "uses")
    if values is None:
        return None
    if len(values) > MAX_USES:
        errors["uses"] = _("Too many answers: select each activity at most once.")
        return None
    given = [value.strip() for value in values if value.strip()]  # "uses=" alone: none of these
    if any(value not in USES for value in given):
        errors["uses"] = error_message("uses")
        return None
    return frozenset(given)


def read_draft(data: RawAnswers, notice: Notice) -> tuple[Draft, Errors]:
    """Read whatever answers are present: the valid ones, and an error for each bad key.

    A key known not to apply is dropped unread; extra keys are ignored; an absent key is not an
    error here (the questionnaire asks for it in turn). When whether a key applies depends on a
    bad or absent answer, the key is still checked, so every bad key is named.
    """
    errors: Errors = {}
    country = _read_single(data, "country", errors)
    age = _read_single(data, "age", errors)
    region = region_of(country, notice)
    unsure = region is None or "age" in errors  # cannot tell yet whether later keys apply
    setting = _read_single(data, "setting", errors) if setting_applies(age) else None
    switched_off = None
    # An absent setting counts as "unknown", so switched_off applies only after "off" (or a bad
    # setting, or a bad country, when we cannot tell).
    if "setting" in errors or (
        setting == "off" and (unsure or switched_off_applies(age, setting, region))
    ):
        switched_off = _read_single(data, "switched_off", errors)
    member_earlier = None
    if (
        unsure
        or "setting" in errors
        or "switched_off" in errors
        or member_earlier_cutoff(age, switched_off, region, notice)
    ):
        member_earlier = _read_single(data, "member_earlier", errors)
    uses = _read_uses(data, errors) if uses_apply(age) else None
    return Draft(country, age, setting, switched_off, uses, member_earlier), errors


def parse_answers(data: RawAnswers, notice: Notice) -> tuple[Answers | None, Errors]:
    """Normalised answers, or None and an error message (active language) for each bad key.

    `country` and `age` are required. A key that applies but is absent counts as "unknown" (the
    setting is on by default); an absent `uses` means none of them.
    """
    draft, errors = read_draft(data, notice)
    for key in ("country", "age"):
        if getattr(draft, key) is None and key not in errors:
            errors[key] = error_message(key)
    if errors:
        return None, errors
    return answers_from_draft(draft, notice), {}


def answers_from_draft(draft: Draft, notice: Notice) -> Answers:
    """Complete a draft that has its country and age into normalised Answers."""
    if draft.country is None or draft.age is None:
        raise ValueError("a draft needs its country and age to become Answers")
    return normalise(
        Answers(
            country=draft.country,
            age=draft.age,
            setting=draft.setting,
            switched_off=draft.switched_off,
            uses=draft.uses or frozenset(),
            member_earlier=draft.member_earlier,
        ),
        notice,
    )


def normalise(answers: Answers, notice: Notice) -> Answers:
    """Drop what does not apply and fill what the rules assume, so one situation has one value."""
    country = answers.country.upper()
    region = notice.region_for(country)
    setting = switched_off = member_earlier = None
    if setting_applies(answers.age):
        setting = answers.setting or "unknown"  # on by default: not knowing counts as unknown
    if switched_off_applies(answers.age, setting, region):
        switched_off = answers.switched_off or "unknown"
    if member_earlier_cutoff(answers.age, switched_off, region, notice):
        member_earlier = answers.member_earlier or "unknown"
    uses = frozenset(answers.uses) if uses_apply(answers.age) else frozenset()
    return Answers(country, answers.age, setting, switched_off, uses, member_earlier)


def draft_from_answers(answers: Answers) -> Draft:
    uses = answers.uses if uses_apply(answers.age) else None
    return Draft(
        answers.country,
        answers.age,
        answers.setting,
        answers.switched_off,
        uses,
        answers.member_earlier,
    )


def draft_query_pairs(draft: Draft) -> list[tuple[str, str]]:
    """The answered keys in canonical order; `uses` sorted, `uses=` alone for "none of these"."""
    pairs = [(key, value) for key in SINGLE_KEYS if (value := getattr(draft, key)) is not None]
    if draft.uses is not None:
        pairs += [("uses", use) for use in sorted(draft.uses)] or [("uses", "")]
    return pairs


def to_query_pairs(answers: Answers) -> list[tuple[str, str]]:
    """Normalised answers as query-string pairs in a canonical order (result and "Change" links)."""
    return draft_query_pairs(draft_from_answers(answers))
