"""What a short link's code pins, for every view under /<lang>/r/<code>/.

The code carries the answers and the notice version (codes.py), so nothing is stored. Old and
leniently typed codes redirect (301) to the canonical code of the same situation; any other string
is the friendly 404.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from catalog.rules import codes
from catalog.rules.answers import COUNTRY_CODES, Answers, normalise
from catalog.snapshot import Content, Notice
from catalog.web.content import loaded_content
from catalog.web.links import result_url


@dataclass(frozen=True)
class Pinned:
    """What a valid code pins: the answers and the notice version they are checked against."""

    code: str
    answers: Answers
    notice: Notice
    content: Content

    def notice_context(self) -> dict:
        """The newer notice version, if any, and the way to check again against it (the pages
        show it only when there is one)."""
        current = self.content.current
        if current.effective <= self.notice.effective:
            return {"newer_notice": None, "recheck_url": ""}
        return {"newer_notice": current, "recheck_url": result_url(self.answers)}


def _resolve(code: str, content: Content) -> Pinned | str | None:
    """What a code pins; or the canonical code to redirect to (an old format, a lenient
    spelling); or None for any string we would not make."""
    spelled = codes.respell(code)
    try:
        answers, notice_code_id = codes.decode(spelled)
    except codes.InvalidCode:
        return None
    notice = content.by_code_id(notice_code_id)
    if notice is None or answers.country not in COUNTRY_CODES:
        return None
    normal = normalise(answers, notice)
    if spelled[0] == str(codes.FORMAT_VERSION) and normal != answers:
        return None  # a current-format code that encode never made
    canonical = codes.encode(normal, notice_code_id)
    return canonical if canonical != code else Pinned(code, normal, notice, content)


def pinned(view: Callable[[HttpRequest, Pinned], HttpResponse]) -> Callable:
    """Give the view what the URL's code pins; redirect old or lenient spellings to the canonical
    code (same view, 301; 308 for a POST); any other string is the friendly 404, in the URL's
    language."""

    @wraps(view)
    def with_code(request: HttpRequest, code: str, **kwargs) -> HttpResponse:
        resolved = _resolve(code, loaded_content())
        if resolved is None:
            return render(request, "catalog/bad_code.html", {"error_page": True}, status=404)
        if isinstance(resolved, str):
            name = request.resolver_match.view_name if request.resolver_match else None
            target = reverse(name or "catalog:shared-result", kwargs={"code": resolved, **kwargs})
            # A POST (the edited letter, to letter.txt) is moved with its body (308): after a 301
            # the browser would GET the generated letter, and the visitor's edits would be lost.
            return HttpResponsePermanentRedirect(target, preserve_request=request.method == "POST")
        return view(request, resolved, **kwargs)

    return with_code
