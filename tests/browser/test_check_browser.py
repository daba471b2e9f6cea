"""The self-assessment in Chromium: the whole journey with JavaScript on (htmx) and off, in French
and English, under a minute, with axe-core on every step and on the result."""

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import assert_no_axe_violations, assert_no_cookies, assert_pages_clean, watch

check_axe = assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = {
    "en": re.compile(r"3 of your 5 kinds of data may be used to train LinkedIn"),
    "fr": re.compile(r"3 de vos 5 types de données peuvent servir à entraîner"),
}
AGE_TITLE = {"en": "How old are you?", "fr": "Quel âge avez-vous ?"}


def answer_radio(page: Page, name: str, value: str) -> None:
    page.locator(f'input[name="{name}"][value="{value}"]').check()
    page.locator("#step button[type=submit]").click()


def journey(page: Page, base: str, lang: str, javascript: bool) -> None:
    """FR, adult, switched off after the start, posts and groups; with JavaScript, axe-core checks
    every step as htmx swapped it in (axe needs JavaScript: without it, see the full-page test)."""

    def assert_no_axe_violations(page: Page) -> None:
        if javascript:
            check_axe(page)

    page.goto(f"{base}/{lang}/check/")
    expect(page).to_have_url(re.compile(r"/check/country/$"))
    if javascript:
        page.evaluate("window.stillTheSamePage = true")  # survives htmx swaps, not reloads
    assert_no_axe_violations(page)
    expect(page.locator(".progress")).to_contain_text("1")

    page.locator("select#country").select_option("FR")
    page.locator("#step button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(AGE_TITLE[lang])
    expect(page).to_have_url(re.compile(r"/check/age/\?country=FR$"))
    assert_no_axe_violations(page)

    answer_radio(page, "age", "adult")
    expect(page).to_have_url(re.compile(r"/check/setting/\?country=FR&age=adult$"))
    assert_no_axe_violations(page)

    answer_radio(page, "setting", "off")
    expect(page).to_have_url(re.compile(r"/check/switched_off/"))
    expect(page.locator(".progress")).to_contain_text("4")
    assert_no_axe_violations(page)

    answer_radio(page, "switched_off", "after")
    expect(page).to_have_url(re.compile(r"/check/uses/"))
    assert_no_axe_violations(page)

    page.locator('input[name="uses"][value="posts"]').check()
    page.locator('input[name="uses"][value="groups"]').check()
    page.locator("#step button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/check/answers/\?.*uses=groups&uses=posts$"))
    expect(page.locator(".summary-row")).to_have_count(5)
    assert_no_axe_violations(page)
    if javascript:
        assert page.evaluate("window.stillTheSamePage === true"), "htmx did not swap in place"
        expect(page.locator("h1")).to_be_focused()
    other = "fr" if lang == "en" else "en"
    expect(page.locator("#lang-switch a")).to_have_attribute(
        "href", re.compile(rf"^/{other}/check/answers/\?country=FR&age=adult&setting=off")
    )

    page.locator("a.button").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/result/\?country=FR&age=adult&setting=off"))
    expect(page.locator("h1")).to_have_text(HEADLINE[lang])
    expect(page.locator(".result-item")).to_have_count(8)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_whole_journey_with_javascript_in_under_a_minute(
    page: Page, live_server, content, lang
):
    watcher = watch(page, live_server.url)
    started = time.monotonic()
    journey(page, live_server.url, lang, javascript=True)
    assert time.monotonic() - started < 60
    watcher.assert_clean()
    assert_no_cookies(page)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_whole_journey_without_javascript_in_under_a_minute(
    browser: Browser, live_server, content, lang
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watcher = watch(page, live_server.url)
    started = time.monotonic()
    journey(page, live_server.url, lang, javascript=False)
    assert time.monotonic() - started < 60
    watcher.assert_no_off_host_request()
    watcher.assert_no_set_cookie()
    assert context.cookies() == []
    context.close()


STEPS = [
    "check/country/",
    "check/age/?country=FR",
    "check/setting/?country=FR&age=adult",
    "check/switched_off/?country=FR&age=adult&setting=off",
    "check/uses/?country=FR&age=adult&setting=off&switched_off=unknown",
    "check/answers/?country=FR&age=adult&setting=off&switched_off=unknown&uses=",
    "check/country/?country=ZZ",
    "result/?country=FR&age=adult&setting=off&switched_off=unknown&uses=",
]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_step_as_a_full_page_is_accessible(page: Page, live_server, content, lang):
    """What a visitor without JavaScript (or with a bookmark) loads: whole pages, axe-checked."""
    assert_pages_clean(page, live_server.url, [f"/{{lang}}/{step}" for step in STEPS], lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_error_is_summarised_linked_to_its_field_and_accessible(
    page: Page, live_server, content, lang
):
    page.goto(f"{live_server.url}/{lang}/check/age/?country=FR")
    page.locator("#step button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert_no_axe_violations(page)
    summary.locator("a").click()
    expect(page.locator("#age")).to_be_focused()


def test_back_and_change_links_keep_the_answers(page: Page, live_server, content):
    base = live_server.url
    page.goto(f"{base}/en/check/answers/?country=FR&age=adult&setting=on&uses=posts")
    page.locator(".summary-row").nth(2).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/check/setting/\?"))
    expect(page.locator('input[name="setting"][value="on"]')).to_be_checked()
    answer_radio(page, "setting", "unknown")
    expect(page).to_have_url(re.compile(r"/check/answers/\?.*setting=unknown&uses=posts$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/check/setting/"))
    expect(page.locator("h1")).to_contain_text("Data for Generative AI Improvement")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "query",
    [
        "country=US&age=minor&uses=messages&uses=salary",
        "country=GB&age=adult&setting=unknown&uses=ai-tools&uses=feedback&uses=verification",
    ],
)
def test_other_results_are_accessible(page: Page, live_server, content, lang, query):
    page.goto(f"{live_server.url}/{lang}/result/?{query}")
    expect(page.locator(".result-item")).to_have_count(8)
    assert_no_axe_violations(page)
