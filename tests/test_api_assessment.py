"""GET /api/v1/assessment: the rules over JSON, in English or French, 400 for bad input."""

import re

import pytest

from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS, STATUSES

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessment"
EXAMPLE = f"{URL}?country=FR&age=adult&setting=on&uses=posts&uses=groups"


def test_the_assessment_has_its_documented_shape(client):
    response = client.get(EXAMPLE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {
        "notice",
        "region",
        "answers",
        "categories",
        "exclusions",
        "result_url",
    }
    assert body["notice"] == {"slug": "2026-08-21", "effective": "2026-08-21"}
    assert body["region"] == "eea"
    assert body["answers"] == {
        "country": "FR",
        "age": "adult",
        "setting": "on",
        "switched_off": None,
        "uses": ["groups", "posts"],
    }
    assert [category["slug"] for category in body["categories"]] == list(CATEGORY_SLUGS)
    assert all(category["status"] in STATUSES for category in body["categories"])
    assert [exclusion["slug"] for exclusion in body["exclusions"]] == list(EXCLUSION_SLUGS)


def test_statuses_and_items_follow_the_rules(client):
    body = client.get(EXAMPLE).json()
    statuses = {category["slug"]: category["status"] for category in body["categories"]}
    assert statuses == {
        "profile": "in-scope",
        "content": "in-scope",
        "activity": "in-scope",
        "technical": "not-listed",
        "inferred": "not-listed",
        "verification": "not-applicable",
        "ai-inputs": "not-applicable",
        "feedback": "not-applicable",
    }
    activity = body["categories"][2]["items"]
    assert {
        "slug": "group-activity",
        "name": "Group activity and group messages",
        "train": True,
    } in (activity)


def test_exclusions_apply_to_the_visitors_data(client):
    body = client.get(f"{URL}?country=de&age=minor&uses=salary").json()
    assert {e["slug"]: e["applies"] for e in body["exclusions"]} == {
        "private-messages": False,
        "salary": True,
        "minors": True,
    }


def test_the_result_url_is_the_absolute_short_link_for_the_normalised_answers(client):
    body = client.get(f"{URL}?uses=posts&age=adult&country=fr&setting=on&switched_off=x").json()
    # FR, adult, setting on, posts, against the current notice (code_id 2): see catalog/codes.py.
    assert body["result_url"] == "http://testserver/en/r/14km042q/"
    assert client.get(body["result_url"]).status_code == 200


def test_lang_fr_gives_french_text_and_a_french_result_url(client):
    body = client.get(f"{EXAMPLE}&lang=fr").json()
    assert "votre réglage est activé" in body["categories"][0]["reason"]
    assert body["categories"][0]["items"][0]["name"] == "Nom et photo"
    assert re.fullmatch(r"http://testserver/fr/r/[0-9a-z]{8}/", body["result_url"])


def test_english_is_the_default(client):
    assert "your setting is on" in client.get(EXAMPLE).json()["categories"][0]["reason"]


@pytest.mark.parametrize(
    ("query", "bad_keys"),
    [
        ("", {"country", "age"}),
        ("country=FR", {"age"}),
        ("age=adult", {"country"}),
        ("country=ZZ&age=adult", {"country"}),
        ("country=FR&age=teen", {"age"}),
        ("country=FR&age=adult&setting=maybe", {"setting"}),
        ("country=FR&age=adult&setting=off&switched_off=never", {"switched_off"}),
        ("country=FR&age=adult&uses=posts&uses=telepathy", {"uses"}),
        ("country=FR&country=DE&age=adult", {"country"}),
        ("country=FR&age=adult&age=minor", {"age"}),
        ("country=FR&age=adult&setting=on&setting=off", {"setting"}),
        ("country=ZZ&age=x&uses=y", {"country", "age", "uses"}),
    ],
)
def test_bad_input_is_a_400_naming_each_bad_key(client, query, bad_keys):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == bad_keys
    assert all(isinstance(message, str) and message for message in errors.values())


def test_error_messages_follow_lang(client):
    errors = client.get(f"{URL}?country=ZZ&age=adult&lang=fr").json()["errors"]
    assert "pays" in errors["country"]


def test_keys_that_do_not_apply_are_dropped_not_errors(client):
    body = client.get(f"{URL}?country=FR&age=minor&setting=bogus&switched_off=bogus").json()
    assert body["answers"]["setting"] is None and body["answers"]["switched_off"] is None


def test_only_get_is_allowed(client):
    assert client.post(EXAMPLE).status_code == 405


def test_the_api_sets_no_cookie(client):
    assert not client.get(EXAMPLE).cookies
