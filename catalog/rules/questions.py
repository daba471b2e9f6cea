"""The questionnaire as data: ordered questions, their choices, and which one comes next.

The pages show `next_question(draft)` until it is None, then the answers page (routing.py).
Labels are lazy, so they come out in the language of the page that renders them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final, Literal

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.rules.answers import (
    Draft,
    member_earlier_cutoff,
    region_of,
    setting_applies,
    switched_off_applies,
    uses_apply,
)
from catalog.rules.countries import country_names
from catalog.rules.dates import day
from catalog.snapshot import Notice, Region

Kind = Literal["select", "radio", "checkbox"]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str | Promise  # may hold %(date)s: the region's training start
    hint: str | Promise = ""


@dataclass(frozen=True)
class Question:
    key: str  # the answer key (vocabulary), also the question's URL slug
    title: str | Promise  # the page's h1
    hint: str | Promise  # may hold %(date)s
    kind: Kind
    choices: tuple[Choice, ...] = ()  # empty for the country question: every country
    summary: str | Promise = ""  # the row label on the check-your-answers page
    # When it is asked, as far as the draft tells (an unanswered earlier key counts as "maybe").
    asked: Callable[[Draft, Notice], bool] = lambda draft, notice: True


def _cutoff(draft: Draft, notice: Notice) -> date | None:
    return member_earlier_cutoff(
        draft.age, draft.switched_off, region_of(draft.country, notice), notice
    )


QUESTIONS: Final = (
    Question(
        key="country",
        title=_("Which country do you live in?"),
        hint=_("LinkedIn's rules and dates depend on where you live."),
        kind="select",
        summary=_("Country"),
    ),
    Question(
        key="age",
        title=_("How old are you?"),
        hint=_(
            "LinkedIn says it does not use data of members it believes could be under 18 to "
            "train content-generating AI."
        ),
        kind="radio",
        choices=(Choice("minor", _("Under 18")), Choice("adult", _("18 or over"))),
        summary=_("Age"),
    ),
    Question(
        key="setting",
        title=_("Is LinkedIn's setting “Data for Generative AI Improvement” on?"),
        hint=_(
            "It is on by default, unless you switched it off. The link below opens it on "
            "LinkedIn, where you can see it."
        ),
        kind="radio",
        choices=(
            Choice("on", _("Yes, it is on")),
            Choice("off", _("No, I switched it off")),
            Choice("unknown", _("I don't know")),
        ),
        summary=_("The setting"),
        asked=lambda draft, notice: setting_applies(draft.age),
    ),
    Question(
        key="switched_off",
        title=_("When did you switch the setting off?"),
        hint=_(
            "LinkedIn's current training where you live started on %(date)s: switching off "
            "before then kept your data out of it from that date."
        ),
        kind="radio",
        choices=(
            Choice("before", _("Before %(date)s")),
            Choice("after", _("On or after %(date)s")),
            Choice("unknown", _("I don't know")),
        ),
        summary=_("Switched off"),
        asked=lambda draft, notice: switched_off_applies(
            draft.age, draft.setting, region_of(draft.country, notice)
        ),
    ),
    Question(
        key="member_earlier",
        title=_("Did you have a LinkedIn account before %(cutoff)s?"),
        hint=_(
            "LinkedIn trained, or may have trained, its AI on members' data where you live "
            "before that date. Any account counts, even one you no longer use."
        ),
        kind="radio",
        choices=(
            Choice("yes", _("Yes")),
            Choice("no", _("No, I joined on or after that date")),
            Choice("unknown", _("I don't know")),
        ),
        summary=_("Had an account before %(cutoff)s"),
        asked=lambda draft, notice: _cutoff(draft, notice) is not None,
    ),
    Question(
        key="uses",
        title=_("Which of these do you do on LinkedIn?"),
        hint=_(
            "Select all that apply, or none. Every member has profile, activity, technical and "
            "inferred data."
        ),
        kind="checkbox",
        choices=(
            Choice(
                "posts",
                _("Publish posts or articles, comment, answer polls or contribute to articles"),
            ),
            Choice("groups", _("Take part in groups")),
            Choice(
                "ai-tools",
                _("Use LinkedIn's AI features: writing help, AI chats or AI-powered search"),
            ),
            Choice("resumes", _("Save resumes or screening answers to reuse when applying")),
            Choice("verification", _("Have a verification badge (employer, work email or ID)")),
            Choice(
                "feedback",
                _(
                    "Give feedback: thumbs up or down on AI suggestions, reports of problems "
                    "with AI content, support requests or other feedback"
                ),
            ),
            Choice("messages", _("Send or receive private messages")),
            Choice("salary", _("Give LinkedIn salary information")),
        ),
        summary=_("What you do on LinkedIn"),
        asked=lambda draft, notice: uses_apply(draft.age),
    ),
)
BY_KEY: Final = {question.key: question for question in QUESTIONS}


def get_question(key: str) -> Question | None:
    return BY_KEY.get(key)


def applicable_questions(draft: Draft, notice: Notice) -> list[Question]:
    return [question for question in QUESTIONS if question.asked(draft, notice)]


def is_answered(question: Question, draft: Draft) -> bool:
    return getattr(draft, question.key) is not None


def next_question(draft: Draft, notice: Notice) -> Question | None:
    """The first question that applies and is not answered yet; None when all are."""
    for question in applicable_questions(draft, notice):
        if not is_answered(question, draft):
            return question
    return None


def previous_question(question: Question, draft: Draft, notice: Notice) -> Question | None:
    asked = applicable_questions(draft, notice)
    if question not in asked:
        return None
    index = asked.index(question)
    return asked[index - 1] if index else None


def progress(question: Question, draft: Draft, notice: Notice) -> int:
    """The question's number ("Question n"), counting only the questions this visitor is asked.

    No total: how many questions follow depends on answers not given yet (the setting, when it
    was switched off), so any total shown before the last answers would change along the way.
    The number itself never does: whether a question is asked depends only on earlier answers.
    """
    asked = applicable_questions(draft, notice)
    return asked.index(question) + 1 if question in asked else 1


def _dates(draft: Draft, notice: Notice) -> tuple[str, str]:
    """The dates a question's wording may hold ("date", "cutoff"), in the active language:
    worked out once per notice version, language, region, age and switch-off answer, all they
    depend on (a page asks for them once per question it names)."""
    region = region_of(draft.country, notice)
    if region is None:
        return "", ""
    return notice.kept(
        (_dates, get_language(), region.slug, draft.age, draft.switched_off),
        lambda: _region_dates(draft, region, notice),
    )


def _region_dates(draft: Draft, region: Region, notice: Notice) -> tuple[str, str]:
    cutoff = _cutoff(draft, notice)
    return day(region.current.start), day(cutoff) if cutoff else ""


def country_choices() -> tuple[Choice, ...]:
    """Every country, with its name in the active language, sorted for that language."""
    return _country_choices(get_language())


@lru_cache(maxsize=8)
def _country_choices(language: str | None) -> tuple[Choice, ...]:
    """Built once per language (the active one), not at every page that shows the list."""
    return tuple(Choice(code, name) for code, name in country_names())


def _fill(text: str | Promise, dates: tuple[str, str]) -> str:
    text = str(text)
    return text % {"date": dates[0], "cutoff": dates[1]} if "%(" in text else text


def choices_for(question: Question, draft: Draft, notice: Notice) -> list[Choice]:
    """The question's choices with their labels filled in (the region's date, country names)."""
    if question.key == "country":
        return list(country_choices())
    return list(_filled_choices(get_language(), question.key, _dates(draft, notice)))


@lru_cache(maxsize=256)
def _filled_choices(language: str | None, key: str, dates: tuple[str, str]) -> tuple[Choice, ...]:
    """Written once per language, question and dates (a region's few): a question page asks for
    a dozen translated labels."""
    return tuple(
        Choice(choice.value, _fill(choice.label, dates), _fill(choice.hint, dates))
        for choice in BY_KEY[key].choices
    )


def title_for(question: Question, draft: Draft, notice: Notice) -> str:
    return _worded(get_language(), question.key, "title", _dates(draft, notice))


def hint_for(question: Question, draft: Draft, notice: Notice) -> str:
    return _worded(get_language(), question.key, "hint", _dates(draft, notice))


def summary_for(question: Question, draft: Draft, notice: Notice) -> str:
    return _worded(get_language(), question.key, "summary", _dates(draft, notice))


@lru_cache(maxsize=256)
def _worded(language: str | None, key: str, field: str, dates: tuple[str, str]) -> str:
    """A question's title, hint or summary, translated and filled once per language and dates,
    as its choices are."""
    return _fill(getattr(BY_KEY[key], field), dates)
