"""The self-assessment, its result and its short links.

Everything is GET: the answers travel in the query string (bookmarkable, the back button works, no
session, no cookie, no database write). The questionnaire is data (questions.py) and the rules are
pure (assessment.py); these views only read the query string and route. With htmx, each page
returns its `step` partial and the URL is pushed, so the journey swaps in place.
"""

from collections.abc import Sequence
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries
from django_htmx.http import push_url

from . import codes, sharing
from .answers import (
    KEYS,
    MAX_USES,
    Answers,
    Draft,
    Errors,
    answers_from_draft,
    draft_from_answers,
    draft_query_pairs,
    error_message,
    parse_answers,
    read_draft,
    to_query_pairs,
)
from .assessment import Assessment, assess
from .card import card_etag, render_card
from .models import Notice
from .notice_data import NoticeData, RegionData, load_notice_data, load_regions
from .qr import qr_svg
from .questions import (
    QUESTIONS,
    Question,
    applicable_questions,
    choices_for,
    get_question,
    hint_for,
    next_question,
    previous_question,
    progress,
)

SUBMITTED = "step"  # hidden field: which question the form answers (a "Change" link has none)
OBJECTION_FORM_URL = "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"
SETTING_URL = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"


# ---------------------------------------------------------------- URLs


def _with_query(path: str, pairs: Sequence[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def question_url(question: Question, draft: Draft) -> str:
    return _with_query(
        reverse("catalog:check-question", args=[question.key]), draft_query_pairs(draft)
    )


def answers_url(draft: Draft) -> str:
    return _with_query(reverse("catalog:check-answers"), draft_query_pairs(draft))


def result_url(answers: Answers) -> str:
    """The result page for these answers, in the active language. The one place that builds it."""
    return _with_query(reverse("catalog:result"), to_query_pairs(answers))


def _first_problem(draft: Draft, errors: Errors, regions: Sequence[RegionData]) -> Question | None:
    """The first question, in the visitor's order, that is unanswered or wrongly answered."""
    for question in applicable_questions(draft, regions):
        if question.key in errors or getattr(draft, question.key) is None:
            return question
    return next((question for question in QUESTIONS if question.key in errors), None)


def _redirect_to_problem(request: HttpRequest, question: Question, draft: Draft) -> HttpResponse:
    """Send the visitor to the question to fix, keeping what they gave so its error shows."""
    pairs = [pair for pair in draft_query_pairs(draft) if pair[0] != question.key]
    pairs += [(question.key, value) for value in request.GET.getlist(question.key)[:MAX_USES]]
    pairs.sort(key=lambda pair: KEYS.index(pair[0]))  # stable: canonical key order
    return HttpResponseRedirect(
        _with_query(reverse("catalog:check-question", args=[question.key]), pairs)
    )


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
    regions = load_regions()
    draft, _errors = read_draft(request.GET, regions)
    return HttpResponseRedirect(_next_url(draft, regions))


def _next_url(draft: Draft, regions: Sequence[RegionData]) -> str:
    following = next_question(draft, regions)
    return question_url(following, draft) if following else answers_url(draft)


@require_safe
def question(request: HttpRequest, question: str) -> HttpResponse:
    current = get_question(question)
    if current is None:
        raise Http404("No such question")
    regions = load_regions()
    draft, errors = read_draft(request.GET, regions)
    asked = applicable_questions(draft, regions)
    if current not in asked:  # e.g. the setting question for a minor
        return HttpResponseRedirect(_next_url(draft, regions))
    for earlier in asked[: asked.index(current)]:
        if earlier.key in errors or getattr(draft, earlier.key) is None:
            return _redirect_to_problem(request, earlier, draft)

    submitted = request.GET.get(SUBMITTED) == current.key
    error = errors.get(current.key, "")
    if submitted and not error:
        if current.key == "uses" and draft.uses is None:
            draft = Draft(draft.country, draft.age, draft.setting, draft.switched_off, frozenset())
        if getattr(draft, current.key) is None:
            error = error_message(current.key)
        else:
            return HttpResponseRedirect(_next_url(draft, regions))

    value = getattr(draft, current.key)
    selected = set(value) if isinstance(value, frozenset) else {value} if value else set()
    number, total = progress(current, draft, regions)
    previous = previous_question(current, draft, regions)
    hidden = [pair for pair in draft_query_pairs(draft) if pair[0] != current.key]
    action = reverse("catalog:check-question", args=[current.key])
    return _render(
        request,
        "catalog/question.html",
        {
            "question": current,
            "hint": hint_for(current, draft, regions),
            "choices": [
                (choice, choice.value in selected)
                for choice in choices_for(current, draft, regions)
            ],
            "error": error,
            "number": number,
            "total": total,
            "hidden": hidden,
            "action": action,
            "submitted_key": SUBMITTED,
            "back_url": question_url(previous, draft) if previous else reverse("catalog:home"),
            "back_is_question": previous is not None,
        },
    )


@require_safe
def check_answers(request: HttpRequest) -> HttpResponse:
    regions = load_regions()
    draft, errors = read_draft(request.GET, regions)
    problem = _first_problem(draft, errors, regions)
    if problem is not None:
        return _redirect_to_problem(request, problem, draft)
    rows = [
        {
            "key": question.key,
            "label": question.summary,
            "value": _answer_text(question, draft, regions),
            "change_url": question_url(question, draft),
        }
        for question in applicable_questions(draft, regions)
    ]
    last = applicable_questions(draft, regions)[-1]
    return _render(
        request,
        "catalog/check_answers.html",
        {
            "rows": rows,
            "back_url": question_url(last, draft),
            "result_url": result_url(answers_from_draft(draft, regions)),
        },
    )


def _answer_text(question: Question, draft: Draft, regions: Sequence[RegionData]) -> str:
    value = getattr(draft, question.key)
    if question.key == "country":
        return countries.name(value) or value
    labels = {choice.value: choice.label for choice in choices_for(question, draft, regions)}
    if question.key == "uses":
        return ", ".join(labels[use] for use in labels if use in value) or _("None of these")
    return labels[value]


# ---------------------------------------------------------------- the result

# The notice's other rows: AI uses that the setting does not stop (only the objection form).
OTHER_USE_LABELS = {
    "features": gettext_lazy("AI features"),
    "improve": gettext_lazy("product improvement"),
    "safety": gettext_lazy("safety and security"),
}


def result_context(request: HttpRequest, answers: Answers, notice: NoticeData) -> dict:
    """Everything result.html needs; the short-link page calls it too."""
    assessment = assess(answers, notice)
    return {
        "assessment": assessment,
        "answers": answers,
        "country_name": countries.name(answers.country) or answers.country,
        "notice": notice,
        "notice_url": reverse("catalog:notice", args=[notice.slug]),
        "change_url": answers_url(draft_from_answers(answers)),
        "result_url": result_url(answers),
        "protecting": [exclusion for exclusion in assessment.exclusions if exclusion.applies],
        "other_uses": [
            (OTHER_USE_LABELS[use.row], use.categories)
            for use in assessment.other_uses
            if use.categories
        ],
        "set_sources": [{"slug": "SET"}],
        "notice_sources": [{"slug": notice.source_slug}],
        "objection_form_url": OBJECTION_FORM_URL,
        "setting_url": SETTING_URL,
        **share_context(request, assessment, notice),
    }


@require_safe
def result(request: HttpRequest) -> HttpResponse:
    notice = load_notice_data()
    if notice is None:
        raise Http404("No content loaded")
    answers, errors = parse_answers(request.GET, notice.regions)
    if answers is None:
        draft, errors = read_draft(request.GET, notice.regions)
        problem = _first_problem(draft, errors, notice.regions) or QUESTIONS[0]
        return _redirect_to_problem(request, problem, draft)
    canonical = result_url(answers)
    if request.get_full_path() != canonical:  # one situation, one link
        return HttpResponseRedirect(canonical)
    return render(request, "catalog/result.html", result_context(request, answers, notice))


# ---------------------------------------------------------------- short links

CARD_MAX_AGE = 31536000  # a year: a card never changes for its code and language


def short_url(answers: Answers, notice_code_id: int) -> str:
    """The short link's path (/<lang>/r/<code>/) for answers computed against a notice version."""
    return reverse("catalog:shared-result", args=[codes.encode(answers, notice_code_id)])


def share_context(request: HttpRequest, assessment: Assessment, notice: NoticeData) -> dict:
    """The short link, its QR code, preview tags and the letter link (result and short link)."""
    try:
        code = codes.encode(assessment.answers, notice.code_id)
    except ValueError:  # a notice code_id outside the code's 7 bits: no short link, no 500
        return {}
    link = request.build_absolute_uri(reverse("catalog:shared-result", args=[code]))
    return {
        "code": code,
        "short_url": link,
        "card_url": request.build_absolute_uri(reverse("catalog:result-card", args=[code])),
        "letter_url": reverse("catalog:result-letter", args=[code]),
        "share_title": sharing.headline(assessment),
        "share_description": sharing.description(assessment),
        "og_locale": {"fr": "fr_FR"}.get(get_language(), "en_GB"),
        "qr": qr_svg(link, _("QR code of the link to this result")),
    }


def _bad_code(request: HttpRequest) -> HttpResponse:
    """The friendly 404 for any string that is not a valid result code, in the URL's language."""
    return render(request, "catalog/bad_code.html", status=404)


def _resolve(code: str) -> tuple[Answers, NoticeData, Notice] | None:
    """The answers and notice version a code pins, or None for any code we would not make.

    decode() proves the code well formed; the notice must still exist, and reading the answers
    again as a visitor's query string must give exactly them (normalised, real country).
    """
    try:
        answers, notice_code_id = codes.decode(code)
    except codes.InvalidCode:
        return None
    row = Notice.objects.select_related("source").filter(code_id=notice_code_id).first()
    if row is None:
        return None
    notice = load_notice_data(row)
    if notice is None:
        return None
    query = QueryDict(mutable=True)
    for key, value in to_query_pairs(answers):
        query.appendlist(key, value)
    parsed, _errors = parse_answers(query, notice.regions)
    if parsed != answers:
        return None
    return answers, notice, row


def _newer_notice(row: Notice) -> Notice | None:
    current = Notice.current()
    if current is None or current.pk == row.pk or current.effective <= row.effective:
        return None
    return current


@require_safe
def shared_result(request: HttpRequest, code: str) -> HttpResponse:
    """/r/<code>/: the result the code pins, against its own notice version, in either language."""
    resolved = _resolve(code)
    if resolved is None:
        return _bad_code(request)
    answers, notice, row = resolved
    context = result_context(request, answers, notice)
    newer = _newer_notice(row)
    context["newer_notice"] = newer
    context["recheck_url"] = result_url(answers)
    return render(request, "catalog/shared_result.html", context)


@require_safe
def result_card(request: HttpRequest, code: str) -> HttpResponse:
    """/r/<code>/card.png: the link-preview image, cached for a year; 304 for its ETag."""
    resolved = _resolve(code)
    if resolved is None:
        return _bad_code(request)
    answers, notice, _row = resolved
    assessment = assess(answers, notice)
    link = request.build_absolute_uri(reverse("catalog:shared-result", args=[code]))
    text = sharing.card_text(assessment, notice.effective, _("LinkedIn, your data and AI"), link)
    response = HttpResponse(content_type="image/png")
    response["ETag"] = card_etag(text)
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE, immutable=True)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    if conditional is not response:  # 304: nothing drawn
        return conditional
    response.content = render_card(text)
    return response


def _letter(code: str) -> tuple[str, Answers, Notice] | None:
    resolved = _resolve(code)
    if resolved is None:
        return None
    answers, notice, row = resolved
    return sharing.letter(assess(answers, notice), get_language()), answers, row


@require_safe
def result_letter(request: HttpRequest, code: str) -> HttpResponse:
    """/r/<code>/letter/: the objection letter to edit, copy or download in the browser."""
    made = _letter(code)
    if made is None:
        return _bad_code(request)
    letter, answers, row = made
    return render(
        request,
        "catalog/letter.html",
        {
            "letter": letter,
            "notice": row,
            "newer_notice": _newer_notice(row),
            "recheck_url": result_url(answers),
            "back_url": reverse("catalog:shared-result", args=[code]),
            "letter_txt_url": reverse("catalog:result-letter-txt", args=[code]),
            "filename": _letter_filename(),
            "objection_form_url": OBJECTION_FORM_URL,
        },
    )


def _letter_filename() -> str:
    return _("linkedin-objection-letter") + ".txt"


@require_safe
def result_letter_txt(request: HttpRequest, code: str) -> HttpResponse:
    """/r/<code>/letter.txt: the unedited letter as a download, for browsers without JavaScript."""
    made = _letter(code)
    if made is None:
        return _bad_code(request)
    response = HttpResponse(made[0], content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_letter_filename()}"'
    return response
