"""The self-assessment's questions and its check-your-answers page.

Everything is GET: the answers travel in the query string (bookmarkable, the back button works, no
session, no cookie, no database write). The questionnaire is data (questions.py), where a page
goes is decided by plain functions (routing.py) and the rules are pure (assessment.py); these views
read the query string and render. With htmx, each page returns its `step` partial and the URL is
pushed, so the journey swaps in place.
"""

from typing import NamedTuple

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from catalog.i18n import gettext as _
from catalog.present.summary import SETTING_URL
from catalog.rules.answers import Draft, answers_from_draft, draft_query_pairs, read_draft
from catalog.rules.countries import country_name
from catalog.rules.questions import (
    Choice,
    Question,
    applicable_questions,
    choices_for,
    get_question,
    next_question,
    summary_for,
)
from catalog.rules.routing import QuestionPage, Redirect, first_problem, route_question
from catalog.snapshot import Notice
from catalog.web.content import loaded_content
from catalog.web.links import (
    fix_url,
    path,
    question_url,
    question_urls,
    redirect_url,
    result_url,
    step_url,
)

SUBMITTED = "step"  # hidden field: which question the form answers (a "Change" link has none)


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The whole page, or with htmx its `step` partial and the URL to push."""
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, f"{template}#step", context)
        push_url(response, request.get_full_path())
    else:
        response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# ---------------------------------------------------------------- the questionnaire


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """/check/: on to the first question still to answer (answers given in the URL are kept)."""
    notice = loaded_content().current
    draft, _errors = read_draft(request.GET, notice)
    return HttpResponseRedirect(step_url(next_question(draft, notice), draft))


@require_safe
def question(request: HttpRequest, question: str) -> HttpResponse:
    shown = get_question(question)
    if shown is None:
        raise Http404("No such question")
    notice = loaded_content().current
    draft, errors = read_draft(request.GET, notice)
    submitted = request.GET.get(SUBMITTED) == shown.key
    step = route_question(shown, draft, errors, submitted, notice)
    if isinstance(step, Redirect):
        return HttpResponseRedirect(redirect_url(step, request.GET))
    return _render(request, "catalog/question.html", _question_context(step, notice))


def _question_context(page: QuestionPage, notice: Notice) -> dict:
    key, kind = page.question.key, page.question.kind
    return {
        # The choices are written once per version, question, labels and selection
        # (question.html): a question's values are fixed, its labels may hold a region's dates.
        "notice": notice,
        "selected": tuple(choice.value for choice, checked in page.choices if checked),
        "labels": () if kind == "select" else tuple(choice.label for choice, _ in page.choices),
        "question": page.question,
        "title": page.title,
        "hint": page.hint,
        "choices": page.choices if kind == "select" else _with_ids(page),
        "error": page.error,
        "number": page.number,
        # The form resends the other answers; its own field comes from the visitor.
        "hidden": [pair for pair in draft_query_pairs(page.draft) if pair[0] != key],
        "action": path("catalog:check-question", key),
        "submitted_key": SUBMITTED,
        "back_url": (
            question_url(page.previous, page.draft) if page.previous else path("catalog:home")
        ),
        "back_is_question": page.previous is not None,
        "setting_url": SETTING_URL if key == "setting" else "",
    }


def _with_ids(page: QuestionPage) -> list[tuple[Choice, bool, str]]:
    """Radios' and checkboxes' choices with their inputs' ids: the first one's is the question's
    key, which the error summary links to."""
    key = page.question.key
    return [
        (choice, checked, key if index == 0 else f"{key}-{choice.value}")
        for index, (choice, checked) in enumerate(page.choices)
    ]


class AnswerRow(NamedTuple):
    """A line of check-your-answers: the question's summary, the answer, and where to change it."""

    label: str
    value: str
    change_url: str


@require_safe
def check_answers(request: HttpRequest) -> HttpResponse:
    notice = loaded_content().current
    draft, errors = read_draft(request.GET, notice)
    problem = first_problem(draft, errors, notice)
    if problem is not None:
        return HttpResponseRedirect(fix_url(problem, draft, request.GET))
    asked = applicable_questions(draft, notice)
    change_urls = question_urls(asked, draft)
    rows = [
        AnswerRow(
            summary_for(question, draft, notice), _answer_text(question, draft, notice), change_url
        )
        for question, change_url in zip(asked, change_urls, strict=True)
    ]
    return _render(
        request,
        "catalog/check_answers.html",
        {
            "rows": rows,
            "back_url": change_urls[-1],
            "result_url": result_url(answers_from_draft(draft, notice)),
        },
    )


def _answer_text(question: Question, draft: Draft, notice: Notice) -> str:
    value = getattr(draft, question.key)
    if question.key == "country":
        return country_name(value)
    labels = {choice.value: choice.label for choice in choices_for(question, draft, notice)}
    if question.key == "uses":
        return ", ".join(labels[use] for use in labels if use in value) or _("None of these")
    return labels[value]
