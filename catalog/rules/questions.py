"""The questionnaire as data: ordered questions, their choices, and which one comes next.

Views only route: they show `next_question(draft)` until it is None, then the answers page.
Labels are lazy, so they come out in the language of the page that renders them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from catalog.notice_data import RegionData
from catalog.rules.answers import Draft, region_for, setting_applies, switched_off_applies

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
        hint=_("LinkedIn says it does not train its AI on data of members under 18."),
        kind="radio",
        choices=(Choice("minor", _("Under 18")), Choice("adult", _("18 or over"))),
        summary=_("Age"),
    ),
    Question(
        key="setting",
        title=_("Is LinkedIn's setting “Data for Generative AI Improvement” on?"),
        hint=_(
            "It is in Settings & Privacy → Data privacy → Data for Generative AI Improvement. "
            "It is on unless you switched it off."
        ),
        kind="radio",
        choices=(
            Choice("on", _("Yes, it is on")),
            Choice("off", _("No, I switched it off")),
            Choice("unknown", _("I don't know")),
        ),
        summary=_("The setting"),
    ),
    Question(
        key="switched_off",
        title=_("When did you switch the setting off?"),
        hint=_("Training started in your region on %(date)s."),
        kind="radio",
        choices=(
            Choice("before", _("Before %(date)s")),
            Choice("after", _("On or after %(date)s")),
            Choice("unknown", _("I don't know")),
        ),
        summary=_("Switched off"),
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
            Choice("posts", _("Publish posts, articles, comments or poll responses")),
            Choice("groups", _("Take part in groups")),
            Choice("ai-tools", _("Use LinkedIn's AI features (writing help, AI chat or search)")),
            Choice("resumes", _("Save resumes or screening answers to reuse when applying")),
            Choice("verification", _("Have a verification badge (employer, work email or ID)")),
            Choice("feedback", _("Send feedback or ratings about features")),
            Choice("messages", _("Send or receive private messages")),
            Choice("salary", _("Give LinkedIn salary information")),
        ),
        summary=_("What you do on LinkedIn"),
    ),
)
BY_KEY: Final = {question.key: question for question in QUESTIONS}


def get_question(key: str) -> Question | None:
    return BY_KEY.get(key)


def applies(question: Question, draft: Draft, regions: Sequence[RegionData]) -> bool:
    """Whether the question is asked of this visitor, as far as the draft tells.

    Until the age is known the setting counts as asked; switched_off only once the draft says off.
    """
    if question.key == "setting":
        return setting_applies(draft.age)
    if question.key == "switched_off":
        return switched_off_applies(draft.age, draft.setting, draft.country, regions)
    return True


def applicable_questions(draft: Draft, regions: Sequence[RegionData]) -> list[Question]:
    return [question for question in QUESTIONS if applies(question, draft, regions)]


def is_answered(question: Question, draft: Draft) -> bool:
    return getattr(draft, question.key) is not None


def next_question(draft: Draft, regions: Sequence[RegionData]) -> Question | None:
    """The first question that applies and is not answered yet; None when all are."""
    for question in applicable_questions(draft, regions):
        if not is_answered(question, draft):
            return question
    return None


def previous_question(
    question: Question, draft: Draft, regions: Sequence[RegionData]
) -> Question | None:
    asked = applicable_questions(draft, regions)
    if question not in asked:
        return None
    index = asked.index(question)
    return asked[index - 1] if index else None


def progress(question: Question, draft: Draft, regions: Sequence[RegionData]) -> tuple[int, int]:
    """("Question n of total"), counting only the questions that apply to this visitor."""
    asked = applicable_questions(draft, regions)
    if question not in asked:
        return 1, len(asked)
    return asked.index(question) + 1, len(asked)


def start_date(draft: Draft, regions: Sequence[RegionData]) -> str:
    """The visitor's region's training start, formatted for the active language ("" if unknown)."""
    if draft.country is None:
        return ""
    return date_format(region_for(draft.country, regions).training_start, "j F Y")


def country_choices() -> list[Choice]:
    """Every country, with its name in the active language, sorted for that language."""
    return [Choice(code, name) for code, name in countries]


def _fill(text: str | Promise, draft: Draft, regions: Sequence[RegionData]) -> str:
    text = str(text)
    return text % {"date": start_date(draft, regions)} if "%(date)s" in text else text


def choices_for(question: Question, draft: Draft, regions: Sequence[RegionData]) -> list[Choice]:
    """The question's choices with their labels filled in (the region's date, country names)."""
    if question.key == "country":
        return country_choices()
    return [
        Choice(
            choice.value, _fill(choice.label, draft, regions), _fill(choice.hint, draft, regions)
        )
        for choice in question.choices
    ]


def hint_for(question: Question, draft: Draft, regions: Sequence[RegionData]) -> str:
    return _fill(question.hint, draft, regions)
