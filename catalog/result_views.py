"""The result pages: the result for answers in the query string, and its short links.

A short link /<lang>/r/<code>/ carries the answers and the notice version in its code (codes.py),
so nothing is stored; it shows the result against that notice version for as long as it is loaded.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from . import codes, sharing
from .answers import Answers, draft_from_answers, parse_answers, read_draft, to_query_pairs
from .assessment import Assessment, assess
from .card import card_etag, render_card
from .check_views import answers_url, first_problem, redirect_to_problem, result_url
from .models import Notice
from .notice_data import NoticeData, load_notice_data
from .qr import qr_svg
from .questions import QUESTIONS

OBJECTION_FORM_URL = "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"
SETTING_URL = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"


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
        problem = first_problem(draft, errors, notice.regions) or QUESTIONS[0]
        return redirect_to_problem(request, problem, draft)
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
