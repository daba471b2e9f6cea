"""A result in two voices (present/summary.py): to the visitor who answered, or, on a shared link,
about "a member in France who…" to whoever opens it. The facts stay; only the person changes."""

import dataclasses
import re

import pytest
from django.utils import translation

from catalog.present import sharing, summary
from catalog.present.summary import (
    STATUSES,
    Voice,
    headline,
    member_situation,
    place,
    result_text,
)
from catalog.rules.answers import Answers
from catalog.rules.assessment import assess

from .situations import every_situation

FR_ON = Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"}))
GB_BEFORE = Answers("GB", "adult", "off", "before", frozenset({"posts"}), "yes")
DE_NEVER = Answers("DE", "adult", "off", "before")
US_MINOR = Answers("US", "minor", member_earlier="unknown")

# Words that address the reader. The English pattern leaves quotations alone: none is produced
# by result_text, whose sentences are all ours.
SECOND_PERSON = {
    "en": re.compile(r"\b(you|your|yours|yourself)\b", re.I),
    "fr": re.compile(r"\b(vous|votre|vos|vôtre|vôtres)\b", re.I),
}


def texts(value) -> list[str]:
    """Every string in a ResultText (its headline's parts and its tables included)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [
            text
            for field in dataclasses.fields(value)
            for text in texts(getattr(value, field.name))
        ]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    return []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_words_of_a_shared_result_address_its_reader(notice, lang):
    situations = every_situation(notice)
    assert len(situations) > 300
    with translation.override(lang):
        for answers in situations:
            text = result_text(assess(answers, notice), Voice.THIRD)
            # The one sentence for the reader: the invitation to check their own situation.
            assert SECOND_PERSON[lang].search(text.restart)
            text = dataclasses.replace(text, restart="")
            for sentence in texts(text) + [sharing.description(assess(answers, notice))]:
                # Only a quotation as published may say "your" ("…to process your data").
                unquoted = re.sub(r"“[^”]*”", "", sentence)
                assert not SECOND_PERSON[lang].search(unquoted), (answers, sentence)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_visitors_own_result_still_talks_to_them(notice, lang):
    with translation.override(lang):
        text = result_text(assess(FR_ON, notice))
    assert text.voice == Voice.SECOND
    assert SECOND_PERSON[lang].search(text.headline.title)
    assert SECOND_PERSON[lang].search(text.place)
    assert SECOND_PERSON[lang].search(text.steps_heading)


COUNT = re.compile(r"(\d+) of (?:your|their|this member's) (\d+) kinds? of data")
PERIODS = re.compile(r"\((from .*?)\), but not from now on")


def test_both_voices_give_the_same_counts_and_periods(notice):
    with translation.override("en"):
        for answers in every_situation(notice, ["FR", "GB", "US"]):
            assessment = assess(answers, notice)
            yours, theirs = headline(assessment), headline(assessment, Voice.THIRD)
            assert COUNT.findall(yours.now) == COUNT.findall(theirs.now)
            assert COUNT.findall(yours.before) == COUNT.findall(theirs.before)
            assert [
                period.replace("you switched", "this member switched")
                for period in PERIODS.findall(yours.before)
            ] == PERIODS.findall(theirs.before)
            assert bool(yours.never) == bool(theirs.never)
            assert (yours.now == yours.title) == (theirs.now == theirs.title)


@pytest.mark.parametrize(
    ("answers", "english", "french"),
    [
        (FR_ON, "in France whose setting is on", "en France dont le réglage est activé"),
        (
            Answers("CA", "adult", "unknown", None, frozenset()),
            "in Canada who does not know whether their setting is on",
            "au Canada qui ne sait pas si son réglage est activé",
        ),
        (
            Answers("BE", "adult", "off", "after", frozenset()),
            "in Belgium who switched the setting off on or after 3 November 2025",
            "en Belgique qui a désactivé le réglage le 3 novembre 2025 ou après",
        ),
        (
            Answers("IE", "adult", "off", "unknown", frozenset()),
            "in Ireland who switched the setting off but does not know when",
            "en Irlande qui a désactivé le réglage, mais ne sait plus quand",
        ),
        (
            Answers("US", "adult", "off", None, frozenset()),
            "in the United States who switched the setting off",
            "aux États-Unis qui a désactivé le réglage",
        ),
        (
            DE_NEVER,
            "in Germany who switched the setting off before 3 November 2025",
            "en Allemagne qui a désactivé le réglage avant le 3 novembre 2025",
        ),
        (
            GB_BEFORE,
            "in the United Kingdom who switched the setting off before 3 November 2025 and had an "
            "account before 20 September 2024",
            "au Royaume-Uni qui a désactivé le réglage avant le 3 novembre 2025 et avait un compte "
            "avant le 20 septembre 2024",
        ),
        (
            Answers("HK", "adult", "off", "before", frozenset(), "no"),
            "in Hong Kong SAR China who switched the setting off before 3 November 2025 and had no "
            "account before 11 October 2024",
            "à Hong Kong qui a désactivé le réglage avant le 3 novembre 2025 et n’avait pas de "
            "compte avant le 11 octobre 2024",
        ),
        (Answers("FR", "minor"), "under 18 in France", "de moins de 18 ans en France"),
        (
            US_MINOR,
            "under 18 in the United States who may have had an account before 3 November 2025",
            "de moins de 18 ans aux États-Unis qui avait peut-être un compte avant le "
            "3 novembre 2025",
        ),
    ],
)
def test_a_shared_result_says_who_it_is_about(notice, answers, english, french):
    assessment = assess(answers, notice)
    with translation.override("en"):
        assert member_situation(assessment) == english
    with translation.override("fr"):
        assert member_situation(assessment) == french


def test_the_third_person_headline_in_english(notice):
    with translation.override("en"):
        on = headline(assess(FR_ON, notice), Voice.THIRD)
        before = headline(assess(GB_BEFORE, notice), Voice.THIRD)
        never = headline(assess(DE_NEVER, notice), Voice.THIRD)
        minor = headline(assess(US_MINOR, notice), Voice.THIRD)
    assert (
        on.title
        == on.now
        == (
            "A member in France whose setting is on: from now on, LinkedIn may use 3 of their 6 "
            "kinds of data to train its content-generating AI."
        )
    )
    assert on.already == (
        "LinkedIn may already have used this data while this member's setting was on. Training "
        "where they live, or possible training: since 3 November 2025."
    )
    assert not before.already and not never.already and not minor.already
    assert before.before == (
        "LinkedIn may have used 2 of this member's 5 kinds of data to train its "
        "content-generating AI before (from 18 September 2024 or earlier to 20 September 2024 at "
        "the latest), but not from now on."
    )
    assert before.title.endswith(
        ": some of their data may have been used before, but not from now on"
    )
    assert never.title == (
        "A member in Germany who switched the setting off before 3 November 2025: their data is "
        "not used to train LinkedIn's content-generating AI"
    )
    assert never.never == (
        "The data and content this member provided are not used to train LinkedIn's "
        "content-generating AI. What others post about this member follows the setting of "
        "whoever posts it."
    )
    assert minor.title.startswith(
        "A member under 18 in the United States who may have had an account before 3 November "
        "2025: LinkedIn says it does not use data of members it believes could be under 18"
    )


def test_the_third_person_headline_in_french(notice):
    with translation.override("fr"):
        on = headline(assess(FR_ON, notice), Voice.THIRD)
        never = headline(assess(DE_NEVER, notice), Voice.THIRD)
        before = headline(assess(GB_BEFORE, notice), Voice.THIRD)
    assert on.title == (
        "Un membre en France dont le réglage est activé\u202f: LinkedIn peut désormais utiliser 3 "
        "des 6 types de données de ce membre pour entraîner son IA de création de contenu."
    )
    assert never.title == (
        "Un membre en Allemagne qui a désactivé le réglage avant le 3 novembre 2025\u202f: ses "
        "données ne servent pas à entraîner l’IA de création de contenu de LinkedIn"
    )
    assert never.never.startswith("Les données et contenus fournis par ce membre ne servent pas")
    assert before.before.startswith("LinkedIn a pu utiliser 2 des 5 types de données de ce membre")


def test_the_place_sentence_in_the_third_person(notice):
    assessment = assess(Answers("GB", "adult", "on"), notice)
    with translation.override("en"):
        assert place(assessment, Voice.THIRD) == (
            "This member lives in the United Kingdom. LinkedIn's European Regional Privacy Notice "
            "applies, and the controller of their data is LinkedIn Corporation."
        )
    with translation.override("fr"):
        assert place(assessment, Voice.THIRD).startswith("Ce membre vit au Royaume-Uni. ")
        assert place(assessment).startswith("Votre pays\u202f: Royaume-Uni. ")  # unchanged


def test_only_the_status_that_says_you_has_a_third_person_label():
    for status in STATUSES.values():
        if status.third is None:
            assert status.label_in(Voice.THIRD) == status.label
    with translation.override("en"):
        assert str(STATUSES["not-applicable"].label_in(Voice.THIRD)) == "This member has none"
    with translation.override("fr"):
        assert str(STATUSES["not-applicable"].label_in(Voice.THIRD)) == "Ce membre n’en a pas"


def test_french_third_person_counts_keep_linkedin_as_the_subject(notice):
    """As in the second person (test_corrections_v2): the plural follows the total, so the count
    is never the subject, and « ses » would read as LinkedIn's: « de ce membre »."""
    with translation.override("fr"):
        for answers in every_situation(notice, ["FR", "GB", "US"]):
            parts = headline(assess(answers, notice), Voice.THIRD)
            for sentence in (parts.now, parts.before):
                if sentence:
                    assert re.search(r"LinkedIn (peut désormais|a pu) utiliser \d+ ", sentence)
                    assert "de ce membre" in sentence


@pytest.mark.django_db
def test_a_kept_training_reason_is_the_one_written_for_the_situation(notice):
    """Training reasons are kept per version, language, voice, region, basis and cutoff: in
    every situation, in both voices and languages, the kept sentence is the one written fresh."""
    for lang in ("en", "fr"):
        with translation.override(lang):
            for answers in every_situation(notice):
                result = assess(answers, notice)
                for voice in Voice:
                    assert summary.training_reason(result, voice) == summary._training_reason(
                        result.training, result.region, voice
                    ), (lang, answers, voice)
