"""The objection letter (catalog/present/letter.py): plain text in French or English. No database."""

import pytest

from catalog.present.letter import OBJECTION_FORM_URL, objected_rows, objection_letter

NOTICE_EN = "European Regional Privacy Notice, effective 21 August 2026"
NOTICE_FR = "Avis de confidentialité régional européen, en vigueur le 21 août 2026"


def test_the_english_letter_objects_under_article_21_and_names_the_categories():
    letter = objection_letter("en", ["Profile data", "Inputs to AI tools"], NOTICE_EN)
    assert "article 21(1)" in letter
    assert "legitimate interests" in letter
    assert "- Profile data\n- Inputs to AI tools\n" in letter
    assert NOTICE_EN in letter


def test_the_french_letter_is_in_french_and_names_the_categories():
    letter = objection_letter("fr", ["Données de profil", "Contenu publié"], NOTICE_FR)
    assert "article 21" in letter
    assert "intérêt légitime" in letter or "intérêts légitimes" in letter
    assert "- Données de profil\n- Contenu publié\n" in letter
    assert NOTICE_FR in letter
    english = objection_letter("en", ["Données de profil", "Contenu publié"], NOTICE_FR)
    assert letter != english
    assert "Grounds relating to my particular situation" not in letter


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_letter_links_the_objection_form_and_marks_the_grounds_to_complete(language):
    letter = objection_letter(language, ["x"], "notice")
    assert OBJECTION_FORM_URL == "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"
    assert OBJECTION_FORM_URL in letter
    placeholder = {"en": "[TO COMPLETE:", "fr": "[À COMPLÉTER :"}[language]
    assert letter.count(placeholder) == 1
    assert letter.endswith("\n") and "\r" not in letter


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_letter_lists_only_the_rows_it_is_given_never_training(language):
    every = objection_letter(language, ["x"], "notice")
    only_safety = objection_letter(language, ["x"], "notice", rows=["safety"])
    purposes = [line for line in every.splitlines() if line.startswith("- ") and line != "- x"]
    assert len(purposes) == 3
    assert [line for line in only_safety.splitlines() if line in purposes] == [purposes[2]]
    assert objection_letter(language, ["x"], "notice", rows=["train"]) == every


def test_the_setting_is_named_and_its_training_is_not_objected_to():
    letter = objection_letter("en", ["Profile data"], NOTICE_EN)
    assert "“Data for Generative AI Improvement” setting does not cover" in letter
    assert "To train" not in letter and "to train" not in letter


def test_without_categories_the_letter_still_objects_but_lists_none():
    letter = objection_letter("en", [], NOTICE_EN)
    assert "categories of my data" not in letter
    assert "I object" in letter


def test_objected_rows_keeps_the_rows_other_than_training_that_list_an_item_in_letter_order():
    assert objected_rows([["train", "safety"], ["features"]]) == ("features", "safety")
    assert objected_rows([["train"]]) == ()
    assert objected_rows([["improve", "train"], ["features", "improve", "safety"]]) == (
        "features",
        "improve",
        "safety",
    )
