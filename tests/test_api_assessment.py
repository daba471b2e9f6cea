"""GET /api/v1/assessment: the rules over JSON, in English or French, 400 for bad input."""

import re

import pytest

from catalog.models import ContentRevision, Notice
from catalog.present.letter import OBJECTION_FORM_URL, POLICY_HELP_URL
from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.rules.assessment import RANK
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS, STATUSES

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessment"
EXAMPLE = f"{URL}?country=FR&age=adult&setting=on&uses=posts&uses=groups"
GB_OFF_BEFORE = f"{URL}?country=GB&age=adult&setting=off&switched_off=before&uses=posts"
PERIOD_KEYS = {
    "start",
    "end",
    "start_approximate",
    "end_approximate",
    "announced",
    "text",
    "note",
    "sources",
}


def get(client, query: str) -> dict:
    response = client.get(query if query.startswith("/") else f"{URL}?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def statuses(body: dict) -> dict[str, str]:
    return {category["slug"]: category["status"] for category in body["categories"]}


# ---------------------------------------------------------------- shape


def test_the_assessment_has_its_documented_shape(client):
    response = client.get(EXAMPLE)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {
        "notice",
        "region",
        "governing",
        "answers",
        "categories",
        "exclusions",
        "objection",
        "result_url",
    }
    assert body["notice"] == {"slug": "2026-08-21", "effective": "2026-08-21"}
    assert body["region"] == "eea"
    assert body["answers"] == {
        "country": "FR",
        "age": "adult",
        "setting": "on",
        "switched_off": None,
        "member_earlier": None,
        "uses": ["groups", "posts"],
    }
    assert [category["slug"] for category in body["categories"]] == list(CATEGORY_SLUGS)
    assert all(category["status"] in STATUSES for category in body["categories"])
    assert [exclusion["slug"] for exclusion in body["exclusions"]] == list(EXCLUSION_SLUGS)
    assert set(body["objection"]) == {"route", "controller", "basis", "channel", "url"}


def test_governing_names_the_document_controller_objection_route_and_periods(client):
    body = get(client, EXAMPLE)
    governing = body["governing"]
    assert {"document", "controller", "objection", "periods"} <= set(governing)
    assert governing["document"] == "notice"
    assert governing["controller"] == "LinkedIn Ireland Unlimited Company"
    assert governing["objection"] == "gdpr"
    (period,) = governing["periods"]  # no earlier period in the EEA
    assert set(period) == PERIOD_KEYS
    assert period["start"] == "2025-11-03" and period["end"] is None
    assert period["announced"] is True
    assert period["text"] == "since 3 November 2025"
    assert period["note"] and period["sources"]


def test_the_uk_has_an_earlier_period_before_the_current_one(client):
    governing = get(client, GB_OFF_BEFORE)["governing"]
    assert governing["document"] == "notice"
    assert governing["controller"] == "LinkedIn Corporation"
    assert governing["objection"] == "uk-gdpr"
    earlier, current = governing["periods"]
    assert earlier["end"] == "2024-09-20" and earlier["start"] < earlier["end"]
    assert earlier["announced"] is False
    assert earlier["start_approximate"] is True
    assert current["start"] == "2025-11-03" and current["end"] is None
    assert "ICO24" in earlier["sources"]
    assert all(set(period) == PERIOD_KEYS for period in governing["periods"])


def test_period_dates_are_iso_and_text_follows_lang(client):
    english = get(client, f"{GB_OFF_BEFORE}&member_earlier=yes")["governing"]["periods"]
    french = get(client, f"{GB_OFF_BEFORE}&member_earlier=yes&lang=fr")["governing"]["periods"]
    for en, fr in zip(english, french, strict=True):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", en["start"])
        assert en["start"] == fr["start"] and en["end"] == fr["end"]
    assert "20 September 2024" in english[0]["text"]
    assert "20 septembre 2024" in french[0]["text"]


# ---------------------------------------------------------------- answers


def test_member_earlier_is_kept_where_it_is_asked(client):
    for value in ("yes", "no", "unknown"):
        body = get(client, f"{GB_OFF_BEFORE}&member_earlier={value}")
        assert body["answers"]["member_earlier"] == value
        assert body["answers"]["switched_off"] == "before"


def test_member_earlier_defaults_to_unknown_where_asked_and_is_dropped_elsewhere(client):
    assert get(client, GB_OFF_BEFORE)["answers"]["member_earlier"] == "unknown"
    eea = get(
        client, f"{URL}?country=FR&age=adult&setting=off&switched_off=before&member_earlier=yes"
    )
    assert eea["answers"]["member_earlier"] is None  # the EEA had no earlier period
    on = get(client, f"{URL}?country=GB&age=adult&setting=on&member_earlier=yes")
    assert on["answers"]["member_earlier"] is None
    assert get(client, f"{URL}?country=US&age=minor")["answers"]["member_earlier"] == "unknown"
    assert get(client, f"{URL}?country=DE&age=minor")["answers"]["member_earlier"] is None


def test_a_us_adult_who_switched_off_is_not_asked_when(client):
    body = get(client, f"{URL}?country=US&age=adult&setting=off&switched_off=before")
    assert body["answers"]["switched_off"] is None
    assert body["answers"]["member_earlier"] is None
    assert set(statuses(body).values()) <= {"past-only", "not-listed", "not-applicable"}
    assert "past-only" in statuses(body).values()  # training there never paused


def test_keys_that_do_not_apply_are_dropped_not_errors(client):
    body = get(client, f"{URL}?country=FR&age=minor&setting=bogus&switched_off=bogus&uses=x")
    assert body["answers"]["setting"] is None and body["answers"]["switched_off"] is None
    assert body["answers"]["uses"] == []  # a minor is not asked: counted as doing everything
    body = get(client, f"{URL}?country=FR&age=adult&setting=on&member_earlier=bogus")
    assert body["answers"]["member_earlier"] is None


# ---------------------------------------------------------------- statuses


def test_statuses_and_items_follow_the_rules(client):
    body = get(client, EXAMPLE)
    assert statuses(body) == {
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
    group = next(item for item in activity if item["slug"] == "group-activity")
    assert group == {
        "slug": "group-activity",
        "name": "Group activity and group messages",
        "status": "in-scope",
        "rows": group["rows"],
        "listed_by": ["notice", "faq"],
    }
    assert "train" in group["rows"]
    assert {item["status"] for item in activity if item["slug"] != "group-activity"} == {
        "not-listed"
    }


@pytest.mark.parametrize(
    "query",
    [
        "country=FR&age=adult&setting=on&uses=posts&uses=feedback&uses=ai-tools",
        "country=GB&age=adult&setting=off&switched_off=before&member_earlier=yes&uses=resumes",
        "country=US&age=minor",
        "country=CA&age=adult&setting=unknown&uses=verification",
    ],
)
def test_each_category_takes_the_highest_status_of_the_visitors_items(client, query):
    for category in get(client, query)["categories"]:
        items = category["items"]
        if not items:
            assert category["status"] == "not-applicable"
            continue
        assert all(item["status"] in RANK for item in items)
        highest = min((item["status"] for item in items), key=RANK.index)
        assert category["status"] == highest, category["slug"]


def test_outside_europe_only_the_faqs_list_counts(client):
    def summary_item(query: str) -> dict:
        profile = get(client, query)["categories"][0]
        return next(item for item in profile["items"] if item["slug"] == "summary")

    # The profile summary is listed by the notice's training row only, which applies in Europe.
    assert summary_item("country=FR&age=adult&setting=on")["status"] == "in-scope"
    assert summary_item("country=US&age=adult&setting=on")["status"] == "not-listed"
    body = get(client, "country=US&age=adult&setting=on&uses=feedback")
    assert statuses(body)["feedback"] == "in-scope"  # the FAQ lists it everywhere


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("country=FR&age=minor", "not-in-scope"),
        ("country=CH&age=minor", "not-in-scope"),
        ("country=GB&age=minor&member_earlier=no", "not-in-scope"),
        ("country=GB&age=minor&member_earlier=yes", "past-only"),
        ("country=HK&age=minor&member_earlier=unknown", "past-only"),
        ("country=US&age=minor&member_earlier=no", "not-in-scope"),
        ("country=US&age=minor", "past-only"),
        ("country=DE&age=adult&setting=off&switched_off=before", "not-in-scope"),
        ("country=GB&age=adult&setting=off&switched_off=before&member_earlier=no", "not-in-scope"),
        ("country=CA&age=adult&setting=off&switched_off=before&member_earlier=yes", "past-only"),
        ("country=FR&age=adult&setting=off&switched_off=after", "past-only"),
        ("country=FR&age=adult&setting=off&switched_off=unknown", "past-only"),
        ("country=US&age=adult&setting=off", "past-only"),
        ("country=US&age=adult&setting=unknown", "in-scope"),
    ],
)
def test_listed_data_gets_the_status_of_the_visitors_situation(client, query, status):
    found = set(statuses(get(client, query)).values())
    assert status in found
    assert found - {status} <= {"not-listed", "not-applicable"}


def test_a_minor_counts_as_having_every_kind_of_data(client):
    body = get(client, f"{URL}?country=FR&age=minor")
    assert "not-applicable" not in statuses(body).values()


def test_exclusions_apply_to_the_visitors_data(client):
    body = get(client, f"{URL}?country=de&age=adult&uses=salary")
    assert {e["slug"]: e["applies"] for e in body["exclusions"]} == {
        "private-messages": False,
        "salary": True,
        "minors": False,
    }
    minor = get(client, f"{URL}?country=de&age=minor")
    assert all(e["applies"] for e in minor["exclusions"])  # a minor counts as doing everything


# ---------------------------------------------------------------- the objection route


@pytest.mark.parametrize(
    ("country", "route", "controller", "url"),
    [
        ("FR", "gdpr", "LinkedIn Ireland Unlimited Company", OBJECTION_FORM_URL),
        ("NO", "gdpr", "LinkedIn Ireland Unlimited Company", OBJECTION_FORM_URL),
        ("CH", "fadp", "LinkedIn Ireland Unlimited Company", OBJECTION_FORM_URL),
        ("GB", "uk-gdpr", "LinkedIn Corporation", OBJECTION_FORM_URL),
        ("CA", "policy", "LinkedIn Corporation", POLICY_HELP_URL),
        ("HK", "policy", "LinkedIn Corporation", POLICY_HELP_URL),
        ("US", "policy", "LinkedIn Corporation", POLICY_HELP_URL),
        ("JE", "policy", "LinkedIn Corporation", POLICY_HELP_URL),
    ],
)
def test_the_objection_route_follows_the_region(client, country, route, controller, url):
    body = get(client, f"{URL}?country={country}&age=adult&setting=on")
    objection = body["objection"]
    assert objection["route"] == route == body["governing"]["objection"]
    assert objection["controller"] == controller == body["governing"]["controller"]
    assert objection["url"] == url
    assert objection["basis"] and objection["channel"]
    if route == "policy":
        assert body["governing"]["document"] == "policy"
        assert "GDPR" not in objection["basis"] and "article" not in objection["basis"]
        assert "Privacy Policy" in objection["basis"]
    else:
        assert body["governing"]["document"] == "notice"


def test_the_objection_route_and_governing_region_follow_lang(client, notice):
    french = get(client, f"{URL}?country=US&age=adult&setting=on&lang=fr")
    english = get(client, f"{URL}?country=US&age=adult&setting=on")
    assert french["objection"]["route"] == english["objection"]["route"] == "policy"
    assert french["objection"]["url"] == english["objection"]["url"]
    assert french["governing"]["name"] == notice.region("other").name.fr
    assert english["governing"]["name"] == notice.region("other").name.en


# ---------------------------------------------------------------- links and languages


def test_the_result_url_is_the_absolute_short_link_for_the_normalised_answers(client):
    body = get(client, f"{URL}?uses=posts&age=adult&country=fr&setting=on&switched_off=x")
    code = codes.encode(Answers("FR", "adult", "on", None, frozenset({"posts"})), 2)
    assert body["result_url"] == f"http://testserver/en/r/{code}/"
    assert client.get(body["result_url"]).status_code == 200


def test_lang_fr_gives_french_text_and_a_french_result_url(client, notice):
    body = get(client, f"{EXAMPLE}&lang=fr")
    assert body["categories"][0]["items"][0]["name"] == "Nom et photo"
    assert body["governing"]["name"] == notice.region("eea").name.fr
    assert body["governing"]["periods"][0]["note"] == notice.region("eea").current.note.fr
    assert "3 novembre 2025" in body["categories"][0]["reason"]
    assert re.fullmatch(r"http://testserver/fr/r/[0-9a-z]{9}/", body["result_url"])


def test_english_is_the_default(client):
    assert "Your setting is on" in get(client, EXAMPLE)["categories"][0]["reason"]


@pytest.mark.parametrize(
    ("query", "bad_keys"),
    [
        ("", {"country", "age"}),
        ("country=FR", {"age"}),
        ("age=adult", {"country"}),
        ("country=ZZ&age=adult", {"country"}),
        ("country=FRA&age=adult", {"country"}),
        ("country=FR&age=teen", {"age"}),
        ("country=FR&age=adult&setting=maybe", {"setting"}),
        ("country=FR&age=adult&setting=off&switched_off=never", {"switched_off"}),
        (
            "country=GB&age=adult&setting=off&switched_off=before&member_earlier=maybe",
            {"member_earlier"},
        ),
        ("country=GB&age=minor&member_earlier=perhaps", {"member_earlier"}),
        ("country=FR&age=adult&uses=posts&uses=telepathy", {"uses"}),
        ("country=FR&age=adult&" + "&".join(["uses=posts"] * 21), {"uses"}),
        ("country=FR&country=DE&age=adult", {"country"}),
        ("country=FR&age=adult&age=minor", {"age"}),
        ("country=FR&age=adult&setting=on&setting=off", {"setting"}),
        ("country=ZZ&age=x&uses=y", {"country", "age", "uses"}),
        ("country=%00&age=adult", {"country"}),
    ],
)
def test_bad_input_is_a_400_naming_each_bad_key(client, query, bad_keys):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert set(errors) == bad_keys
    assert all(isinstance(message, str) and message for message in errors.values())


def test_error_messages_follow_lang(client):
    errors = client.get(f"{URL}?country=ZZ&age=adult&lang=fr").json()["errors"]
    assert "pays" in errors["country"]


def test_an_unknown_language_is_a_400(client):
    response = client.get(f"{EXAMPLE}&lang=de")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"lang"}


def test_without_content_the_api_answers_503_not_500(client):
    Notice.objects.all().delete()
    ContentRevision.objects.update(number=0, digest="")  # what an empty database holds
    response = client.get(EXAMPLE)
    assert response.status_code == 503
    assert "notice" in response.json()["errors"]


def test_only_get_is_allowed(client):
    assert client.post(EXAMPLE).status_code == 405
    assert client.head(EXAMPLE).status_code == 200


def test_the_api_sets_no_cookie_and_needs_one_query(client, django_assert_max_num_queries):
    client.get(EXAMPLE)  # the snapshot is built once per content revision
    with django_assert_max_num_queries(1):
        response = client.get(EXAMPLE)
    assert not response.cookies
