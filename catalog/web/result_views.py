"""The result pages: the result for answers in the query string, and its short links.

A short link /<lang>/r/<code>/ carries the answers and the notice version in its code (codes.py),
so nothing is stored; it shows the result against that notice version for as long as it is loaded.
Old and leniently typed codes redirect (301) to the canonical code of the same situation
(short_links.py).
"""

import copy
from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import get_script_prefix, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from catalog.i18n import gettext as _
from catalog.present import edited_letter, letter, qr, sharing, summary
from catalog.present.card import card_etag, render_card
from catalog.present.pages import unique_sources
from catalog.present.summary import Voice
from catalog.rules import codes
from catalog.rules.answers import (
    Answers,
    draft_from_answers,
    parse_answers,
    read_draft,
    uses_apply,
)
from catalog.rules.assessment import (
    Assessment,
    CategoryResult,
    assess,
)
from catalog.rules.questions import QUESTIONS
from catalog.rules.routing import first_problem
from catalog.rules.vocabulary import STATUSES
from catalog.snapshot import Notice, Region
from catalog.web.content import loaded_content
from catalog.web.links import (
    answers_url,
    card_path,
    fix_url,
    letter_txt_url,
    letter_url,
    qr_path,
    result_feed_url,
    result_url,
    shared_result_url,
)
from catalog.web.short_links import Pinned, pinned


class StatusGroup(NamedTuple):
    """The categories of one status on a result, with its label and its one reason."""

    status: summary.Status
    label: str
    reason: str
    categories: list[CategoryResult]


def result_context(
    request: HttpRequest, answers: Answers, notice: Notice, voice: Voice = Voice.SECOND
) -> dict:
    """Everything result.html needs, in the voice of the page: the visitor's own result talks to
    them, a short link talks about them (it is read by whoever was sent it)."""
    assessment = assess(answers, notice)
    region = assessment.region
    text = summary.result_text(assessment, voice)
    groups = []
    for status in STATUSES:  # the vocabulary's order: what may be used first
        members = [category for category in assessment.categories if category.status == status]
        if members:  # one reason per group: every category in it has the same one
            groups.append(
                StatusGroup(
                    summary.STATUSES[status], text.labels[status], text.reasons[status], members
                )
            )
    return {
        "assessment": assessment,
        "text": text,
        "headline": text.headline,
        "place": text.place,
        "region": region,
        "groups": groups,
        "notice": notice,
        "change_url": answers_url(draft_from_answers(answers)),
        "protecting": [result.exclusion for result in assessment.exclusions if result.applies],
        "route": text.route,
        "setting_url": summary.SETTING_URL,
        "policy_options_url": summary.POLICY_OPTIONS_URL,
        # What the "already" line's periods rest on: kept with the version, per region.
        "periods_sources": notice.kept(
            ("periods sources", region.slug),
            lambda: unique_sources((period.sources for period in region.periods), notice),
        ),
        **step_sources(notice, region),
        **share_context(request, assessment, text),
    }


@require_safe
def result(request: HttpRequest) -> HttpResponse:
    notice = loaded_content().current
    answers, errors = parse_answers(request.GET, notice)
    # The page never says "you have none" of what it did not ask: an unanswered `uses` (the API
    # reads it as none, as documented) sends the visitor to that question.
    if answers is None or (uses_apply(answers.age) and "uses" not in request.GET):
        draft, errors = read_draft(request.GET, notice)
        problem = first_problem(draft, errors, notice) or QUESTIONS[0]
        return HttpResponseRedirect(fix_url(problem, draft, request.GET))
    canonical = result_url(answers)
    if request.get_full_path() != canonical:  # one situation, one link
        return HttpResponseRedirect(canonical)
    return render(request, "catalog/result.html", result_context(request, answers, notice))


# ---------------------------------------------------------------- short links

# A year: a card's URL carries the content revision (card-<revision>.png), so a corrected card
# has a new URL and never an old one's cached bytes.
CARD_MAX_AGE = 31536000


def share_context(request: HttpRequest, assessment: Assessment, text: summary.ResultText) -> dict:
    """The short link, its QR code, preview tags and the letter link (result and short link).
    The preview's title is the shared result's headline: a short link's page has it already."""
    code = codes.encode(assessment.answers, assessment.notice.code_id)
    link = request.build_absolute_uri(shared_result_url(code))
    revision = loaded_content().revision  # read once per request: no query
    return {
        "code": code,
        "short_url": link,
        "card_url": request.build_absolute_uri(card_path(code, revision)),
        "letter_url": letter_url(code),
        "share_title": (
            text.headline.title if text.voice == Voice.THIRD else sharing.share_title(assessment)
        ),
        "share_description": sharing.description(assessment),
        "og_locale": {"fr": "fr_FR"}.get(get_language(), "en_GB"),
        "qr_url": qr_path(code),
        "feed_url": result_feed_url(code),
        "qr_size": qr.SHOWN_SIZE,
    }


@require_safe
@pinned
def shared_result(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/: the result the code pins, against its own notice version, in either language,
    about the member in the third person: whoever opens a shared link did not answer."""
    context = {
        **result_context(request, pin.answers, pin.notice, Voice.THIRD),
        **pin.notice_context(),
    }
    return render(request, "catalog/shared_result.html", context)


@require_safe
@pinned
def result_card(request: HttpRequest, pin: Pinned, revision: int) -> HttpResponse:
    """/r/<code>/card-<revision>.png: the link-preview image, cached for a year; 304 for its ETag.

    Another revision than the loaded one (an old page's og:image) redirects to the current card,
    temporarily: its target moves with each revision, and a reloaded database may count again.
    """
    current = card_path(pin.code, pin.content.revision)
    if request.path != current:
        if revision == pin.content.revision:  # the same number spelled otherwise (card-01.png)
            return HttpResponsePermanentRedirect(current)
        return HttpResponseRedirect(current)
    assessment = assess(pin.answers, pin.notice)
    link = request.build_absolute_uri(shared_result_url(pin.code))
    text = sharing.card_text(assessment, _("LinkedIn, your data and AI"), link)
    response = HttpResponse(content_type="image/png")
    response["ETag"] = card_etag(text)
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE, immutable=True)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    if conditional is not response:  # 304: nothing drawn
        return conditional
    response.content = render_card(text)
    return response


@require_safe
@pinned
def result_qr(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/qr.svg: the QR code of the short link, in the URL's language. It depends only
    on the link, so caches keep it for a year."""
    link = request.build_absolute_uri(shared_result_url(pin.code))
    response = HttpResponse(
        qr.qr_svg(link, _("QR code of the link to this result")), content_type="image/svg+xml"
    )
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE, immutable=True)
    return response


@require_safe
@pinned
def result_card_unversioned(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/card.png, the card's URL before it carried the revision: moved for good."""
    return HttpResponsePermanentRedirect(card_path(pin.code, pin.content.revision))


@require_safe
@pinned
def result_letter(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/letter/: the objection letter to edit, copy or download."""
    assessment = assess(pin.answers, pin.notice)
    return _letter_page(
        request, pin, assessment, letter.objection_letter(assessment, get_language())
    )


def step_sources(notice: Notice, region: Region) -> dict:
    """What the setting step and the objection route cite (the result and the letter page)."""
    return {
        "set_sources": notice.cite("SET"),
        "objection_sources": notice.cite(
            notice.source.slug if region.document == "notice" else "PPG25"
        ),
    }


def _letter_page(
    request: HttpRequest,
    pin: Pinned,
    assessment: Assessment,
    text: str,
    problems: Sequence[str] = (),
    status: int = 200,
) -> HttpResponse:
    """The letter page holding `text`: the generated letter, or the visitor's own shown again
    with what stopped its download (`problems`)."""
    return render(
        request,
        "catalog/letter.html",
        {
            "letter": text,
            "problems": problems,
            "route": letter.route(assessment),
            "notice": pin.notice,
            **step_sources(pin.notice, assessment.region),
            **pin.notice_context(),
            "back_url": shared_result_url(pin.code),
            "letter_txt_url": letter_txt_url(pin.code),
            "filename": _letter_filename(),
        },
        status=status,
    )


def _letter_filename() -> str:
    return _("linkedin-objection-letter") + ".txt"


def _text_download(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, _letter_filename())
    return response


# The letter.txt endpoint takes a POST, the only one on the public site: Django's CSRF check
# would need a cookie, and public pages set none. It is safe without: the POST changes nothing
# and stores nothing, it only hands the sender's own text back as a file. What is left, another
# site making a visitor's browser save a file of its choosing under our name, the origin check
# below refuses. csrf_exempt also lets it past RequestGuardMiddleware's 405 for writes.
@csrf_exempt
@sensitive_post_parameters("letter")  # should an error report ever be written, not the letter
@require_http_methods(["GET", "HEAD", "POST"])
@pinned
def result_letter_txt(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/r/<code>/letter.txt: GET, the generated letter as a download (links from before the
    letter page had a form); POST, the letter as the visitor edited it, for browsers without
    JavaScript. The page stays where it is: a download does not navigate."""
    if request.method != "POST":
        return _text_download(
            letter.objection_letter(assess(pin.answers, pin.notice), get_language())
        )
    response = _edited_letter_download(request, pin)
    # The visitor's own words, in a download or in a page showing them again: for no cache.
    patch_cache_control(response, no_store=True)
    return response


def _edited_letter_download(request: HttpRequest, pin: Pinned) -> HttpResponse:
    if not _sent_from_this_site(request):
        return _letter_error(
            request, pin, _("This download works only from the letter page of this site."), 403
        )
    if _content_length(request) > edited_letter.MAX_BODY_BYTES:
        return _letter_error(request, pin, edited_letter.too_long_message(), 413)
    posted = _posted_letter(request)
    if posted is None:
        return _letter_error(
            request, pin, _("The letter did not arrive as text this site can read."), 400
        )
    edited = edited_letter.read_edited_letter(posted)
    if edited.ok:
        return _text_download(edited.text)
    # Shown again on the letter page, so that nothing typed is lost.
    status = 413 if edited.too_long else 400
    page = _as_letter_page(request, pin)
    assessment = assess(pin.answers, pin.notice)
    return _letter_page(page, pin, assessment, edited.text, edited.problems(), status)


def _sent_from_this_site(request: HttpRequest) -> bool:
    """The form was posted from a page of this site. Browsers say so in Sec-Fetch-Site (Chromium
    and Firefox since 2020-2021, Safari since 2023); older ones in Origin, compared by host only,
    so a TLS proxy that does not forward the scheme still passes. A browser that sends neither
    (before Origin on POSTs) is let through: no-JS visitors on old browsers keep their letter."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")  # "none": the visitor's own action, e.g. reload
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.get_host()


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return edited_letter.MAX_BODY_BYTES + 1  # unreadable: treated as too big, never read


def _posted_letter(request: HttpRequest) -> str | None:
    """The form's `letter` field, read strictly: urlencoded, UTF-8, once. Django's request.POST
    would turn bytes that are not UTF-8 into U+FFFD without a word."""
    charset = request.content_params.get("charset", "utf-8").lower()
    if request.content_type != "application/x-www-form-urlencoded" or charset != "utf-8":
        return None
    try:
        fields = parse_qs(
            request.body.decode("ascii"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=10,
        )
    except ValueError:  # UnicodeDecodeError included; too many fields
        return None
    values = fields.get("letter", [])
    return values[0] if len(values) == 1 else None


def _as_letter_page(request: HttpRequest, pin: Pinned) -> HttpRequest:
    """The request as if for the letter page, which a page shown again after a POST is: its
    language switch and alternates lead to the letter page, not to a download."""
    page = copy.copy(request)
    # What the language switch reads (web/alternates.py); resolve() wants no script prefix.
    page.resolver_match = resolve("/" + letter_url(pin.code).removeprefix(get_script_prefix()))
    return page


def _letter_error(request: HttpRequest, pin: Pinned, message: str, status: int) -> HttpResponse:
    """A posted letter that cannot be read: say why, and how to get back to it (from another
    site, 403, the Back button leads there)."""
    context = {
        "message": message,
        "back_to_letter": status != 403,
        "letter_url": letter_url(pin.code),
        "back_url": shared_result_url(pin.code),
        "error_page": True,  # the language switch goes home, as on every error page
    }
    return render(request, "catalog/letter_error.html", context, status=status)
