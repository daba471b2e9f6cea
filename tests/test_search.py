"""Search (catalog/present/pages.py): pure normalisation and matching, the search over a notice
version's snapshot in both languages, and the /search/ page with and without htmx.
"""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from catalog.present.pages import (
    MAX_QUERY_LENGTH,
    SYNONYMS,
    SearchQuery,
    diff_items,
    fold,
    matches,
    query_terms,
    search,
)
from catalog.snapshot import Item, Text

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


def test_matches_a_term_in_any_of_the_texts():
    assert matches(["nom", "photo"], ["Name and photo", "Nom et photo"])
    assert matches(["name", "nom"], ["Name and photo", "Nom et photo"])


def test_matches_nothing_without_terms():
    assert not matches([], ["anything"])


def test_salaire_matches_the_french_adjective_and_english_through_a_synonym():
    assert matches(["salaire"], ["Données salariales"])
    assert matches(["salaire"], ["Salary data"])
    assert not matches(["salaire"], ["Données de profil"])


def test_a_term_with_synonyms_still_matches_itself():
    assert matches(["salaire"], ["SALAIRE"]) and matches(["salaires"], ["Grille des salaires"])


def test_courriel_matches_e_mail():
    assert matches(["courriel"], ["Adresse e-mail professionnelle"])


@given(st.text(max_size=60))
def test_a_text_always_matches_its_own_words(text):
    terms = query_terms(text)
    assert matches(terms, [text]) == bool(terms)


def starts_a_word(terms, texts) -> bool:
    """The rule in its plainest form: every term, or one of its synonyms, starts a word."""
    words = [word for text in texts for word in query_terms(text)]
    return bool(terms) and all(
        any(word.startswith(form) for word in words for form in (term, *SYNONYMS.get(term, ())))
        for term in terms
    )


@given(
    st.lists(
        st.sampled_from(["cv", "salaire", "courriel"]) | st.text("abé", min_size=1, max_size=3),
        min_size=1,
        max_size=2,
    ),
    st.lists(st.text("abcé -'ABÉ", max_size=20), min_size=1, max_size=2),
)
def test_matching_is_exactly_a_word_prefix_match(terms, texts):
    terms = [term for query in terms for term in query_terms(query)]
    assert matches(terms, texts) == starts_a_word(terms, texts)


def test_a_long_query_is_cut_and_says_so():
    query = SearchQuery.from_raw("a" * 3000)
    assert len(query.text) == MAX_QUERY_LENGTH
    assert query.truncated


def test_a_short_query_is_kept_whole_and_trimmed():
    assert SearchQuery.from_raw("  photo  ") == SearchQuery("photo", truncated=False)


def test_a_query_of_exactly_the_maximum_is_not_truncated():
    query = SearchQuery.from_raw("a" * MAX_QUERY_LENGTH)
    assert (len(query.text), query.truncated) == (MAX_QUERY_LENGTH, False)


# ---------------------------------------------------------------- changes between versions


def item(slug: str, rows: tuple[str, ...]) -> Item:
    blank = Text("", "")
    return Item(slug, "profile", Text(slug, slug), blank, blank, "", rows, (), ())


def test_diff_items_reports_added_removed_and_rows_changed():
    older = [item("a", ("train",)), item("b", ("safety",))]
    newer = [item("a", ("train", "features")), item("c", ())]
    changes = diff_items(older, newer)
    assert [found.slug for found in changes.added] == ["c"]
    assert [found.slug for found in changes.removed] == ["b"]
    assert [(c.item.slug, c.before, c.after) for c in changes.rows_changed] == [
        ("a", ("train",), ("train", "features"))
    ]
    assert changes


def test_diff_items_of_identical_versions_is_empty():
    items = [item("a", ("train",))]
    assert not diff_items(items, items)


# ---------------------------------------------------------------- over the real content

with_db = pytest.mark.django_db


def found(notice, text: str) -> tuple[set[str], set[str]]:
    results = search(text, notice)
    return {item.slug for item, _category in results.items}, {e.slug for e in results.exclusions}


@with_db
@pytest.mark.parametrize("text", ["IP", "ip", "adresse ip", "Adresse IP"])
def test_ip_finds_the_ip_address_item_and_what_mentions_an_ip_address(notice, text):
    # interests-location: its note says a location is "inferred from your IP address" (l.46)
    assert found(notice, text) == ({"ip-address", "interests-location"}, set())
    assert search(text, notice).items[0][0].slug == "ip-address"


@with_db
@pytest.mark.parametrize("text", ["CV", "cv", "resume", "Résumés"])
def test_cv_finds_saved_resumes_in_either_language(notice, text):
    assert "resumes" in found(notice, text)[0]


@with_db
@pytest.mark.parametrize("text", ["salaire", "Salaire", "salary", "SALARIALES"])
def test_salary_words_find_the_salary_exclusion(notice, text):
    assert "salary" in found(notice, text)[1]


@with_db
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_both_languages_are_searched_whatever_the_active_one(notice, lang):
    with translation.override(lang):
        assert "name-photo" in found(notice, "photo")[0]
        assert "ip-address" in found(notice, "localisation")[0]  # French only
        assert "ip-address" in found(notice, "location data")[0]  # English only


@with_db
def test_courriel_finds_the_work_email_item(notice):
    assert "verified-workplace" in found(notice, "courriel")[0]


@with_db
def test_category_names_match_their_items(notice):
    assert found(notice, "données techniques")[0] == {"ip-address", "device", "cookie-identifiers"}


@with_db
def test_each_result_comes_with_its_own_category(notice):
    for found_item, category in search("données", notice).items:
        assert found_item in category.items


@with_db
def test_accents_are_optional(notice):
    assert found(notice, "donnees de verification") == found(notice, "Données de vérification")
    assert found(notice, "donnees de verification")[0]


@with_db
def test_a_search_reads_only_the_notice_version_it_is_given(site_content):
    older, current = site_content.notices
    assert "age-attestation" in found(current, "attestation")[0]  # new in 2026-08-21
    assert "age-attestation" not in found(older, "attestation")[0]


@with_db
@pytest.mark.parametrize("text", ["", "   ", "<>", "zzzzzz", "<script>zzz</script>"])
def test_queries_without_a_match_find_nothing(notice, text):
    assert found(notice, text) == (set(), set())
    assert not search(text, notice)


# ---------------------------------------------------------------- the /search/ page


@with_db
def test_the_search_page_searches_the_current_notice(client):
    page = client.get("/en/search/", {"q": "attestation"}).content.decode()
    assert 'href="/en/categories/verification/#item-age-attestation"' in page
    assert "<html" in page


@with_db
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx fragment"])
def test_the_same_url_gives_a_page_or_a_fragment_and_says_so_to_caches(client, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/fr/search/", {"q": "salaire"}, headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert ("<html" in html) is not htmx
    assert '<div id="results">' in html
    assert 'href="/fr/exclusions/salary/"' in html
    assert "HX-Request" in response.headers["Vary"]
    assert not response.cookies


@with_db
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx fragment"])
def test_a_long_search_says_only_its_start_was_used(client, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/en/search/", {"q": "photo " * 100}, headers=headers)
    html = response.content.decode()
    assert f"only its first {MAX_QUERY_LENGTH} characters were used" in html
    assert "Name and photo" in html


@with_db
def test_an_empty_search_invites_a_word(client):
    html = client.get("/en/search/").content.decode()
    assert "Type a word to see which data it matches" in html
    assert 'id="search-status" role="status" data-hx-swap-oob="true"></p>' in html
