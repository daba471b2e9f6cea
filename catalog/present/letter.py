"""The objection letter and its route: plain text, in French or English, by the visitor's region.

Which law a letter invokes follows the region's objection route (CONTENT.md, "Which document
governs a visitor, and how to object"):

- ``gdpr`` (EU/EEA): GDPR article 21(1), to LinkedIn Ireland Unlimited Company, through the Data
  Processing Objection Form (N25 l.168: "complete our Data Processing Objection Form").
- ``uk-gdpr`` (UK): UK GDPR article 21(1), to LinkedIn Corporation (N25 "Data Controller"), same
  form.
- ``fadp`` (Switzerland): the Swiss Federal Act on Data Protection, art. 30 para. 2 let. b
  (processing against the data subject's express wishes is a breach of personality rights) and
  art. 31 para. 1 (unlawful unless justified by consent, an overriding interest or the law), to
  LinkedIn Ireland Unlimited Company, same form.
- ``policy`` (Canada, Hong Kong, the US, everywhere else): a request under LinkedIn's global Privacy
  Policy in its own words (PPG25 l.377 "You can ask us to stop using all or some of your personal
  data", l.415 "where we rely on legitimate interests, you have the right to object"), to LinkedIn
  Corporation, through the help page PPG25 l.377 links. Never the GDPR, never an article.

In Europe the letter objects to the AI uses of three notice rows, named as the notice names them
(assessment.row_uses): "Our AI features generally" (ai-general), "To improve LinkedIn's products
and Services generally" (improve) and safety and security (safety), each with the visitor's
categories the row lists. The safety objection is narrow: only training and improving AI systems
on the member's data for those purposes (N25 l.63), not the detection of harmful content. It also
objects to the rows the "Data for Generative AI Improvement" setting covers (training
content-generating AI; in the UK, sharing with Microsoft for its AI training). Outside Europe the
notice does not apply: the letter lists the global policy's AI uses (assessment.policy_uses).

Legal texts read before citing them (Nov 2026): GDPR art. 21(1), 18(1)(d), 12(3) (EU text); UK
GDPR art. 12(3) as amended, which now runs to "the applicable time period (see Article 12A)"
rather than one month, so the UK letter says that and cites no article for restriction (the UK
text of art. 18(1)(d) was not read); FADP art. 30 para. 2 let. b and art. 31 para. 1 (English and
French). Plain data in, text out: no request, no ORM.
"""

from dataclasses import dataclass
from datetime import date
from typing import Final

from django.utils.translation import get_language, override

from catalog.i18n import gettext
from catalog.rules.assessment import Assessment, RowUse
from catalog.rules.dates import day
from catalog.snapshot import Notice, Region, Row

GDPR: Final = "gdpr"
UK_GDPR: Final = "uk-gdpr"
FADP: Final = "fadp"
POLICY: Final = "policy"
EUROPE: Final = (GDPR, UK_GDPR, FADP)  # the routes through the notice and its objection form

OBJECTION_FORM_URL: Final = "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"  # N25 l.168
POLICY_HELP_URL: Final = "https://www.linkedin.com/help/linkedin/answer/a1338610"  # PPG25 l.377
POLICY_EFFECTIVE: Final = date(2025, 11, 3)  # PPG25: "Effective November 3, 2025"

# The notice rows the letter objects to, in the letter's order (G, I, S).
OBJECTED_ROWS: Final = ("ai-general", "improve", "safety")


@dataclass(frozen=True)
class LetterRoute:
    """How a visitor objects, in the active language: what the result page shows beside it."""

    objection: str  # Region.objection: gdpr, uk-gdpr, fadp or policy
    basis: str  # the legal basis invoked, e.g. "Right to object, GDPR article 21(1)"
    controller: str  # who the letter is addressed to
    channel: str  # where to send it, e.g. "LinkedIn's Data Processing Objection Form"
    url: str
    document: str  # the notice or policy the letter refers to, with its effective date
    grounds: bool  # the law asks for grounds relating to the visitor's particular situation


def _basis(objection: str) -> str:
    return {
        GDPR: gettext("Right to object, GDPR article 21(1)"),
        UK_GDPR: gettext("Right to object, UK GDPR article 21(1)"),
        FADP: gettext(
            "Express objection, Swiss Federal Act on Data Protection (FADP), art. 30 para. 2 let. b"
        ),
        POLICY: gettext("Request under LinkedIn's global Privacy Policy"),
    }[objection]


def _notice_label(notice: Notice) -> str:
    """The notice's title with its effective date (added unless the title already holds it)."""
    title = str(notice.title)
    effective = day(notice.effective)
    if effective in title:
        return title
    return gettext("%(title)s, effective %(date)s") % {"title": title, "date": effective}


def _policy_label() -> str:
    return gettext("LinkedIn Privacy Policy, effective %(date)s") % {"date": day(POLICY_EFFECTIVE)}


def _objection(region: Region) -> str:
    if region.objection not in (*EUROPE, POLICY):
        raise ValueError(f"unknown objection route {region.objection!r} for region {region.slug!r}")
    return region.objection


def route(assessment: Assessment) -> LetterRoute:
    """The visitor's objection route, in the active language: worked out once per notice
    version, language and region (it depends on nothing else), and kept with the version."""
    region, notice = assessment.region, assessment.notice
    return notice.kept((LetterRoute, get_language(), region.slug), lambda: _route(notice, region))


def _route(notice: Notice, region: Region) -> LetterRoute:
    objection = _objection(region)
    if objection == POLICY:
        return LetterRoute(
            objection=objection,
            basis=_basis(objection),
            controller=region.controller,
            channel=gettext("LinkedIn Help: “Object to, or Limit or Restrict, Use of Data”"),
            url=POLICY_HELP_URL,
            document=_policy_label(),
            grounds=False,
        )
    return LetterRoute(
        objection=objection,
        basis=_basis(objection),
        controller=region.controller,
        channel=gettext("LinkedIn's Data Processing Objection Form"),
        url=OBJECTION_FORM_URL,
        document=_notice_label(notice),
        grounds=objection in (GDPR, UK_GDPR),
    )


# ---------------------------------------------------------------- the letter's parts


def _subject(objection: str) -> str:
    return {
        GDPR: gettext(
            "Subject: objection to the processing of my personal data for artificial "
            "intelligence (GDPR, article 21)"
        ),
        UK_GDPR: gettext(
            "Subject: objection to the processing of my personal data for artificial "
            "intelligence (UK GDPR, article 21)"
        ),
        FADP: gettext(
            "Subject: objection to the processing of my personal data for artificial "
            "intelligence (Swiss Federal Act on Data Protection)"
        ),
        POLICY: gettext(
            "Subject: request to stop using my personal data for artificial intelligence"
        ),
    }[objection]


def _opening(objection: str) -> str:
    return {
        GDPR: gettext(
            "Under article 21(1) of the General Data Protection Regulation (GDPR), I object, on "
            "grounds relating to my particular situation, to the processing of my personal data "
            "that you base on your legitimate interests, for the following purposes described in "
            "your privacy notice:"
        ),
        UK_GDPR: gettext(
            "Under article 21(1) of the UK General Data Protection Regulation (UK GDPR), I "
            "object, on grounds relating to my particular situation, to the processing of my "
            "personal data that you base on your legitimate interests, for the following "
            "purposes described in your privacy notice:"
        ),
        FADP: gettext(
            "I expressly object to the processing of my personal data for the following "
            "purposes described in your privacy notice:"
        ),
    }[objection]


def _purpose(slug: str) -> str:
    """What the letter objects to in each row: the row's AI use, in the row's own terms."""
    return {
        "ai-general": gettext(
            "the automatic processing of my data as an input for AI-powered features."
        ),
        "improve": gettext(
            "the training, pre-training, fine-tuning, evaluation and improvement, on my data, of "
            "AI systems such as those for content classification, trust and safety enforcement "
            "and security threat detection, and the use of my feedback to improve, correct or "
            "modify your generative AI features."
        ),
        "safety": gettext(
            "only the training and improvement of your AI systems on my data for these trust and "
            "security-related purposes. I do not object to the detection and prevention of "
            "harmful content, nor to the other safety and security purposes described there."
        ),
    }[slug]


def row_heading(row: Row) -> str:
    """The row's heading as the notice publishes it (in English), quoted; in a French letter,
    followed by our translation in brackets, so that no translation reads as a quote."""
    quoted = gettext("“%(row)s”") % {"row": row.name.en}
    translation = str(row.name)
    return quoted if translation == row.name.en else f"{quoted} ({translation})"


def _row_line(row: Row) -> str:
    return gettext("%(row)s: %(purpose)s") % {
        "row": row_heading(row),
        "purpose": _purpose(row.slug),
    }


def _row_item(use: RowUse, line: str, language: str) -> str:
    """An objected row's item: `line` (_row_line), then the visitor's data the row names."""
    if use.categories:
        names = ", ".join(name.in_language(language) for name in use.categories)
        line += "\n  " + (
            gettext("Data of mine that your notice lists for this purpose: %(categories)s.")
            % {"categories": names}
        )
    return f"- {line}"


def _objected_uses(assessment: Assessment) -> list[RowUse]:
    """The visitor's uses of the objected rows that apply in the region, in G, I, S order."""
    by_slug = {use.row.slug: use for use in assessment.row_uses}
    return [by_slug[slug] for slug in OBJECTED_ROWS if slug in by_slug]


def _setting_rows(notice: Notice, region: Region) -> list[Row]:
    """The notice rows the "Data for Generative AI Improvement" setting covers in the region."""
    return [row for row in notice.rows if row.setting and row.applies_in(region)]


def _setting_status(assessment: Assessment) -> str:
    if assessment.answers.setting == "off":
        return gettext("I have switched this setting off.")
    return gettext("I am switching this setting off.")


def _setting_objection(notice: Notice, region: Region) -> str:
    rows = _setting_rows(notice, region)
    if not rows:
        return gettext(
            "I also object to the use of the data and content I provided to train "
            "content-generating AI models, which the “Data for Generative AI Improvement” "
            "setting covers."
        )
    return (
        gettext(
            "I also object to the use of the data and content I provided for the following "
            "purposes, which the “Data for Generative AI Improvement” setting covers:"
        )
        + "\n"
        + "\n".join("- " + row_heading(row) for row in rows)
    )


def _grounds(objection: str) -> str:
    heading = {
        GDPR: gettext("Grounds relating to my particular situation (GDPR, article 21(1)):"),
        UK_GDPR: gettext("Grounds relating to my particular situation (UK GDPR, article 21(1)):"),
    }[objection]
    return (
        heading
        + "\n"
        + gettext(
            "[TO COMPLETE: explain here, in your own words, why this processing affects you "
            "in your particular situation, for example your profession, the confidential "
            "nature of what you publish or exchange, or a risk to you or to others.]"
        )
    )


def _optional_reasons() -> str:
    return gettext(
        "[OPTIONAL: if you wish, explain here, in your own words, why this use of your data "
        "affects you in particular.]"
    )


def _consequences(objection: str) -> str:
    return {
        GDPR: gettext(
            "Under article 21(1) of the GDPR, you may no longer process my personal data for "
            "these purposes unless you demonstrate compelling legitimate grounds for the "
            "processing which override my interests, rights and freedoms, or for the "
            "establishment, exercise or defence of legal claims. Until you have answered, I ask "
            "you to restrict this processing (GDPR, article 18(1)(d)). Please tell me what "
            "action you have taken on this objection without undue delay and in any event "
            "within one month of receiving it (GDPR, article 12(3))."
        ),
        UK_GDPR: gettext(
            "Under article 21(1) of the UK GDPR, you may no longer process my personal data for "
            "these purposes unless you demonstrate compelling legitimate grounds for the "
            "processing which override my interests, rights and freedoms, or for the "
            "establishment, exercise or defence of legal claims. Until you have answered, I ask "
            "you to restrict this processing. Please tell me what action you have taken on this "
            "objection without undue delay and in any event before the end of the applicable "
            "time period (UK GDPR, articles 12(3) and 12A)."
        ),
        FADP: gettext(
            "Under the Swiss Federal Act on Data Protection (FADP), processing personal data "
            "against the express wishes of the data subject is a breach of personality rights "
            "(art. 30 para. 2 let. b FADP), which is unlawful unless it is justified by the "
            "consent of the data subject, by an overriding private or public interest, or by law "
            "(art. 31 para. 1 FADP). I do not consent to this processing. Please stop it and tell "
            "me what action you have taken on this objection."
        ),
    }[objection]


def _signature() -> str:
    return "\n".join(
        [
            gettext("Yours faithfully,"),
            "",
            gettext("[Your name]"),
            gettext("[The email address of your LinkedIn account]"),
            gettext("[Date]"),
        ]
    )


def _heading(region: Region, objection: str) -> list[str]:
    return [
        _subject(objection),
        gettext("To %(controller)s, controller of my personal data")
        % {"controller": region.controller},
        gettext("Dear Sir or Madam,"),
    ]


@dataclass(frozen=True)
class _Frame:
    """What a letter says whoever sends it, in one language and region. Between its parts go
    the visitor's own: after `opening`, the data of theirs each objected row names; after
    `setting`, whether they have switched the setting off."""

    head: tuple[str, ...]
    opening: str  # before the objected rows (Europe only: elsewhere there are none)
    rows: dict[str, str]  # each objected row's line (_row_line), by its slug
    setting: str
    tail: tuple[str, ...]


def _europe_frame(notice: Notice, region: Region, objection: str) -> _Frame:
    return _Frame(
        head=tuple(_heading(region, objection)),
        opening=_opening(objection),
        rows={row.slug: _row_line(row) for row in notice.rows if row.slug in OBJECTED_ROWS},
        setting=_setting_objection(notice, region),
        tail=(
            _grounds(objection) if objection != FADP else _optional_reasons(),
            _consequences(objection),
            gettext(
                "I am sending this objection through your Data Processing Objection Form: %(url)s"
            )
            % {"url": OBJECTION_FORM_URL},
            gettext("Notice referred to: %(notice)s.") % {"notice": _notice_label(notice)},
            _signature(),
        ),
    )


def _policy_frame(region: Region) -> _Frame:
    # The uses in the letter's own voice (the page's summaries address the visitor, not LinkedIn).
    request = gettext(
        "I ask you to stop using my personal data for the following uses of artificial "
        "intelligence, described in your Privacy Policy and in LinkedIn Help:"
    ) + "".join(
        "\n- " + use
        for use in (
            gettext(
                "developing and training artificial intelligence (AI) models, as section 2 of "
                "your Privacy Policy (“How We Use Your Data”) describes;"
            ),
            gettext(
                "sharing my publicly-shared content with your Affiliates, including Microsoft, "
                "to provide or develop their services (section 3.4);"
            ),
            gettext(
                "training AI models used for security, safety or anti-abuse purposes on my data, "
                "which the “Data for Generative AI Improvement” setting does not cover."
            ),
        )
    )
    request += "\n" + gettext(
        "Where these uses concern safety or security, I am not asking you to stop detecting or "
        "preventing harmful content, fraud or abuse: only to stop training and improving AI "
        "models on my data for those purposes."
    )
    return _Frame(
        head=(
            *_heading(region, POLICY),
            gettext(
                "Your Privacy Policy says: “You can ask us to stop using all or some of your "
                "personal data” and “where we rely on legitimate interests, you have the right to "
                "object”. I am making that request; where you rely on legitimate interests, it is "
                "also my objection."
            ),
            request,
        ),
        opening="",
        rows={},
        setting=gettext(
            "I also ask that the data and content I provided not be used to train "
            "content-generating AI models, which the “Data for Generative AI Improvement” "
            "setting covers."
        ),
        tail=(
            _optional_reasons(),
            gettext("Please tell me what action you have taken on this request."),
            gettext(
                "I am sending this request through your help page “Object to, or Limit or "
                "Restrict, Use of Data”: %(url)s"
            )
            % {"url": POLICY_HELP_URL},
            gettext("Privacy Policy referred to: %(policy)s.") % {"policy": _policy_label()},
            _signature(),
        ),
    )


def _frame(notice: Notice, region: Region, objection: str) -> _Frame:
    if objection == POLICY:
        return _policy_frame(region)
    return _europe_frame(notice, region, objection)


def objection_letter(assessment: Assessment, language: str) -> str:
    """The letter in `language` ("fr" or "en") for the visitor's region, ready to paste and edit.

    Placeholders in square brackets: the visitor's name, account e-mail, date and, where the law
    asks for them (GDPR and UK GDPR article 21(1)), the grounds relating to their situation.
    What does not depend on the visitor is written once per notice version, language and
    region, and kept with the version.
    """
    notice, region = assessment.notice, assessment.region
    objection = _objection(region)  # an unknown route is an error, not another region's letter
    with override(language):
        frame = notice.kept(
            (_Frame, language, region.slug), lambda: _frame(notice, region, objection)
        )
        parts = list(frame.head)
        uses = _objected_uses(assessment)
        if uses:  # every notice version has G, I and S; without them the letter objects to T only
            items = (_row_item(use, frame.rows[use.row.slug], language) for use in uses)
            parts.append(frame.opening + "\n" + "\n".join(items))
        parts.append(frame.setting + "\n" + _setting_status(assessment))
        parts += frame.tail
    return "\n\n".join(parts) + "\n"
