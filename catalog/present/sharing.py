"""What a shared result says about itself: preview title and description, card text, letter.

Plain Python over an Assessment (no request, no ORM); text in the active language.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext

from catalog.present.card import CardLine, CardText
from catalog.present.letter import objected_rows, objection_letter
from catalog.rules.assessment import USED, Assessment


def status_label(status: str) -> str:
    """A category's status in a few words (card and preview)."""
    return {
        "in-scope": pgettext("status", "May be used for training"),
        "past-only": pgettext("status", "May have been used, no longer"),
        "not-in-scope": pgettext("status", "Not used: you are protected"),
        "not-listed": pgettext("status", "Not listed for training"),
        "not-applicable": pgettext("status", "You have none"),
    }[status]


def headline(assessment: Assessment) -> str:
    """One sentence for the preview title and the card, e.g. "4 of 6 kinds of my LinkedIn …"."""
    return ngettext(
        "%(used)s of %(total)s kind of my LinkedIn data may train LinkedIn's AI",
        "%(used)s of %(total)s kinds of my LinkedIn data may train LinkedIn's AI",
        assessment.applicable,
    ) % {"used": assessment.used, "total": assessment.applicable}


def description(assessment: Assessment) -> str:
    """The preview description: which kinds are concerned, and the notice it was checked against."""
    used = [category.name for category in assessment.categories if category.status in USED]
    if used:
        first = gettext("May train LinkedIn's AI: %(names)s.") % {"names": ", ".join(used)}
    else:
        first = gettext("None of my LinkedIn data is used to train LinkedIn's AI.")
    checked = gettext("Checked against the %(notice)s.") % {"notice": assessment.notice_title}
    return f"{first} {checked}"


def notice_label(effective: date) -> str:
    return gettext("Privacy notice of %(date)s") % {"date": date_format(effective, "j F Y")}


def card_text(assessment: Assessment, effective: date, site_name: str, link: str) -> CardText:
    """The card of a result: `link` is shown without its scheme, to keep it short."""
    return CardText(
        site_name=site_name,
        headline=headline(assessment),
        lines=tuple(
            CardLine(category.name, category.status, status_label(category.status))
            for category in assessment.categories
        ),
        notice=notice_label(effective),
        link=link.removeprefix("https://").removeprefix("http://"),
    )


def letter_categories(assessment: Assessment) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The visitor's categories that the objected rows list (in category order), and those rows."""
    names = {name for use in assessment.other_uses for name in use.categories}
    categories = tuple(c.name for c in assessment.categories if c.name in names)
    rows = objected_rows([use.row] for use in assessment.other_uses if use.categories)
    return categories, rows


def letter(assessment: Assessment, language: str) -> str:
    categories, rows = letter_categories(assessment)
    return objection_letter(language, categories, assessment.notice_title, rows)
