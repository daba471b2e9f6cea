"""Atom feeds: the public corrections log (Django's syndication framework; kept per version),
and a feed per result (/r/<code>/feed/) that follows it through newer notice versions and
corrections, written directly (web/atom.py) since it is worked out on every request from the
loaded content. Nothing is stored about a follower: the feed's address carries only the
result's code.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.sax.saxutils import escape as escape_xml

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import http_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override
from django.views.decorators.http import require_safe

from catalog.i18n import gettext as _
from catalog.present import letter, sharing, summary
from catalog.present.pages import ChangeEntry, changes_log
from catalog.rules import codes
from catalog.rules.answers import normalise
from catalog.rules.assessment import Assessment, assess
from catalog.snapshot import NOTICE, Content, Correction, Notice
from catalog.web import atom
from catalog.web.content import loaded_content
from catalog.web.links import correction_url, shared_result_url
from catalog.web.short_links import Pinned, pinned


class ChangesFeed(Feed):
    """/{lang}/changes/feed/: notice versions and content corrections, newest first."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Changes and corrections · LinkedIn, your data and AI")

    def subtitle(self) -> str:
        return _("New versions of LinkedIn's notice and every correction of this site's content.")

    def link(self) -> str:
        return reverse("catalog:changes")

    def items(self) -> list[ChangeEntry]:
        return changes_log(loaded_content())

    def item_title(self, entry: ChangeEntry) -> str:
        if entry.notice:
            return str(entry.notice.title)
        return _("Correction: %(title)s") % {"title": entry.correction.title}

    def item_description(self, entry: ChangeEntry) -> str:
        # Atom's summary is HTML: the content's plain text is escaped.
        return escape(str(entry.notice.changes if entry.notice else entry.correction.summary))

    def item_link(self, entry: ChangeEntry) -> str:
        if entry.notice:
            return reverse("catalog:notice", args=[entry.notice.slug])
        return correction_url(entry.correction.slug)

    def item_pubdate(self, entry: ChangeEntry) -> datetime:
        return datetime.combine(entry.date, time(0, 0), tzinfo=UTC)

    item_updateddate = item_pubdate


# ---------------------------------------------------------------- following one result


@dataclass(frozen=True)
class Version:
    """A result's answers assessed against one notice version."""

    notice: Notice
    assessment: Assessment

    @property
    def code(self) -> str:
        return codes.encode(self.assessment.answers, self.notice.code_id)


def _statuses(assessment: Assessment) -> dict[str, str]:
    return {category.slug: category.status for category in assessment.categories}


def _periods(assessment: Assessment) -> tuple:
    region = assessment.region
    return region.slug, tuple(
        (
            period.start,
            period.end,
            period.start_approximate,
            period.end_approximate,
            period.announced,
        )
        for period in region.periods
    )


def _letters(assessment: Assessment) -> tuple[str, ...]:
    """The letter in both languages, less the notice version it names (each version renames it)."""
    letters = []
    for language in ("en", "fr"):
        with override(language):
            document = letter.route(assessment).document
        letters.append(letter.objection_letter(assessment, language).replace(document, ""))
    return tuple(letters)


def _changed(before: Assessment, after: Assessment) -> bool:
    return (
        _statuses(before) != _statuses(after)
        or _periods(before) != _periods(after)
        or _letters(before) != _letters(after)
    )


def result_versions(pin: Pinned) -> list[tuple[Version, Version | None]]:
    """The result against its own notice version, then against each later version that changes
    a category's status, the region's training periods or the letter: (version, the one before).
    """
    notices = pin.content.notices  # oldest first
    start = next(i for i, notice in enumerate(notices) if notice.code_id == pin.notice.code_id)
    versions = [
        Version(notice, assess(normalise(pin.answers, notice), notice))
        for notice in notices[start:]
    ]
    kept: list[tuple[Version, Version | None]] = [(versions[0], None)]
    kept += [
        (after, before)
        for before, after in zip(versions, versions[1:], strict=False)
        if _changed(before.assessment, after.assessment)
    ]
    return kept


@dataclass(frozen=True)
class ResultEntry:
    day: date
    title: str
    description: SafeString  # HTML (Atom's summary type="html")
    link: str  # a path; the framework adds the domain
    guid: str  # an absolute IRI, unique in the feed and stable across requests


def _paragraphs(texts: Iterable[str]) -> SafeString:
    return format_html_join("", "<p>{}</p>", ((text,) for text in texts if text))


def _list(lines: Iterable[str]) -> SafeString:
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((x,) for x in lines)))


def _periods_line(assessment: Assessment) -> str:
    periods = summary.region_periods_text(assessment.region)
    return _("Training periods where you live: %(periods)s.") % {"periods": periods}


def _status_label(status: str) -> str:
    return str(summary.STATUSES[status].label)


def _version_entry(version: Version, before: Version | None, followed: str) -> ResultEntry:
    assessment = version.assessment
    headline = summary.headline(assessment)
    checked = sharing.document_label(assessment) + "."
    day = summary.day(version.notice.effective)
    if before is None:
        title = _("Your result as of %(date)s") % {"date": day}
        notice, language = version.notice, get_language()
        lines = (
            notice.kept(
                ("result-feed status line", language, category.slug, category.status),
                lambda category=category: format_html(
                    "<li>{}</li>",
                    _("%(category)s: %(status)s")
                    % {"category": category.name, "status": _status_label(category.status)},
                ),
            )
            for category in assessment.categories
        )
        periods = notice.kept(
            ("result-feed periods", language, assessment.region.slug),
            lambda: _paragraphs([_periods_line(assessment)]),
        )
        description = (
            _paragraphs([headline.title, checked])
            + format_html("<ul>{}</ul>", mark_safe("".join(lines)))
            + periods
        )
    else:
        title = _("Your result changes from %(date)s") % {"date": day}
        old = _statuses(before.assessment)
        lines = [
            _("%(category)s: “%(before)s”, now “%(after)s”.")
            % {
                "category": category.name,
                "before": _status_label(old[category.slug]),
                "after": _status_label(category.status),
            }
            for category in assessment.categories
            if old.get(category.slug) != category.status
        ]
        if _periods(before.assessment) != _periods(assessment):
            lines.append(_periods_line(assessment))
        if _letters(before.assessment) != _letters(assessment):
            lines.append(_("Your letter to LinkedIn changes: prepare it again from the result."))
        if assessment.region.document == NOTICE:
            intro = _("Worked out against the %(title)s, this result changes:") % {
                "title": version.notice.title
            }
        else:  # the European notice does not apply: "Checked against" below names the policy
            intro = _("What changes:")
        description = _paragraphs([intro])
        description += _list(lines) + _paragraphs([headline.title, checked])
    return ResultEntry(
        day=version.notice.effective,
        title=title,
        description=description,
        link=shared_result_url(version.code),
        guid=f"{followed}#notice-{version.notice.slug}",
    )


# What the feed says of each correction is the same in every result's feed but for the followed
# result's address: written once per version, language and host, with these in its place.
_FOLLOWED_ID, _FOLLOWED_LINK = "\ue000followed-id\ue000", "\ue000followed-link\ue000"


def _correction_entries(content: Content, request: HttpRequest) -> list[tuple[Correction, str]]:
    """Each correction's entry (atom.entry_xml), kept with the content's current version."""
    key = ("result-feed corrections", get_language(), request.scheme, request.get_host())
    return content.current.kept(key, lambda: _write_correction_entries(content, request))


def _write_correction_entries(
    content: Content, request: HttpRequest
) -> list[tuple[Correction, str]]:
    said = _(
        "This correction of the site's content may change this result: a correction does not "
        "say which results it changes. The link to the result shows it as corrected."
    )
    return [
        (
            correction,
            atom.entry_xml(
                atom.Entry(
                    title=_("Correction: %(title)s") % {"title": correction.title},
                    link=request.build_absolute_uri(correction_url(correction.slug)),
                    day=correction.date,
                    id=f"{_FOLLOWED_ID}#correction-{correction.slug}",
                    summary=_paragraphs([said, str(correction.summary)])
                    + format_html(
                        '<p><a href="{}">{}</a></p>', _FOLLOWED_LINK, _("Open this result")
                    ),
                )
            ),
        )
        for correction in content.corrections
    ]


def result_entries(pin: Pinned, request: HttpRequest) -> list[tuple[date, str]]:
    """The feed's entries (day, entry XML), newest first: the result against its own notice
    version, each later version that changes it, and each correction dated on or after its
    version took effect (a correction does not say which results it changes, so its entry says
    it may)."""
    followed = request.build_absolute_uri(shared_result_url(pin.code))
    entries = []
    for version, before in result_versions(pin):
        entry = _version_entry(version, before, followed)
        xml = atom.entry_xml(
            atom.Entry(
                title=entry.title,
                link=request.build_absolute_uri(entry.link),
                day=entry.day,
                id=entry.guid,
                summary=entry.description,
            )
        )
        entries.append((entry.day, True, xml))
    as_id, as_link = escape_xml(followed), escape_xml(escape(followed))
    for correction, xml in _correction_entries(pin.content, request):
        if correction.date >= pin.notice.effective:
            xml = xml.replace(_FOLLOWED_ID, as_id).replace(_FOLLOWED_LINK, as_link)
            entries.append((correction.date, False, xml))
    # Newest first; on one day, a notice version before the corrections made for it.
    entries.sort(key=lambda entry: entry[:2], reverse=True)
    return [(day, xml) for day, _is_version, xml in entries]


@require_safe
@pinned
def result_feed(request: HttpRequest, pin: Pinned) -> HttpResponse:
    """/{lang}/r/<code>/feed/: what newer notice versions and corrections do to one result.
    Old and lenient spellings of the code redirect to the canonical feed, like the other
    short-link routes; any other string is the friendly 404."""
    entries = result_entries(pin, request)
    updated = atom.timestamp(max(day for day, _xml in entries))
    body = atom.feed_xml(
        language=get_language(),
        title=_("Follow this result · LinkedIn, your data and AI"),
        link=request.build_absolute_uri(shared_result_url(pin.code)),
        feed_url=request.build_absolute_uri(request.path),
        subtitle=_(
            "An entry whenever a newer version of LinkedIn's notice or a correction of this "
            "site changes this result, or may change it. The feed's address holds only the "
            "result's code: nothing about you is stored."
        ),
        updated=updated,
        entries=(xml for _day, xml in entries),
    )
    response = HttpResponse(body, content_type=atom.CONTENT_TYPE)
    response["Last-Modified"] = http_date(updated.timestamp())
    return response
