"""Sharing a result in Chromium: copy link, other language, QR code, letter, no JS, axe-core."""

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from catalog.rules import codes
from catalog.rules.answers import Answers

from .helpers import assert_no_axe_violations, assert_no_cookies, assert_pages_clean, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FR_ON = Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"}))
CODE = codes.encode(FR_ON, 2)  # against the notice of 21 Aug 2026 (code_id 2)
OLD_CODE = codes.encode(FR_ON, 1)  # the same answers against the notice of 3 Nov 2025
RESULT_QUERY = "country=FR&age=adult&setting=on&uses=ai-tools&uses=posts"
SHORT_PATH = re.compile(r"/(en|fr)/r/2[0-9a-z]{8}/$")  # format 2: nine characters
COPY_LINK = {"en": "Copy link", "fr": "Copier le lien"}
COPIED = {"en": "Link copied.", "fr": "Lien copié."}


def qr_image(page: Page) -> Image.Image:
    """The QR code as shown, once the browser has loaded it (the image loads lazily)."""
    qr = page.locator("img.qr")
    qr.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    return Image.open(io.BytesIO(qr.screenshot()))


def statuses(page: Page) -> list[str | None]:
    return [item.get_attribute("class") for item in page.locator(".result-item").element_handles()]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_copy_link_puts_the_short_link_on_the_clipboard_and_says_so(
    page: Page, live_server, content, lang
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    watcher = watch(page, live_server.url)
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/")
    link = f"{live_server.url}/{lang}/r/{CODE}/"
    expect(page.locator("#share-link")).to_have_value(link)
    status = page.locator("[data-share-status]")
    expect(status).to_have_attribute("role", "status")  # announced by screen readers
    page.get_by_role("button", name=COPY_LINK[lang]).click()
    expect(status).to_have_text(COPIED[lang])
    assert page.evaluate("navigator.clipboard.readText()") == link
    watcher.assert_clean()
    assert_no_cookies(page)


def test_the_native_share_button_exists_only_where_the_browser_can_share(
    page: Page, live_server, content
):
    page.goto(f"{live_server.url}/en/r/{CODE}/")
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    can_share = page.evaluate("typeof navigator.share === 'function'")
    expect(page.get_by_role("button", name="Share…")).to_have_count(1 if can_share else 0)
    # The no-JS hint is gone once the buttons are there.
    expect(page.get_by_text("Select the link and copy it to share it.")).to_have_count(0)


def test_with_a_share_api_the_share_button_shares_the_short_link(page: Page, live_server, content):
    page.add_init_script(
        "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
    )
    page.goto(f"{live_server.url}/fr/r/{CODE}/")
    page.get_by_role("button", name="Partager…").click()
    shared = page.evaluate("window.__shared")
    assert shared["url"] == f"{live_server.url}/fr/r/{CODE}/"
    # The result's own headline: 3 of the 6 kinds of data may be used from now on.
    assert shared["title"] == page.locator("h1").inner_text()
    assert re.search(r"\b3\b\D+\b6\b", shared["title"])


def test_the_link_opens_the_same_result_in_the_other_language(page: Page, live_server, content):
    page.goto(f"{live_server.url}/fr/r/{CODE}/")
    french = statuses(page)
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/r/{CODE}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#share-link")).to_have_value(f"{live_server.url}/en/r/{CODE}/")
    assert statuses(page) == french
    assert len(french) == 8


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_qr_code_on_the_page_decodes_to_the_link(page: Page, live_server, content, lang):
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/")
    image = qr_image(page)
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [
        f"{live_server.url}/{lang}/r/{CODE}/"
    ]


def test_the_result_page_shares_the_short_link_too(page: Page, live_server, content):
    page.goto(f"{live_server.url}/en/result/?{RESULT_QUERY}")
    link = f"{live_server.url}/en/r/{CODE}/"
    assert SHORT_PATH.search(link)
    expect(page.locator('link[rel="canonical"]')).to_have_attribute("href", link)
    expect(page.locator("#share-link")).to_have_value(link)
    image = qr_image(page)
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [link]


def letter_text(page: Page) -> str:
    return page.locator("textarea#letter").input_value()


def test_the_objection_letter_names_the_visitors_categories(page: Page, live_server, content):
    page.goto(f"{live_server.url}/en/r/{CODE}/")
    page.locator('.share a[href$="/letter/"]').click()
    expect(page).to_have_url(f"{live_server.url}/en/r/{CODE}/letter/")
    text = letter_text(page)
    for name in [
        "Profile data",
        "Published content",  # posts
        "Activity history",
        "Technical data",
        "Inferred data",
        "Inputs to AI tools",  # ai-tools
    ]:
        assert name in text
    assert "Verification data" not in text  # no verification badge answered
    assert "GDPR" in text
    assert "[TO COMPLETE:" in text


def test_a_french_letter_for_a_verified_member_names_verification_data(
    page: Page, live_server, content
):
    code = codes.encode(Answers("BE", "adult", "off", "after", frozenset({"verification"})), 2)
    page.goto(f"{live_server.url}/fr/r/{code}/letter/")
    text = letter_text(page)
    assert "Données de vérification" in text
    assert "Contenu publié" not in text  # no posts answered
    assert "Saisies dans les outils d’IA" not in text  # no AI tools answered


def test_the_edited_letter_is_copied_and_downloaded_without_reaching_the_server(
    page: Page, live_server, content
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    watcher = watch(page, live_server.url)
    page.goto(f"{live_server.url}/en/r/{CODE}/letter/")
    secret = "I am a journalist protecting sources (zq-7731)."
    field = page.locator("textarea#letter")
    edited = letter_text(page).replace(
        letter_text(page)[letter_text(page).index("[TO COMPLETE:") :].split("]")[0] + "]",
        secret,
    )
    field.fill(edited)
    requests_before = len(watcher.requests)

    page.get_by_role("button", name="Copy the letter").click()
    expect(page.locator("[data-share-status]")).to_have_text("Letter copied.")
    assert page.evaluate("navigator.clipboard.readText()") == edited

    downloads = []
    page.on("download", lambda download: downloads.append(download))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the letter (.txt)").click()
    download = download_info.value
    assert download.suggested_filename == "linkedin-objection-letter.txt"
    with open(download.path(), encoding="utf-8") as saved:
        assert saved.read() == edited
    expect(page.locator("[data-share-status]")).to_have_text("Letter downloaded.")
    # No link to letter.txt either: the download is made in the browser.
    expect(page.locator(f'a[href="/en/r/{CODE}/letter.txt"]')).to_have_count(0)
    # The form is not sent as well: one click, one download, made in the browser.
    page.wait_for_timeout(500)
    assert len(downloads) == 1
    expect(page).to_have_url(f"{live_server.url}/en/r/{CODE}/letter/")
    expect(page.get_by_text("it is never sent to this site")).to_be_visible()
    expect(page.get_by_text("sends it straight back as a file")).to_have_count(0)

    later = watcher.requests[requests_before:]
    assert all(url.startswith("blob:") for url in later), later
    assert not any("zq-7731" in url for url in watcher.requests)
    watcher.assert_clean()


def test_where_the_browser_cannot_save_a_file_itself_the_form_still_posts_the_edits(
    page: Page, live_server, content
):
    """JavaScript on, but no <a download>: share.js leaves the form alone, which posts the
    letter as without JavaScript; one click is still one download, with the edits."""
    page.add_init_script("delete HTMLAnchorElement.prototype.download;")
    watcher = watch(page, live_server.url)
    page.goto(f"{live_server.url}/en/r/{CODE}/letter/")
    expect(page.get_by_role("button", name="Copy the letter")).to_have_count(
        1 if page.evaluate("!!(navigator.clipboard && navigator.clipboard.writeText)") else 0
    )
    expect(page.get_by_text("sends it straight back as a file")).to_be_visible()  # still true
    field = page.locator("textarea#letter")
    field.fill(field.input_value() + "Edited: é\u202f!")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the letter (.txt)").click()
    with open(download_info.value.path(), encoding="utf-8") as saved:
        assert saved.read() == field.input_value()
    page.wait_for_timeout(500)
    assert len(downloads) == 1
    assert f"{live_server.url}/en/r/{CODE}/letter.txt" in watcher.requests
    watcher.assert_clean()


def test_without_javascript_the_link_and_letter_still_work(browser: Browser, live_server, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/fr/r/{CODE}/")
        field = page.locator("#share-link")
        expect(field).to_have_value(f"{live_server.url}/fr/r/{CODE}/")
        expect(field).to_have_attribute("readonly", "")
        expect(page.locator(".share [data-without-js]")).to_be_visible()  # "select and copy"
        expect(page.locator("[data-action]")).to_have_count(0)  # no button that needs JS
        expect(page.locator("img.qr")).to_be_visible()
        page.locator('.share a[href$="/letter/"]').click()
        expect(page).to_have_url(f"{live_server.url}/fr/r/{CODE}/letter/")
        expect(page.locator("textarea#letter")).to_contain_text("Données de profil")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Télécharger la lettre (.txt)").click()
        with open(download_info.value.path(), encoding="utf-8") as saved:
            assert "https://www.linkedin.com/help/linkedin/ask/TS-DPRO" in saved.read()
    finally:
        context.close()


DOWNLOAD = {"fr": "Télécharger la lettre (.txt)", "en": "Download the letter (.txt)"}
FILENAME = {"fr": "lettre-opposition-linkedin.txt", "en": "linkedin-objection-letter.txt"}
PLACEHOLDER = re.compile(r"\[(?:TO COMPLETE|À COMPLÉTER)[^\]]*\]")


@pytest.fixture
def page_without_js(browser: Browser):
    """A page in a browser context with JavaScript off, as some visitors have it."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_javascript_the_downloaded_letter_holds_what_was_typed(
    page_without_js: Page, live_server, content, lang
):
    page = page_without_js
    watcher = watch(page, live_server.url)
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/letter/")
    expect(page.locator("[data-without-js]")).to_be_visible()  # says where the text goes
    expect(page.locator("[data-with-js]")).to_be_hidden()
    field = page.locator("textarea#letter")
    grounds = "Je suis journaliste\u202f: mes sources — «\u202fprotégées\u202f» (zq-7731)."
    field.fill(PLACEHOLDER.sub(grounds, field.input_value(), count=1))
    field.press("End")  # on the last line: typed there, key by key
    field.press_sequentially("P.-S. : données à effacer, ça va ? 😀")
    typed = field.input_value()
    assert grounds in typed and typed.endswith("ça va ? 😀")

    with page.expect_download() as download_info:
        page.get_by_role("button", name=DOWNLOAD[lang]).click()
    download = download_info.value
    assert download.suggested_filename == FILENAME[lang]
    with open(download.path(), "rb") as saved:
        assert saved.read() == typed.encode("utf-8")  # LF newlines, as typed
    # A download does not navigate: the page and what was typed stay.
    expect(page).to_have_url(f"{live_server.url}/{lang}/r/{CODE}/letter/")
    expect(field).to_have_value(typed)
    watcher.assert_clean()
    assert_no_cookies(page)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_javascript_a_letter_too_long_comes_back_whole_with_the_limit(
    page_without_js: Page, live_server, content, lang
):
    page = page_without_js
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/letter/")
    field = page.locator("textarea#letter")
    typed = field.input_value() + "é" * 20_000
    field.fill(typed)
    with page.expect_response(re.compile(r"/letter\.txt$")) as answer:
        page.get_by_role("button", name=DOWNLOAD[lang]).click()
    assert answer.value.status == 413
    expect(page.locator(".error-summary")).to_contain_text("20" + ("\xa0" if lang == "fr" else ","))
    expect(page.locator("textarea#letter")).to_have_value(typed)  # nothing lost
    # Shortened, it downloads from the page shown again.
    field.fill(typed[:-10_000])
    with page.expect_download() as download_info:
        page.get_by_role("button", name=DOWNLOAD[lang]).click()
    with open(download_info.value.path(), encoding="utf-8") as saved:
        assert saved.read() == typed[:-10_000]


def test_an_old_link_says_a_newer_notice_exists_and_rechecks_with_the_same_answers(
    page: Page, live_server, content
):
    page.goto(f"{live_server.url}/en/r/{OLD_CODE}/")
    expect(page.get_by_text("A newer version is now in force")).to_be_visible()
    page.get_by_role("link", name="Check again against the current notice").click()
    expect(page).to_have_url(f"{live_server.url}/en/result/?{RESULT_QUERY}")
    expect(page.locator("#share-link")).to_have_value(f"{live_server.url}/en/r/{CODE}/")


NEW_PAGES = [
    f"/{{lang}}/r/{CODE}/",
    f"/{{lang}}/r/{OLD_CODE}/",
    f"/{{lang}}/r/{CODE}/letter/",
    f"/{{lang}}/r/{OLD_CODE}/letter/",
    f"/{{lang}}/result/?{RESULT_QUERY}",
    "/{lang}/r/not-a-code/",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_new_page_passes_axe_and_stays_private(page: Page, live_server, content, lang):
    assert_pages_clean(page, live_server.url, NEW_PAGES, lang, missing="not-a-code")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_after_copying_the_page_still_passes_axe(page: Page, live_server, content, lang):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/")
    page.get_by_role("button", name=COPY_LINK[lang]).click()
    expect(page.locator("[data-share-status]")).to_have_text(COPIED[lang])
    assert_no_axe_violations(page)


def test_the_result_prints_with_its_link_and_without_buttons(page: Page, live_server, content):
    page.goto(f"{live_server.url}/en/r/{CODE}/")
    page.emulate_media(media="print")
    expect(page.locator(".print-url")).to_be_visible()
    expect(page.locator(".print-url")).to_have_text(f"{live_server.url}/en/r/{CODE}/")
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(page.locator(".site-header nav")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_reference_list_is_printed_and_not_shown_on_screen(page: Page, live_server, content):
    page.goto(f"{live_server.url}/fr/r/{CODE}/")
    references = page.locator(".references")
    expect(references).to_be_hidden()
    page.emulate_media(media="print")
    expect(references).to_be_visible()
    expect(references.locator("li").first).to_contain_text("https://")


CHECK_YOUR_OWN = {"en": "Check your own situation", "fr": "Vérifier votre propre situation"}
A_MEMBER = {"en": "A member in France whose setting is on", "fr": "Un membre en France dont"}
THIS_MEMBER_LIVES = {"en": "This member lives in France.", "fr": "Ce membre vit en France."}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_shared_link_talks_about_a_member_and_first_offers_to_check_your_own(
    page: Page, live_server, content, lang
):
    watcher = watch(page, live_server.url)
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/")
    # The first link in <main>, before the headline: a button to the questionnaire's start.
    first = page.locator("main a").first
    expect(first).to_have_text(CHECK_YOUR_OWN[lang])
    expect(first).to_have_class(re.compile(r"\bbutton\b"))
    box, heading = first.bounding_box(), page.locator("h1").bounding_box()
    assert box is not None and heading is not None and box["y"] < heading["y"]
    expect(page.locator("h1")).to_contain_text(A_MEMBER[lang])
    expect(page.locator("p.lead")).to_contain_text(THIS_MEMBER_LIVES[lang])
    assert_no_axe_violations(page)
    first.click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/check/country/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    watcher.assert_clean()
    assert_no_cookies(page)


def test_the_visitors_own_result_has_no_check_your_own_button(page: Page, live_server, content):
    page.goto(f"{live_server.url}/en/result/?{RESULT_QUERY}")
    expect(page.get_by_role("link", name=CHECK_YOUR_OWN["en"])).to_have_count(0)
    expect(page.locator("h1")).to_contain_text("of your 6 kinds of data")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_letter_page_as_browsers_without_javascript_see_it_passes_axe(
    page: Page, live_server, content, lang
):
    """axe-core cannot run where JavaScript is off; the page's own scripts are blocked instead,
    so the page is the one a browser without JavaScript shows: before a download and when a
    letter too long comes back."""
    page.route("**/*.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/letter/")
    expect(page.locator("[data-without-js]")).to_be_visible()
    expect(page.locator("[data-action]")).to_have_count(0)  # no JavaScript, no copy button
    assert_no_axe_violations(page)
    field = page.locator("textarea#letter")
    field.fill(field.input_value() + "x" * 20_000)
    with page.expect_response(re.compile(r"/letter\.txt$")) as answer:
        page.get_by_role("button", name=DOWNLOAD[lang]).click()
    assert answer.value.status == 413
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)
