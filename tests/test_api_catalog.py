"""GET /api/v1/categories and /api/v1/exclusions: shapes, ?lang=, errors, methods."""

import pytest
from django.http import JsonResponse
from django.test import RequestFactory

from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS, LISTED_BY, ROW_SLUGS
from catalog.web.api import api_language

pytestmark = pytest.mark.django_db

SOURCE_KEYS = {"slug", "kind", "title", "title_lang", "publisher", "published", "url"}


def items_of(data: dict) -> list[dict]:
    return [item for category in data["categories"] for item in category["items"]]


def test_categories_lists_the_eight_with_items_rows_and_sources(client):
    response = client.get("/api/v1/categories")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["notice"] == {"slug": "2026-08-21", "effective": "2026-08-21"}
    assert [c["slug"] for c in data["categories"]] == list(CATEGORY_SLUGS)
    profile = data["categories"][0]
    assert set(profile) == {"slug", "name", "summary", "url", "items", "sources"}
    assert profile["name"] == "Profile data"
    assert profile["url"] == "http://testserver/en/categories/profile/"
    item = profile["items"][0]
    assert set(item) == {"slug", "name", "rows", "listed_by", "use", "note", "sources"}
    assert item["slug"] == "name-photo"
    assert item["rows"][:5] == ["train", "features", "ai-general", "improve", "safety"]
    assert item["listed_by"] == ["notice", "faq"]
    assert {s["slug"] for s in profile["sources"]} >= {"N26", "FAQ"}
    assert all(set(source) == SOURCE_KEYS for source in profile["sources"])
    assert not response.cookies


def test_categories_give_each_items_rows_and_who_lists_it_as_the_snapshot_does(client, notice):
    data = client.get("/api/v1/categories").json()
    expected = {
        item.slug: (list(item.rows), list(item.listed_by), item.use) for item in notice.items
    }
    given = {
        item["slug"]: (item["rows"], item["listed_by"], item["use"]) for item in items_of(data)
    }
    assert given == expected


def test_rows_name_notice_rows_only_and_listed_by_names_who_lists_for_training(client):
    items = items_of(client.get("/api/v1/categories").json())
    rows = {row for item in items for row in item["rows"]}
    assert rows <= set(ROW_SLUGS)
    assert not rows & {"faq", "notice"}  # who lists an item is listed_by's, not a row
    assert {who for item in items for who in item["listed_by"]} <= set(LISTED_BY)
    for item in items:  # the notice lists an item for training exactly when its T row names it
        assert ("notice" in item["listed_by"]) == ("train" in item["rows"]), item["slug"]


def test_feedback_is_listed_by_the_faq_only_and_not_by_the_training_row(client):
    data = client.get("/api/v1/categories").json()
    feedback = next(c for c in data["categories"] if c["slug"] == "feedback")
    assert feedback["items"]
    for item in feedback["items"]:
        assert "train" not in item["rows"]
        assert item["listed_by"] == ["faq"]
        assert item["use"] == "feedback"
    assert "FAQ" in {source["slug"] for source in feedback["sources"]}


def test_only_group_activity_of_the_activity_history_is_listed_for_training(client):
    data = client.get("/api/v1/categories").json()
    activity = next(c for c in data["categories"] if c["slug"] == "activity")
    training = [item["slug"] for item in activity["items"] if item["listed_by"]]
    assert training == ["group-activity"]
    assert len(activity["items"]) > 1


def test_categories_in_french(client):
    data = client.get("/api/v1/categories", {"lang": "fr"}).json()
    profile = data["categories"][0]
    assert profile["name"] == "Données de profil"
    assert profile["url"] == "http://testserver/fr/categories/profile/"
    feedback = data["categories"][-1]
    assert feedback["items"][0]["note"].startswith("Listés par la FAQ de LinkedIn")
    n26 = next(s for s in feedback["sources"] if s["slug"] == "N26")
    assert n26["published"] == "en vigueur le 21 août 2026"
    assert (
        n26["title"] == "LinkedIn European Regional Privacy Notice"
    )  # titles are never translated
    assert n26["title_lang"] == "en"


def test_exclusions_lists_main_and_further_ones_with_sources(client):
    data = client.get("/api/v1/exclusions").json()
    slugs = [e["slug"] for e in data["exclusions"]]
    assert slugs[:3] == list(EXCLUSION_SLUGS)
    assert set(slugs[3:]) == {"login-credentials", "payment-data", "job-applications"}
    salary = data["exclusions"][1]
    assert set(salary) == {"slug", "name", "summary", "details", "url", "further", "sources"}
    assert salary["url"] == "http://testserver/en/exclusions/salary/"
    assert salary["further"] is False
    assert {"FAQ", "AFP", "PCMAG"} <= {s["slug"] for s in salary["sources"]}
    assert all(set(source) == SOURCE_KEYS for source in salary["sources"])
    assert not any(e["further"] for e in data["exclusions"][:3])
    assert all(e["further"] for e in data["exclusions"][3:])
    assert data["notice"]["slug"] == "2026-08-21"


def test_the_minors_exclusion_rests_on_linkedins_reported_wording(client):
    minors = next(
        e for e in client.get("/api/v1/exclusions").json()["exclusions"] if e["slug"] == "minors"
    )
    assert minors["summary"].startswith("LinkedIn says")
    assert "LS25" in {source["slug"] for source in minors["sources"]}


def test_exclusions_in_french(client):
    data = client.get("/api/v1/exclusions?lang=fr").json()
    assert data["exclusions"][1]["name"] == "Données salariales"
    assert data["exclusions"][1]["url"] == "http://testserver/fr/exclusions/salary/"


@pytest.mark.parametrize("endpoint", ["categories", "exclusions"])
@pytest.mark.parametrize("lang", ["de", "", "FR", "<script>", "fr,en"])
def test_unknown_language_is_a_400_json_error(client, endpoint, lang):
    response = client.get(f"/api/v1/{endpoint}", {"lang": lang})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"errors"}
    assert "lang" in response.json()["errors"]
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("endpoint", ["categories", "exclusions"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_only_get_is_allowed(client, endpoint, method):
    response = getattr(client, method)(f"/api/v1/{endpoint}")
    assert response.status_code == 405


@pytest.mark.parametrize("endpoint", ["categories", "exclusions"])
def test_api_needs_few_queries_and_sets_no_cookie(client, django_assert_max_num_queries, endpoint):
    client.get(f"/api/v1/{endpoint}")  # the snapshot is built once per content revision
    with django_assert_max_num_queries(1):
        response = client.get(f"/api/v1/{endpoint}")
    assert response.status_code == 200
    assert not response.cookies


def test_api_language_helper_defaults_to_english_and_refuses_others():
    factory = RequestFactory()
    assert api_language(factory.get("/api/v1/x")) == "en"
    assert api_language(factory.get("/api/v1/x", {"lang": "fr"})) == "fr"
    refused = api_language(factory.get("/api/v1/x", {"lang": "es"}))
    assert isinstance(refused, JsonResponse)
    assert refused.status_code == 400
