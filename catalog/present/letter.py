"""The objection letter: plain text, in French or English, ready to paste into LinkedIn's form.

It objects under GDPR article 21 to the uses of the notice that the "Data for Generative AI
Improvement" setting does not cover (every row but training), names the visitor's categories that
those rows list, and leaves a marked placeholder for the grounds relating to the visitor's
particular situation, which article 21(1) requires. Plain data in, text out: no request, no ORM.
"""

from collections.abc import Iterable, Sequence
from typing import Final

from django.utils.translation import gettext, override

OBJECTION_FORM_URL: Final = "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"

# The notice's rows (models.ROWS) the setting does not cover, in the order the letter lists them.
OBJECTED_ROWS: Final = ("features", "improve", "safety")


def _purpose(row: str) -> str:
    return {
        "features": gettext("to offer content-generating generative AI features"),
        "improve": gettext(
            "to improve LinkedIn's products and services generally, including training "
            "artificial intelligence used for classification, trust and safety"
        ),
        "safety": gettext("for safety and security, including the automated analysis of my data"),
    }[row]


def objected_rows(item_rows: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """The objected rows that list at least one of the visitor's items, in the letter's order."""
    listed = {row for rows in item_rows for row in rows}
    return tuple(row for row in OBJECTED_ROWS if row in listed)


def objection_letter(
    language: str,
    categories: Sequence[str],
    notice_title: str,
    rows: Sequence[str] = OBJECTED_ROWS,
) -> str:
    """The letter in `language` ("fr" or "en").

    categories: the names (in that language) of the visitor's categories that have items listed
    in the objected rows; rows: which of those rows list them (see objected_rows).
    """
    rows = [row for row in OBJECTED_ROWS if row in rows] or list(OBJECTED_ROWS)
    with override(language):
        parts = [
            gettext("Subject: objection to the processing of my personal data (GDPR, article 21)"),
            gettext("To LinkedIn's Data Protection Officer,"),
            gettext(
                "Under article 21(1) of the General Data Protection Regulation (GDPR), I object "
                "to LinkedIn processing my personal data on the basis of its legitimate interests "
                "for the following purposes, which the “Data for Generative AI Improvement” "
                "setting does not cover:"
            )
            + "\n"
            + "\n".join(f"- {_purpose(row)}" for row in rows),
        ]
        if categories:
            parts.append(
                gettext(
                    "This objection concerns in particular these categories of my data, which "
                    "your privacy notice lists for these purposes:"
                )
                + "\n"
                + "\n".join(f"- {name}" for name in categories)
            )
        parts += [
            gettext("Grounds relating to my particular situation (GDPR, article 21(1)):")
            + "\n"
            + gettext(
                "[TO COMPLETE: explain here, in your own words, why this processing affects you "
                "in your particular situation, for example your profession, the confidential "
                "nature of what you publish or exchange, or a risk to you or to others.]"
            ),
            gettext(
                "You must stop this processing unless you demonstrate compelling legitimate "
                "grounds which override my interests, rights and freedoms. Until you have "
                "answered, I ask you to restrict it (GDPR, article 18(1)(d)). Please tell me "
                "within one month what action you have taken on this objection (GDPR, article "
                "12(3))."
            ),
            gettext(
                "I am sending this objection through your Data Processing Objection Form: %(url)s"
            )
            % {"url": OBJECTION_FORM_URL},
            gettext("Privacy notice referred to: %(notice)s.") % {"notice": notice_title},
            "\n".join(
                [
                    gettext("[Your name]"),
                    gettext("[The email address of your LinkedIn account]"),
                    gettext("[Date]"),
                ]
            ),
        ]
    return "\n\n".join(parts) + "\n"
