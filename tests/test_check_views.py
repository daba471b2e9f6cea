"""The questionnaire's pages, check-your-answers and the result: GET only, answers in the URL."""

import gzip
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
FR_OFF = "country=FR&age=adult&setting=off"
COMPLETE = "country=FR&age=adult&setting=off&switched_off=after&uses=groups&uses=posts"


def location(response) -> str:
    assert response.status_code == 302, response.status_code
    return response["Location"]


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


# ---------------------------------------------------------------- start and routing


def test_start_redirects_to_the_first_question(client):
    assert location(client.get("/en/check/")) == "/en/check/country/"


def test_start_with_answers_goes_on_to_the_first_question_still_to_answer(client):
    assert location(client.get("/en/check/?country=fr")) == "/en/check/age/?country=FR"


def test_an_unknown_question_is_a_404(client):
    assert client.get("/en/check/favourite-colour/").status_code == 404


def test_a_question_reached_without_earlier_answers_redirects_to_the_first_missing(client):
    assert location(client.get("/en/check/setting/")) == "/en/check/country/"
    assert location(client.get("/en/check/uses/?country=FR")) == "/en/check/age/?country=FR"


def test_a_question_that_does_not_apply_redirects_to_the_next_one(client):
    minor = "/en/check/setting/?country=FR&age=minor"
    assert location(client.get(minor)) == "/en/check/uses/?country=FR&age=minor"
    on = "/en/check/switched_off/?country=FR&age=adult&setting=on"
    assert location(client.get(on)) == "/en/check/uses/?country=FR&age=adult&setting=on"


def test_a_bad_earlier_answer_sends_the_visitor_back_to_its_question_with_the_error(client):
    target = location(client.get("/en/check/age/?country=ZZ"))
    assert target == "/en/check/country/?country=ZZ"
    page = client.get(target).content.decode()
    assert 'role="alert"' in page and "Select the country you live in" in page


# ---------------------------------------------------------------- each transition


@pytest.mark.parametrize(
    ("question", "query", "next_url"),
    [
        ("country", "country=fr", "/en/check/age/?country=FR"),
        ("age", "country=FR&age=adult", "/en/check/setting/?country=FR&age=adult"),
        ("age", "country=FR&age=minor", "/en/check/uses/?country=FR&age=minor"),
        ("setting", FR_OFF, f"/en/check/switched_off/?{FR_OFF}"),
        (
            "setting",
            "country=US&age=adult&setting=off",
            "/en/check/uses/?country=US&age=adult&setting=off",
        ),
        (
            "setting",
            "country=FR&age=adult&setting=unknown",
            "/en/check/uses/?country=FR&age=adult&setting=unknown",
        ),
        (
            "switched_off",
            f"{FR_OFF}&switched_off=before",
            f"/en/check/uses/?{FR_OFF}&switched_off=before",
        ),
        (
            "uses",
            "country=FR&age=minor&uses=salary&uses=posts",
            "/en/check/answers/?country=FR&age=minor&uses=posts&uses=salary",
        ),
        ("uses", "country=FR&age=minor", "/en/check/answers/?country=FR&age=minor&uses="),
    ],
)
def test_a_valid_answer_redirects_to_the_next_question_with_every_answer(
    client, question, query, next_url
):
    assert location(client.get(f"/en/check/{question}/?{query}&step={question}")) == next_url


def test_changing_an_answer_keeps_later_answers_that_still_apply(client):
    changed = "/en/check/setting/?country=FR&age=adult&setting=on&uses=posts&step=setting"
    assert location(client.get(changed)) == (
        "/en/check/answers/?country=FR&age=adult&setting=on&uses=posts"
    )


def test_changing_the_setting_to_off_asks_when(client):
    changed = "/en/check/setting/?country=FR&age=adult&setting=off&uses=posts&step=setting"
    assert location(client.get(changed)) == (
        "/en/check/switched_off/?country=FR&age=adult&setting=off&uses=posts"
    )


# ---------------------------------------------------------------- each page, plain and with htmx


@pytest.mark.parametrize(
    ("url", "title", "progress"),
    [
        ("/en/check/country/", "Which country do you live in?", "Question 1 of 4"),
        ("/en/check/age/?country=FR", "How old are you?", "Question 2 of 4"),
        ("/en/check/setting/?country=FR&age=adult", "Data for Generative AI", "Question 3 of 4"),
        (f"/en/check/switched_off/?{FR_OFF}", "When did you switch", "Question 4 of 5"),
        ("/en/check/uses/?country=FR&age=minor", "Which of these do you do", "Question 3 of 3"),
    ],
)
def test_each_question_page_has_its_question_as_h1_progress_and_a_get_form(
    client, url, title, progress
):
    page = client.get(url).content.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert title in h1
    assert progress in page
    assert '<form method="get"' in page
    assert "csrfmiddlewaretoken" not in page
    assert 'class="back"' in page


@pytest.mark.parametrize(
    "url",
    [
        "/en/check/country/",
        "/en/check/age/?country=FR",
        f"/en/check/switched_off/?{FR_OFF}",
        "/en/check/uses/?country=FR&age=minor",
        f"/en/check/answers/?{COMPLETE}",
    ],
)
def test_with_htmx_each_step_returns_its_fragment_and_the_url_to_push(client, url):
    response = client.get(url, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'id="step"' in page and "<h1" in page
    assert response["HX-Push-Url"] == url
    assert "HX-Request" in response["Vary"]
    # The language switch comes along out of band, pointing at the pushed URL in French.
    french = url.replace("/en/", "/fr/", 1).replace("&", "&amp;")
    assert f'id="lang-switch" hx-swap-oob="true"><a href="{french}"' in page


def test_without_htmx_each_step_is_a_whole_page(client):
    page = client.get("/en/check/age/?country=FR").content.decode()
    assert page.startswith("<!doctype html>") and 'id="step"' in page


def test_htmx_gets_the_next_fragment_after_the_redirect(client):
    response = client.get("/en/check/age/?country=FR&age=adult&step=age", headers=HTMX, follow=True)
    assert response.redirect_chain == [("/en/check/setting/?country=FR&age=adult", 302)]
    page = response.content.decode()
    assert "<html" not in page and "Data for Generative AI Improvement" in page


def test_the_form_carries_earlier_answers_as_hidden_inputs(client):
    page = client.get(f"/en/check/switched_off/?{FR_OFF}").content.decode()
    for key, value in (("country", "FR"), ("age", "adult"), ("setting", "off")):
        assert f'<input type="hidden" name="{key}" value="{value}">' in page
    assert 'action="/en/check/switched_off/"' in page
    assert 'hx-get="/en/check/switched_off/"' in page


def test_the_setting_and_switched_off_questions_offer_i_dont_know(client):
    for url in ("/en/check/setting/?country=FR&age=adult", f"/en/check/switched_off/?{FR_OFF}"):
        assert 'value="unknown"' in client.get(url).content.decode()


def test_the_country_question_lists_every_country_localised(client):
    page = client.get("/fr/check/country/").content.decode()
    assert page.count("<option value=") > 240
    assert '<option value="DE">Allemagne</option>' in page
    assert '<label for="country">' in page


def test_a_change_link_shows_the_question_prefilled_without_moving_on(client):
    response = client.get(f"/en/check/setting/?{FR_OFF}&switched_off=after&uses=posts")
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'value="off" checked', page)
    assert '<input type="hidden" name="uses" value="posts">' in page


# ---------------------------------------------------------------- errors


def test_submitting_no_answer_shows_an_error_summary_and_an_inline_error(client):
    page = client.get("/en/check/age/?country=FR&step=age").content.decode()
    assert 'role="alert"' in page
    assert '<a href="#age">' in page
    assert 'id="age"' in page
    assert 'id="age-error"' in page and 'aria-describedby="age-hint age-error"' in page
    assert "<title>Error:" in page


def test_errors_are_in_the_visitors_language(client):
    page = client.get("/fr/check/age/?country=FR&step=age").content.decode()
    assert "Il y a un problème" in page
    assert "Indiquez si vous avez moins de 18 ans" in page


def test_an_unknown_value_is_an_error_on_its_question(client):
    page = client.get("/en/check/setting/?country=FR&age=adult&setting=maybe&step=setting")
    assert "Select whether the setting is on, off" in page.content.decode()


def test_a_repeated_answer_is_an_error_on_its_question(client):
    page = client.get("/en/check/age/?country=FR&age=adult&age=minor&step=age")
    assert "Give one answer only." in page.content.decode()


def test_an_unknown_use_is_an_error_on_the_uses_question(client):
    page = client.get("/en/check/uses/?country=FR&age=minor&uses=telepathy&step=uses")
    assert "Select only activities from the list." in page.content.decode()


# ---------------------------------------------------------------- check your answers


def test_check_answers_lists_each_answer_with_a_change_link(client):
    page = client.get(f"/en/check/answers/?{COMPLETE}").content.decode()
    assert page.count('class="summary-row"') == 5
    assert "France" in page and "Take part in groups" in page
    assert f'href="/en/check/country/?{COMPLETE.replace("&", "&amp;")}"' in page
    assert f'href="/en/check/uses/?{COMPLETE.replace("&", "&amp;")}"' in page
    assert f'href="/en/result/?{COMPLETE.replace("&", "&amp;")}"' in page


def test_check_answers_says_none_of_these_for_no_uses(client):
    page = client.get("/en/check/answers/?country=FR&age=minor&uses=").content.decode()
    assert "None of these" in page
    assert page.count('class="summary-row"') == 3


def test_check_answers_with_a_missing_answer_redirects_to_its_question(client):
    assert location(client.get("/en/check/answers/?country=FR&age=adult&setting=on")) == (
        "/en/check/uses/?country=FR&age=adult&setting=on"
    )
    assert location(client.get("/en/check/answers/?country=FR&uses=")) == (
        "/en/check/age/?country=FR&uses="
    )


# ---------------------------------------------------------------- the result


def test_the_result_shows_the_headline_and_every_category(client):
    page = client.get(f"/en/result/?{COMPLETE}").content.decode()
    assert "3 of your 5 kinds of data may be used to train LinkedIn" in page
    assert page.count('class="result-item') == 8
    assert "May have been used in the past" in page
    assert "European Regional Privacy Notice, effective 21 August 2026" in page


def test_the_result_is_in_french_with_french_plurals(client):
    page = client.get(f"/fr/result/?{COMPLETE}").content.decode()
    assert "3 de vos 5 types de données peuvent servir à entraîner" in page


def test_switch_off_steps_are_shown_when_the_setting_may_be_on(client):
    page = client.get("/fr/result/?country=FR&age=adult&setting=unknown&uses=").content.decode()
    assert "Préférences et confidentialité → Confidentialité des données" in page
    assert "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement" in page
    off = client.get(f"/en/result/?{COMPLETE}").content.decode()
    assert "data-for-ai-improvement" not in off
    assert "does not undo training" in off


def test_uk_residents_learn_about_the_microsoft_sharing(client):
    uk = client.get("/en/result/?country=GB&age=adult&setting=on&uses=").content.decode()
    assert "Microsoft" in uk
    assert "Microsoft" not in client.get(f"/en/result/?{COMPLETE}").content.decode()


def test_the_result_cites_the_sources_of_the_regions_dates(client):
    uk = client.get("/en/result/?country=GB&age=adult&setting=on&uses=").content.decode()
    lead = uk[uk.index('<p class="lead">') : uk.index("</p>", uk.index('<p class="lead">'))]
    assert '#source-ICO24">ICO24</a>' in lead and '#source-N25">N25</a>' in lead
    us = client.get("/en/result/?country=US&age=adult&setting=on&uses=").content.decode()
    assert '#source-ICO24">ICO24</a>' in us and '#source-N25">N25</a>' not in us


def test_the_result_lists_the_exclusions_that_protect_the_visitor(client):
    page = client.get("/en/result/?country=FR&age=minor&uses=messages").content.decode()
    assert "Exclusions that protect you" in page
    assert "Members under 18" in page and "Private messages" in page
    assert "Salary data" not in page


def test_the_result_offers_the_objection_form_for_other_uses(client):
    page = client.get(f"/en/result/?{COMPLETE}").content.decode()
    assert "https://www.linkedin.com/help/linkedin/ask/TS-DPRO" in page
    assert "AI features" in page and "Safety and security" in page


def test_the_result_has_a_share_hook_and_a_reusable_body(client):
    from django.template.loader import get_template

    assert get_template("catalog/result.html#result-body")


def test_a_non_canonical_result_url_redirects_to_the_canonical_one(client):
    assert location(client.get("/en/result/?uses=posts&age=adult&country=fr")) == (
        "/en/result/?country=FR&age=adult&setting=unknown&uses=posts"
    )


def test_a_result_with_bad_answers_sends_the_visitor_to_the_question(client):
    assert location(client.get("/en/result/?country=FR&age=adult&setting=maybe")) == (
        "/en/check/setting/?country=FR&age=adult&setting=maybe"
    )
    assert location(client.get("/en/result/")) == "/en/check/country/"


# ---------------------------------------------------------------- privacy and quality bars

EVERY_PAGE = [
    "/en/check/country/",
    "/fr/check/age/?country=FR",
    f"/en/check/switched_off/?{FR_OFF}&step=switched_off",
    f"/fr/check/answers/?{COMPLETE}",
    f"/en/result/?{COMPLETE}",
    f"/fr/result/?{COMPLETE}",
]


@pytest.mark.parametrize("url", EVERY_PAGE)
def test_no_page_sets_a_cookie_or_writes_to_the_database(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        client.get(url, headers=HTMX)
    assert response.status_code == 200
    assert not response.cookies
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)


@pytest.mark.parametrize("url", EVERY_PAGE)
def test_every_page_is_small_and_needs_few_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(gzip.compress(response.content)) < 14 * 1024
    assert len(queries) <= 8


@pytest.mark.parametrize(
    "url", ["/en/check/", "/en/check/age/", "/en/check/answers/", "/en/result/"]
)
def test_the_questionnaire_answers_only_get(client, url):
    assert client.post(url).status_code == 405


@pytest.mark.parametrize(
    "query",
    [
        "country=" + "x" * 5000,
        "uses=" + "&uses=".join(["posts"] * 500),
        "country=FR&age=adult&setting=off&switched_off=%00",
        "country[]=FR&age=adult",
        "%ff=%fe&country=FR",
    ],
)
def test_odd_query_strings_never_give_a_500(client, query):
    for path in ("/en/check/", "/en/check/country/", "/en/check/uses/", "/en/check/answers/"):
        assert client.get(f"{path}?{query}").status_code in (200, 302, 400)
    assert client.get(f"/en/result/?{query}").status_code in (200, 302, 400)
