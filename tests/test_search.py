"""Search normalisation (pure) and the catalog search over the real content (both languages)."""

import pytest

from catalog import catalog_data
from catalog.catalog_data import (
    MAX_QUERY_LENGTH,
    ItemRows,
    SearchQuery,
    diff_items,
    fold,
    matches,
    query_terms,
)

# ---------------------------------------------------------------- pure helpers


def test_fold_removes_accents_and_case():
    assert fold("Données SALARIALES") == "donnees salariales"
    assert fold("Élément, Œuvre, straße") == "element, œuvre, strasse"


def test_query_terms_drop_markup_and_punctuation():
    assert query_terms("<script>alert('x')</script>") == ["script", "alert", "x", "script"]
    assert query_terms("' OR 1=1 --") == ["or", "1", "1"]
    assert query_terms("   ") == []


def test_matches_word_prefixes_not_inner_letters():
    assert matches(["ip"], ["IP address and location data"])
    assert not matches(["ip"], ["Participation in events"])
    assert matches(["photo"], ["Name and photos"])


def test_matches_needs_every_term():
    assert matches(["adresse", "ip"], ["Adresse IP et données de localisation"])
    assert not matches(["adresse", "photo"], ["Adresse IP et données de localisation"])


def test_matches_nothing_without_terms():
    assert not matches([], ["anything"])


def test_salaire_matches_the_french_adjective_through_a_synonym():
    assert matches(["salaire"], ["Données salariales"])
    assert matches(["salaire"], ["Salary data"])


def test_a_long_query_is_cut_and_says_so():
    query = SearchQuery.from_raw("a" * 3000)
    assert len(query.text) == MAX_QUERY_LENGTH
    assert query.truncated


def test_a_short_query_is_kept_whole_and_trimmed():
    query = SearchQuery.from_raw("  photo  ")
    assert query == SearchQuery("photo", truncated=False)


# ---------------------------------------------------------------- notice changes


def test_diff_items_reports_added_removed_and_rows_changed():
    older = [ItemRows("a", "A", ("train",)), ItemRows("b", "B", ("safety",))]
    newer = [ItemRows("a", "A", ("train", "features")), ItemRows("c", "C", ())]
    changes = diff_items(older, newer)
    assert [item.slug for item in changes.added] == ["c"]
    assert [item.slug for item in changes.removed] == ["b"]
    assert [(c.item.slug, c.before, c.after) for c in changes.rows_changed] == [
        ("a", ("train",), ("train", "features"))
    ]
    assert changes


def test_diff_items_of_identical_versions_is_empty():
    items = [ItemRows("a", "A", ("train",))]
    assert not diff_items(items, items)


# ---------------------------------------------------------------- over the real content

with_db = pytest.mark.django_db


def found(text: str) -> tuple[set[str], set[str]]:
    results = catalog_data.search(text, catalog_data.current_notice())
    return {item.slug for item in results.items}, {e.slug for e in results.exclusions}


@with_db
@pytest.mark.parametrize("text", ["IP", "ip", "adresse ip", "Adresse IP"])
def test_ip_finds_the_ip_address_item(text):
    items, _ = found(text)
    assert items == {"ip-address"}


@with_db
@pytest.mark.parametrize("text", ["CV", "cv", "resume", "Résumés"])
def test_cv_finds_saved_resumes_in_either_language(text):
    items, _ = found(text)
    assert "resumes" in items


@with_db
@pytest.mark.parametrize("text", ["salaire", "Salaire", "salary", "SALARIALES"])
def test_salary_words_find_the_salary_exclusion(text):
    _, exclusions = found(text)
    assert "salary" in exclusions


@with_db
def test_photo_finds_name_and_photo_in_french_and_english():
    assert "name-photo" in found("photo")[0]
    assert "name-photo" in found("PHOTO")[0]


@with_db
def test_category_names_match_their_items():
    items, _ = found("données techniques")
    assert items == {"ip-address", "device", "cookie-identifiers"}


@with_db
def test_accents_are_optional():
    assert found("donnees de verification") == found("Données de vérification")
    assert found("donnees de verification")[0]


@with_db
def test_only_the_current_notice_items_are_found():
    results = catalog_data.search("photo", catalog_data.current_notice())
    assert {item.notice.slug for item in results.items} == {"2026-08-21"}


@with_db
@pytest.mark.parametrize("text", ["", "   ", "<>", "zzzzzz", "<script>zzz</script>"])
def test_queries_without_a_match_find_nothing(text):
    assert found(text) == (set(), set())
