"""What a shared result says about itself: preview title and description, and the card's text.

Plain Python over an Assessment (no request, no ORM); text in the active language. A shared
result is read by someone who did not answer: it speaks in the third person ("a member in France
whose setting is on…"), like the short link's page (summary.Voice.THIRD).
"""

from catalog.i18n import gettext, ngettext
from catalog.present.card import CardLine, CardText
from catalog.present.letter import route
from catalog.present.summary import STATUSES, Voice, headline
from catalog.rules.assessment import IN_SCOPE, PAST_ONLY, Assessment


def share_title(assessment: Assessment) -> str:
    """The preview title and the card's headline: the shared result's own headline."""
    return headline(assessment, Voice.THIRD).title


def description(assessment: Assessment) -> str:
    """The preview description: which kinds are concerned now and before, and the version."""
    names = {
        status: ", ".join(str(c.name) for c in assessment.categories if c.status == status)
        for status in (IN_SCOPE, PAST_ONLY)
    }
    parts = []
    if names[IN_SCOPE]:
        parts.append(
            gettext("This member's data LinkedIn may use from now on: %(names)s.")
            % {"names": names[IN_SCOPE]}
        )
    if names[PAST_ONLY]:
        parts.append(
            gettext("This member's data LinkedIn may have used before, not from now on: %(names)s.")
            % {"names": names[PAST_ONLY]}
        )
    if not parts:
        parts.append(
            gettext("This member's data is not used to train LinkedIn's content-generating AI.")
            if not assessment.minor
            else ngettext(
                "LinkedIn says it does not use this member's data (%(n)s kind of data).",
                "LinkedIn says it does not use this member's data (%(n)s kinds of data).",
                assessment.applicable,
            )
            % {"n": assessment.applicable}
        )
    parts.append(document_label(assessment) + ".")
    return " ".join(parts)


def document_label(assessment: Assessment) -> str:
    """The document the result was worked out against: the notice in Europe, the global policy
    elsewhere, with its effective date."""
    return gettext("Checked against: %(document)s") % {"document": route(assessment).document}


def card_text(assessment: Assessment, site_name: str, link: str) -> CardText:
    """The card of a result: `link` is shown without its scheme, to keep it short."""
    return CardText(
        site_name=site_name,
        headline=share_title(assessment),
        lines=tuple(
            CardLine(
                str(category.name),
                category.status,
                str(STATUSES[category.status].label_in(Voice.THIRD)),
            )
            for category in assessment.categories
        ),
        notice=document_label(assessment),
        link=link.removeprefix("https://").removeprefix("http://"),
    )
