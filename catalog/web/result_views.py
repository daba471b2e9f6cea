"""The result pages: the result for answers in the query string, and its short links.

A short link /<lang>/r/<code>/ carries the answers and the notice version in its code (codes.py),
so nothing is stored; it shows the result against that notice version for as long as it is loaded.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from catalog.models import Notice
from catalog.notice_data import NoticeData, load_notice_data
from catalog.present import sharing
from catalog.present.card import card_etag, render_card
from catalog.present.qr import qr_svg
from catalog.rules import codes
from catalog.rules.answers import (
    Answers,
    country_codes,
    draft_from_answers,
    normalise,
    parse_answers,
    read_draft,
)
from catalog.rules.assessment import Assessment, assess
from catalog.rules.questions import QUESTIONS
from catalog.web.check_views import answers_url, first_problem, redirect_to_problem, result_url

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


@dataclass(frozen=True)
class Pinned:
    """What a valid code pins: the answers and the notice version they are checked against."""

    code: str
    answers: Answers
    notice: NoticeData
    row: Notice

    def notice_context(self) -> dict:
        """The newer notice version, if any, and the way to check again against it."""
        current = Notice.current()
        newer = current if current and current.effective > self.row.effective else None
        return {"newer_notice": newer, "recheck_url": result_url(self.answers)}


def _resolve(code: str) -> Pinned | None:
    """What a code pins, or None for any code we would not make.

    decode() proves the code well formed; the notice must still exist, the country must be a
    real one, and the answers must already be normalised (one code per situation).
    """
    try:
        answers, notice_code_id = codes.decode(code)
    except codes.InvalidCode:
        return None
    row = Notice.objects.select_related("source").filter(code_id=notice_code_id).first()
    notice = load_notice_data(row) if row else None
    if notice is None or answers.country not in country_codes():
        return None
    if normalise(answers, notice.regions) != answers:
        return None
    return Pinned(code, answers, notice, row)


def pinned(view: Callable[[HttpRequest, Pinned], HttpResponse]) -> Callable:
    """Give the view what the URL's code pins; any other string is the friendly 404, in the
    URL's language, that offers to start again."""

    @wraps(view)
    def with_code(request: HttpRequest, code: str) -> HttpResponse:
        resolved = _resolve(code)
        if resolved is None:
            return render(request, "catalog/bad_code.html", status=404)
        return view(request, resolved)

    return with_code


@require_safe
@pinned
def shared_result(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/: the result the code pins, against its own notice version, in either language."""
    context = {**result_context(request, pin.answers, pin.notice), **pin.notice_context()}
    return render(request, "catalog/shared_result.html", context)


@require_safe
@pinned
def result_card(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/card.png: the link-preview image, cached for a year; 304 for its ETag."""
    assessment = assess(pin.answers, pin.notice)
    link = request.build_absolute_uri(reverse("catalog:shared-result", args=[pin.code]))
    site = _("LinkedIn, your data and AI")
    text = sharing.card_text(assessment, pin.notice.effective, site, link)
    response = HttpResponse(content_type="image/png")
    response["ETag"] = card_etag(text)
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE, immutable=True)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    if conditional is not response:  # 304: nothing drawn
        return conditional
    response.content = render_card(text)
    return response


def _letter(pin: Pinned) -> str:
    return sharing.letter(assess(pin.answers, pin.notice), get_language())


@require_safe
@pinned
def result_letter(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/letter/: the objection letter to edit, copy or download in the browser."""
    return render(
        request,
        "catalog/letter.html",
        {
            "letter": _letter(pin),
            "notice": pin.row,
            **pin.notice_context(),
            "back_url": reverse("catalog:shared-result", args=[pin.code]),
            "letter_txt_url": reverse("catalog:result-letter-txt", args=[pin.code]),
            "filename": _letter_filename(),
            "objection_form_url": OBJECTION_FORM_URL,
        },
    )


def _letter_filename() -> str:
    return _("linkedin-objection-letter") + ".txt"


@require_safe
@pinned
def result_letter_txt(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/letter.txt: the unedited letter as a download, for browsers without JavaScript."""
    response = HttpResponse(_letter(pin), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_letter_filename()}"'
    return response
