"""A visitor's answers, in the vocabulary of vocabulary.py. Plain Python: no request, no ORM.

Reading: from a raw query string (key -> every value given) to normalised `Answers`, or an error
message for each bad key (in the active language). Writing: `Answers` back to query-string pairs in
one canonical order, so one situation always gives one URL.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

from django.utils.translation import gettext as _
from django_countries import countries

from catalog.rules.vocabulary import AGES, SETTINGS, SWITCHED_OFF, USES

if TYPE_CHECKING:
    from .notice_data import RegionData


@dataclass(frozen=True)
class Answers:
    """Normalised answers: keys that do not apply are None, so one situation has one value."""

    country: str  # ISO 3166-1 alpha-2, upper case
    age: str  # vocabulary.AGES
    setting: str | None = None  # vocabulary.SETTINGS; None for minors
    switched_off: str | None = None  # vocabulary.SWITCHED_OFF; only when it is asked
    uses: frozenset[str] = frozenset()  # subset of vocabulary.USES


KEYS: Final = ("country", "age", "setting", "switched_off", "uses")
SINGLE_KEYS: Final = ("country", "age", "setting", "switched_off")
MAX_USES: Final = 20  # more values than this for `uses` is an error, not work
MAX_VALUE_LENGTH: Final = 50
OTHER_REGION: Final = "other"

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


def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def region_for(country: str, regions: Sequence["RegionData"]) -> "RegionData":
    """The region whose country list holds this code, else the catch-all "other" region."""
    code = country.upper()
    for region in regions:
        if code in region.countries:
            return region
    return next(region for region in regions if region.slug == OTHER_REGION)


def setting_applies(age: str | None) -> bool:
    return age != "minor"


def switched_off_applies(
    age: str | None, setting: str | None, country: str | None, regions: Sequence["RegionData"]
) -> bool:
    """Asked of adults who switched off where the setting existed before training started."""
    if age == "minor" or setting != "off" or country is None:
        return False
    return region_for(country, regions).notice_before_start


def _messages() -> Errors:
    # Built per call, so each message is in the active language.
    return {
        "country": _("Select the country you live in from the list."),
        "age": _("Select whether you are under 18 or 18 and over."),
        "setting": _("Select whether the setting is on, off, or that you don't know."),
        "switched_off": _(
            "Select whether you switched the setting off before or after the start date, "
            "or that you don't know."
        ),
        "uses": _("Select only activities from the list."),
    }


def error_message(key: str) -> str:
    """What the form says when `key` is missing or wrong, in the active language."""
    return _messages()[key]


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
        valid = len(value) == 2 and value in country_codes()
    else:
        choices = {"age": AGES, "setting": SETTINGS, "switched_off": SWITCHED_OFF}[key]
        valid = len(value) <= MAX_VALUE_LENGTH and value in choices
    if not valid:
        errors[key] = _messages()[key]
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
        errors["uses"] = _messages()["uses"]
        return None
    return frozenset(given)


def read_draft(data: RawAnswers, regions: Sequence["RegionData"]) -> tuple[Draft, Errors]:
    """Read whatever answers are present: the valid ones, and an error for each bad key.

    A key known not to apply is dropped unread; extra keys are ignored; an absent key is not an
    error here (the questionnaire asks for it in turn). When whether a key applies depends on a
    bad or absent answer, the key is still checked, so every bad key is named.
    """
    errors: Errors = {}
    country = _read_single(data, "country", errors)
    age = _read_single(data, "age", errors)
    setting = _read_single(data, "setting", errors) if setting_applies(age) else None
    switched_off = None
    # An absent setting counts as "unknown", so switched_off applies only after "off" (or a bad
    # setting, or a bad country, when we cannot tell).
    if "setting" in errors or (
        setting == "off"
        and (country is None or switched_off_applies(age, setting, country, regions))
    ):
        switched_off = _read_single(data, "switched_off", errors)
    uses = _read_uses(data, errors)
    return Draft(country, age, setting, switched_off, uses), errors


def parse_answers(
    data: RawAnswers, regions: Sequence["RegionData"]
) -> tuple[Answers | None, Errors]:
    """Normalised answers, or None and an error message (active language) for each bad key.

    `country` and `age` are required. A setting or switch-off date that applies but is absent
    counts as "unknown" (the setting is on by default); an absent `uses` means none of them.
    """
    draft, errors = read_draft(data, regions)
    messages = _messages()
    for key in ("country", "age"):
        if getattr(draft, key) is None and key not in errors:
            errors[key] = messages[key]
    if errors:
        return None, errors
    return answers_from_draft(draft, regions), {}


def answers_from_draft(draft: Draft, regions: Sequence["RegionData"]) -> Answers:
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
        ),
        regions,
    )


def normalise(answers: Answers, regions: Sequence["RegionData"]) -> Answers:
    """Drop what does not apply and fill what the rules assume, so one situation has one value."""
    country = answers.country.upper()
    setting = None
    if setting_applies(answers.age):
        setting = answers.setting or "unknown"  # on by default: not knowing counts as unknown
    switched_off = None
    if switched_off_applies(answers.age, setting, country, regions):
        switched_off = answers.switched_off or "unknown"
    return Answers(country, answers.age, setting, switched_off, frozenset(answers.uses))


def draft_from_answers(answers: Answers) -> Draft:
    return Draft(answers.country, answers.age, answers.setting, answers.switched_off, answers.uses)


def draft_query_pairs(draft: Draft) -> list[tuple[str, str]]:
    """The answered keys in canonical order; `uses` sorted, `uses=` alone for "none of these"."""
    pairs = [(key, value) for key in SINGLE_KEYS if (value := getattr(draft, key)) is not None]
    if draft.uses is not None:
        pairs += [("uses", use) for use in sorted(draft.uses)] or [("uses", "")]
    return pairs


def to_query_pairs(answers: Answers) -> list[tuple[str, str]]:
    """Normalised answers as query-string pairs in a canonical order (result and "Change" links)."""
    return draft_query_pairs(draft_from_answers(answers))
