"""Catalog pages in Chromium (fr, en): axe-core, privacy, console; search with and without JS."""

import re

import pytest
from playwright.sync_api import Page, expect

from catalog.rules.vocabulary import CATEGORY_SLUGS

from .helpers import assert_no_axe_violations, assert_no_cookies, assert_pages_clean, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{lang}/",
    *[f"/{{lang}}/categories/{slug}/" for slug in CATEGORY_SLUGS],
    "/{lang}/exclusions/private-messages/",
    "/{lang}/exclusions/salary/",
    "/{lang}/exclusions/minors/",
    "/{lang}/exclusions/payment-data/",
    "/{lang}/search/",
    "/{lang}/search/?q=photo",
    "/{lang}/search/?q=zzzz",
    "/{lang}/notices/",
    "/{lang}/notices/2025-11-03/",
    "/{lang}/notices/2026-08-21/",
    "/{lang}/sources/",
    "/{lang}/not-a-member/",
    "/{lang}/changes/",
    "/{lang}/no-such-page/",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_is_accessible_private_and_error_free(page: Page, live_server, content, lang):
    assert_pages_clean(page, live_server.url, PAGES, lang, missing="no-such-page")


SMALL_SCREEN_PAGES = [
    "/fr/",  # the regions table: cards under 600 pixels
    "/fr/changes/",
    "/fr/not-a-member/",
    "/fr/result/?country=GB&age=adult&setting=off&switched_off=before&member_earlier=yes&uses=",
    "/fr/check/member_earlier/?country=GB&age=adult&setting=off&switched_off=before",
]


def test_pages_reflow_on_a_320_pixel_wide_screen_without_sideways_scrolling(
    browser, live_server, content
):
    """WCAG 1.4.10: at 320 CSS pixels nothing but a data table may need horizontal scrolling."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in SMALL_SCREEN_PAGES:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} pixels wide"
    context.close()


def test_search_updates_results_as_you_type_with_htmx(page: Page, live_server, content):
    watcher = watch(page, live_server.url)
    page.goto(live_server.url + "/en/search/")
    marker = page.evaluate("window.__samePage = 1")  # survives only without a navigation
    assert marker == 1
    page.get_by_label("A piece of data, in French or English").fill("cookies")
    expect(page.locator("#results")).to_contain_text("Online identifiers from cookies")
    expect(page.locator("#search-status")).to_have_text("1 result")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=cookies$"))
    assert page.evaluate("window.__samePage") == 1
    # The language switch follows the pushed URL (htmx sends it again out of band).
    expect(page.locator("#lang-switch a")).to_have_attribute("href", "/fr/search/?q=cookies")
    page.get_by_label("A piece of data, in French or English").fill("salaire")
    expect(page.locator("#results")).to_contain_text("Salary data")
    expect(page).to_have_url(re.compile(r"\?q=salaire$"))
    assert page.evaluate("window.__samePage") == 1
    assert_no_axe_violations(page)
    watcher.assert_clean()
    assert_no_cookies(page)


def test_search_works_without_javascript(browser, live_server, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watcher = watch(page, live_server.url)
    page.goto(live_server.url + "/fr/search/")
    page.get_by_label("Une donnée, en français ou en anglais").fill("CV")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"/fr/search/\?q=CV$"))
    expect(page.locator("#results")).to_contain_text("CV et réponses aux questions de présélection")
    expect(page.locator("#search-status")).to_contain_text("résultats")
    watcher.assert_clean()
    assert context.cookies() == []
    context.close()


def test_the_shared_helpers_catch_what_they_check(page: Page, live_server):
    """The checks above would fail on a bad page: a missing alt, an off-host request, an error."""
    page.route("http://elsewhere.invalid/**", lambda route: route.abort())
    watcher = watch(page, live_server.url)
    page.goto(live_server.url + "/static/css/site.css")
    page.set_content(
        '<html lang="en"><title>t</title><img src="http://elsewhere.invalid/x.png">'
        "<script>console.error('boom')</script></html>"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
    assert watcher.off_host_requests() == ["http://elsewhere.invalid/x.png"]
    with pytest.raises(AssertionError, match="boom"):
        watcher.assert_no_console_error()
