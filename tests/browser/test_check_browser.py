"""The self-assessment in Chromium: whole journeys with JavaScript on (htmx) and off, in French and
English, under a minute, with axe-core on every step and on the result; what the result puts next
to its headline; which law it names where the European notice does not apply."""

import re
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from catalog.present.summary import SETTING_URL

from .helpers import assert_no_axe_violations, assert_no_cookies, assert_pages_clean, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Any mention of the GDPR, in either language (the EU route names it; outside Europe nothing may).
GDPR = re.compile(
    r"\b(GDPR|RGPD)\b|General Data Protection|règlement général sur la protection", re.I
)


@dataclass(frozen=True)
class Journey:
    """Answers given one question at a time, in the order the questionnaire must ask them."""

    steps: tuple[tuple[str, tuple[str, ...]], ...]  # (question key, values chosen)
    query: str  # the answers page's and the result's query string, in canonical order

    @property
    def keys(self) -> list[str]:
        return [key for key, _values in self.steps]


# FR, adult, switched off after the start, posts and groups.
FRANCE_OFF_AFTER = Journey(
    (
        ("country", ("FR",)),
        ("age", ("adult",)),
        ("setting", ("off",)),
        ("switched_off", ("after",)),
        ("uses", ("posts", "groups")),
    ),
    "country=FR&age=adult&setting=off&switched_off=after&uses=groups&uses=posts",
)
# GB, adult, switched off before 3 Nov 2025 but had an account before the 2024 pause; no uses.
UK_OFF_BEFORE_MEMBER_IN_2024 = Journey(
    (
        ("country", ("GB",)),
        ("age", ("adult",)),
        ("setting", ("off",)),
        ("switched_off", ("before",)),
        ("member_earlier", ("yes",)),
        ("uses", ()),
    ),
    "country=GB&age=adult&setting=off&switched_off=before&member_earlier=yes&uses=",
)
# Minors are asked neither the setting nor what they do; in the US whether they had an account.
MINOR_IN_FRANCE = Journey((("country", ("FR",)), ("age", ("minor",))), "country=FR&age=minor")
MINOR_IN_THE_US = Journey(
    (("country", ("US",)), ("age", ("minor",)), ("member_earlier", ("yes",))),
    "country=US&age=minor&member_earlier=yes",
)


def run_journey(
    page: Page, base: str, lang: str, journey: Journey, javascript: bool, axe: bool = False
) -> None:
    """Answer each question in turn, from /check/ to the result. Each step must be the question
    the journey expects next (so none is skipped or added), then the answers page lists one row
    per answer. With `axe`, axe-core checks every step as it is shown (it needs JavaScript)."""
    assert javascript or not axe, "axe-core runs in the page: it needs JavaScript"
    page.goto(f"{base}/{lang}/check/")
    if javascript:
        page.evaluate("window.stillTheSamePage = true")  # survives htmx swaps, not reloads
    for number, (key, values) in enumerate(journey.steps, start=1):
        expect(page).to_have_url(re.compile(rf"/{lang}/check/{key}/(\?|$)"))
        expect(page.locator(".progress")).to_have_text(re.compile(rf"^\D*\b{number}\b"))
        if axe:
            assert_no_axe_violations(page)
        if key == "country":
            page.locator("select#country").select_option(values[0])
        else:
            for value in values:
                page.locator(f'input[name="{key}"][value="{value}"]').check()
        page.locator("#step button[type=submit]").click()

    expect(page).to_have_url(f"{base}/{lang}/check/answers/?{journey.query}")
    expect(page.locator(".summary-row")).to_have_count(len(journey.steps))
    if axe:
        assert_no_axe_violations(page)
    if javascript:
        assert page.evaluate("window.stillTheSamePage === true"), "htmx did not swap in place"
        expect(page.locator("h1")).to_be_focused()
    other = "fr" if lang == "en" else "en"
    expect(page.locator("#lang-switch a")).to_have_attribute(
        "href", f"/{other}/check/answers/?{journey.query}"
    )
    page.locator("a.button").click()
    expect(page).to_have_url(f"{base}/{lang}/result/?{journey.query}")
    expect(page.locator(".result-item")).to_have_count(8)
    if axe:
        assert_no_axe_violations(page)


def expect_past_only_result(page: Page, kinds: int, of: int) -> None:
    """A result that says data may have been used before, and nothing from now on."""
    expect(page.locator(".part-before")).to_have_text(re.compile(rf"\b{kinds}\b\D+\b{of}\b"))
    expect(page.locator(".part-now")).to_have_count(0)
    expect(page.locator(".status-in-scope")).to_have_count(0)
    expect(page.locator(".status-past-only .result-item")).to_have_count(kinds)


def assert_journey_headline(page: Page, lang: str) -> None:
    # French interface wording comes from locale/ (its translators' to word): not asserted here;
    # the parts below are checked in both languages.
    if lang == "en":
        expect(page.locator("h1")).to_have_text(
            "Not from now on, but some of your data may have been used before"
        )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_whole_journey_with_javascript_in_under_a_minute(
    page: Page, live_server, content, lang
):
    watcher = watch(page, live_server.url)
    started = time.monotonic()
    run_journey(page, live_server.url, lang, FRANCE_OFF_AFTER, javascript=True, axe=True)
    assert time.monotonic() - started < 60
    assert_journey_headline(page, lang)
    expect_past_only_result(page, kinds=3, of=5)
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
    run_journey(page, live_server.url, lang, FRANCE_OFF_AFTER, javascript=False)
    assert time.monotonic() - started < 60
    assert_journey_headline(page, lang)
    expect_past_only_result(page, kinds=3, of=5)
    watcher.assert_no_off_host_request()
    watcher.assert_no_set_cookie()
    assert context.cookies() == []
    context.close()


@pytest.mark.parametrize(
    ("javascript", "lang", "pause"),
    [(True, "en", "20 September 2024"), (False, "fr", "20 septembre 2024")],
)
def test_a_uk_member_who_switched_off_before_but_had_an_account_in_2024_may_have_been_used_before(
    browser: Browser, live_server, content, javascript, lang, pause
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    watcher = watch(page, live_server.url)
    run_journey(
        page, live_server.url, lang, UK_OFF_BEFORE_MEMBER_IN_2024, javascript, axe=javascript
    )
    assert_journey_headline(page, lang)
    # Profile data only (no uses answered): before, in the 2024 period, which ended at the pause.
    expect_past_only_result(page, kinds=1, of=4)
    expect(page.locator(".part-before")).to_contain_text(pause)
    expect(page.locator("#result-profile")).to_be_visible()
    expect(page.locator(".action")).to_have_count(0)  # the setting is already off
    watcher.assert_no_off_host_request()
    if javascript:
        watcher.assert_no_console_error()
    watcher.assert_no_set_cookie()
    assert context.cookies() == []
    context.close()


def test_a_minor_is_asked_neither_the_setting_nor_what_they_do(page: Page, live_server, content):
    watcher = watch(page, live_server.url)
    run_journey(page, live_server.url, "en", MINOR_IN_FRANCE, javascript=True)
    expect(page.locator(".status-not-in-scope")).to_have_count(1)
    # Where LinkedIn trained in 2024 its under-18 exclusion is not sourced: it asks about then.
    run_journey(page, live_server.url, "en", MINOR_IN_THE_US, javascript=True)
    expect(page.locator(".part-before")).to_be_visible()
    assert_no_axe_violations(page)
    watcher.assert_clean()


# Result queries (canonical) and whether the switch-off link belongs next to the headline.
SWITCH_OFF_ADVISED = {
    "country=FR&age=minor": True,  # minors: LinkedIn's exclusion is its own judgement
    "country=US&age=minor&member_earlier=yes": True,
    "country=FR&age=adult&setting=on&uses=": True,
    "country=GB&age=adult&setting=unknown&uses=posts": True,  # on by default
    "country=FR&age=adult&setting=off&switched_off=after&uses=": False,
    "country=US&age=adult&setting=off&uses=": False,
}


def test_the_switch_off_link_sits_next_to_the_headline_for_minors_and_a_setting_maybe_on(
    page: Page, live_server, content
):
    for query, advised in SWITCH_OFF_ADVISED.items():
        url = f"{live_server.url}/en/result/?{query}"
        page.goto(url)
        expect(page).to_have_url(url)  # canonical: no redirect to other answers
        action = page.locator("h1 + .action a.button")  # right after the headline
        if advised:
            expect(action, query).to_have_attribute("href", SETTING_URL)
            expect(action, query).to_be_in_viewport()
        else:
            expect(page.locator(".action"), query).to_have_count(0)


def test_a_printed_result_keeps_the_switch_off_link_and_its_address(
    page: Page, live_server, content
):
    page.goto(f"{live_server.url}/en/result/?country=FR&age=minor")
    page.emulate_media(media="print")
    link = page.locator("h1 + .action a.button")
    expect(link).to_be_visible()
    assert SETTING_URL in link.evaluate("a => getComputedStyle(a, '::after').content")
    expect(page.locator(".site-header nav")).to_be_hidden()
    # Source slugs stay short on paper: their links print without an address.
    source = page.locator("main .cite a").first
    assert source.evaluate("a => getComputedStyle(a, '::after').content") == "none"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_us_result_names_linkedin_corporation_and_never_the_gdpr(
    page: Page, live_server, content, lang
):
    base = live_server.url
    # In France the objection route is the GDPR's: the check below would see it.
    page.goto(f"{base}/{lang}/result/?country=FR&age=adult&setting=on&uses=posts")
    assert GDPR.search(page.locator("main").inner_text())

    page.goto(f"{base}/{lang}/result/?country=US&age=adult&setting=on&uses=posts")
    main = page.locator("main")
    expect(main).to_contain_text("LinkedIn Corporation")
    expect(main).not_to_contain_text("LinkedIn Ireland")
    assert not GDPR.search(main.inner_text())
    assert not GDPR.search(page.title())

    page.locator('.share a[href$="/letter/"]').click()
    expect(page).to_have_url(re.compile(rf"/{lang}/r/2[0-9a-z]{{8}}/letter/$"))
    letter = page.locator("textarea#letter").input_value()
    assert "LinkedIn Corporation" in letter
    assert not GDPR.search(letter)
    assert not GDPR.search(page.locator("main").inner_text())
    assert_no_axe_violations(page)


STEPS = [
    "check/country/",
    "check/age/?country=FR",
    "check/setting/?country=FR&age=adult",
    "check/switched_off/?country=FR&age=adult&setting=off",
    "check/member_earlier/?country=GB&age=adult&setting=off&switched_off=before",
    "check/uses/?country=FR&age=adult&setting=off&switched_off=unknown",
    "check/answers/?country=FR&age=adult&setting=off&switched_off=unknown&uses=",
    "check/country/?country=ZZ",
]
# Between them, every status and both documents (the European notice, the global policy).
RESULTS = [
    "country=FR&age=adult&setting=off&switched_off=unknown&uses=",
    "country=FR&age=adult&setting=off&switched_off=before&uses=posts",
    "country=GB&age=adult&setting=unknown&uses=ai-tools&uses=feedback&uses=verification",
    "country=GB&age=adult&setting=off&switched_off=before&member_earlier=yes&uses=",
    "country=US&age=minor&member_earlier=unknown",
    "country=US&age=adult&setting=on&uses=messages&uses=salary",
]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_step_and_result_as_a_full_page_is_accessible(page: Page, live_server, content, lang):
    """What a visitor without JavaScript (or with a bookmark) loads: whole pages, axe-checked."""
    paths = [f"/{{lang}}/{step}" for step in STEPS]
    paths += [f"/{{lang}}/result/?{query}" for query in RESULTS]
    assert_pages_clean(page, live_server.url, paths, lang)


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
    page.locator('input[name="setting"][value="unknown"]').check()
    page.locator("#step button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/check/answers/\?.*setting=unknown&uses=posts$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/check/setting/"))
    expect(page.locator("h1")).to_contain_text("Data for Generative AI Improvement")
