"""GET /api/v1/categories and /api/v1/exclusions: shapes, ?lang=, errors, methods."""

import pytest
from django.http import JsonResponse
from django.test import RequestFactory

from catalog.models import ROWS
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS
from catalog.web.api import api_language

pytestmark = pytest.mark.django_db


def test_categories_lists_the_eight_with_items_rows_and_sources(client):
    response = client.get("/api/v1/categories")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["notice"] == {"slug": "2026-08-21", "effective": "2026-08-21"}
    assert [c["slug"] for c in data["categories"]] == list(CATEGORY_SLUGS)
    profile = data["categories"][0]
    assert profile["name"] == "Profile data"
    assert profile["url"] == "http://testserver/en/categories/profile/"
    item = profile["items"][0]
    assert set(item) == {"slug", "name", "rows", "use", "note", "sources"}
    assert item["slug"] == "name-photo"
    assert item["rows"] == ["train", "features", "improve", "safety"]
    assert {s["slug"] for s in profile["sources"]} >= {"N26", "FAQ", "AFP"}
    assert set(profile["sources"][0]) == {"slug", "title", "publisher", "published", "url"}
    assert not response.cookies


def test_categories_rows_use_the_four_row_names_only(client):
    data = client.get("/api/v1/categories").json()
    rows = {row for c in data["categories"] for item in c["items"] for row in item["rows"]}
    assert rows <= set(ROWS)
    activity = next(c for c in data["categories"] if c["slug"] == "activity")
    training = [item["slug"] for item in activity["items"] if "train" in item["rows"]]
    assert training == ["group-activity"]


def test_categories_in_french(client):
    data = client.get("/api/v1/categories", {"lang": "fr"}).json()
    profile = data["categories"][0]
    assert profile["name"] == "Données de profil"
    assert profile["url"] == "http://testserver/fr/categories/profile/"
    feedback = data["categories"][-1]
    assert feedback["items"][0]["note"].startswith("Les sources divergent")
    assert feedback["sources"][0]["published"] == "21 août 2026"


def test_exclusions_lists_main_and_further_ones_with_sources(client):
    data = client.get("/api/v1/exclusions").json()
    slugs = [e["slug"] for e in data["exclusions"]]
    assert slugs[:3] == list(EXCLUSION_SLUGS)
    assert set(slugs[3:]) == {"login-credentials", "payment-data"}
    salary = data["exclusions"][1]
    assert set(salary) == {"slug", "name", "summary", "details", "url", "further", "sources"}
    assert salary["url"] == "http://testserver/en/exclusions/salary/"
    assert salary["further"] is False
    assert [s["slug"] for s in salary["sources"]] == ["AFP", "PCMAG"]
    assert all(e["further"] for e in data["exclusions"][3:])
    assert data["notice"]["slug"] == "2026-08-21"


def test_exclusions_in_french(client):
    data = client.get("/api/v1/exclusions?lang=fr").json()
    assert data["exclusions"][1]["name"] == "Données salariales"
    assert data["exclusions"][1]["url"] == "http://testserver/fr/exclusions/salary/"


@pytest.mark.parametrize("endpoint", ["categories", "exclusions"])
@pytest.mark.parametrize("lang", ["de", "", "FR", "<script>", "fr,en"])
def test_unknown_language_is_a_400_json_error(client, endpoint, lang):
    response = client.get(f"/api/v1/{endpoint}", {"lang": lang})
    assert response.status_code == 400
    assert set(response.json()) == {"errors"}
    assert "lang" in response.json()["errors"]
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("endpoint", ["categories", "exclusions"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_only_get_is_allowed(client, endpoint, method):
    response = getattr(client, method)(f"/api/v1/{endpoint}")
    assert response.status_code == 405


@pytest.mark.parametrize("endpoint", ["categories", "exclusions"])
def test_api_needs_few_queries(client, django_assert_max_num_queries, endpoint):
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/v1/{endpoint}").status_code == 200


def test_api_language_helper_defaults_to_english_and_refuses_others():
    factory = RequestFactory()
    assert api_language(factory.get("/api/v1/x")) == "en"
    assert api_language(factory.get("/api/v1/x", {"lang": "fr"})) == "fr"
    refused = api_language(factory.get("/api/v1/x", {"lang": "es"}))
    assert isinstance(refused, JsonResponse)
    assert refused.status_code == 400
