"""How the pages look in Chromium, in French and English: on a phone (tables as cards, a two-line
header, nothing sideways, no word broken), the font, the questionnaire's 40-pixel radios and
checkboxes, the result's markers, its main button and QR code, on paper; and the screenshots of
the result page (test-results/screenshots/, the README's come from there: `make screenshots`)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.rules.vocabulary import CATEGORY_SLUGS

from .helpers import assert_no_axe_violations, assert_text_fits, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LANGS = ["fr", "en"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

FR_ON = "country=FR&age=adult&setting=on&uses=ai-tools&uses=posts"  # the switch-off button
GB_PAST = "country=GB&age=adult&setting=off&switched_off=after&uses=posts"  # past-only
CODE = codes.encode(Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"})), 2)

TABLE_PAGES = ["/{lang}/", *[f"/{{lang}}/categories/{slug}/" for slug in CATEGORY_SLUGS]]
# One page of each type, the questionnaire's three kinds of question included.
EVERY_PAGE_TYPE = [
    *TABLE_PAGES,
    "/{lang}/exclusions/private-messages/",
    "/{lang}/search/?q=photo",
    "/{lang}/notices/",
    "/{lang}/notices/2026-08-21/",
    "/{lang}/sources/",
    "/{lang}/not-a-member/",
    "/{lang}/changes/",
    "/{lang}/check/country/",
    "/{lang}/check/age/?country=FR",
    "/{lang}/check/uses/?country=FR&age=adult&setting=on",
    f"/{{lang}}/check/answers/?{FR_ON}",
    f"/{{lang}}/result/?{FR_ON}",
    f"/{{lang}}/result/?{GB_PAST}",
    f"/{{lang}}/r/{CODE}/",
    f"/{{lang}}/r/{CODE}/letter/",
    "/{lang}/no-such-page/",
]


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


# ---------------------------------------------------------------------------------- on a phone


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_regions_and_items_tables_are_cards_with_every_word_in_sight(
    phone: Page, live_server, content, lang
):
    for path in TABLE_PAGES:
        phone.goto(live_server.url + path.format(lang=lang))
        table = phone.locator(".table-wrap table")
        wrap = phone.locator(".table-wrap").bounding_box()
        rows = table.locator("tbody tr")
        assert rows.count() > 1
        for row in rows.all():  # one card a row, as wide as the page's column
            box = row.bounding_box()
            assert box["x"] >= wrap["x"] and box["x"] + box["width"] <= wrap["x"] + wrap["width"]
        for cell in table.locator("td[data-label]").all():  # each value under its column's name
            label = cell.evaluate("td => getComputedStyle(td, '::before').content")
            assert label == f'"{cell.get_attribute("data-label")}"', path
        scroll = phone.locator(".table-wrap").evaluate("w => w.scrollWidth - w.clientWidth")
        assert scroll == 0, f"{path}: the table scrolls {scroll} pixels sideways"
        assert_text_fits(phone)
        assert_no_axe_violations(phone)


def test_the_cards_are_still_a_table_for_screen_readers(phone: Page, live_server, content):
    """Chromium keeps the rows and cells of a table shown as blocks in its accessibility tree."""
    phone.goto(f"{live_server.url}/en/categories/profile/")
    session = phone.context.new_cdp_session(phone)
    roles = [node["role"]["value"] for node in session.send("Accessibility.getFullAXTree")["nodes"]]
    rows = phone.locator(".table-wrap tbody tr").count()
    assert roles.count("table") == 1
    assert roles.count("row") == rows + 1  # and the header row
    assert roles.count("rowheader") == rows
    assert roles.count("columnheader") == 4
    assert roles.count("cell") == rows * 3


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_no_page_scrolls_sideways_or_breaks_a_word(
    phone: Page, live_server, content, lang
):
    for path in EVERY_PAGE_TYPE:
        phone.goto(live_server.url + path.format(lang=lang))
        assert_text_fits(phone)


def header_lines(page: Page) -> int:
    """How many lines the header's visible items take: each item on a single line, and items
    that overlap vertically share one."""
    boxes = []
    for item in page.locator(".site-header :is(.brand, nav a, .lang-switch a)").all():
        if not item.is_visible():
            continue
        rects = item.evaluate("e => [...e.getClientRects()].map(r => [r.top, r.bottom])")
        assert len(rects) == 1, f"{item.inner_text()!r} is on {len(rects)} lines"
        boxes.append(rects[0])
    lines: list[list[float]] = []
    for top, bottom in sorted(boxes):
        if lines and top < lines[-1][1]:
            lines[-1][1] = max(lines[-1][1], bottom)
        else:
            lines.append([top, bottom])
    return len(lines)


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_header_takes_two_lines(phone: Page, live_server, content, lang):
    for width, path in [
        (390, "/{lang}/"),
        (390, "/{lang}/check/country/"),
        (390, f"/{{lang}}/result/?{FR_ON}"),
        (320, "/{lang}/"),  # the smallest phones too
    ]:
        phone.set_viewport_size({**PHONE, "width": width})
        phone.goto(live_server.url + path.format(lang=lang))
        assert header_lines(phone) <= 2, (width, path)
        assert phone.locator(".site-header").bounding_box()["height"] <= 90
        # The brand and the way into the check are there; the footer has the other links.
        expect(phone.locator(".site-header nav a").first).to_be_visible()
        for link in phone.locator(".site-header .nav-wide a").all():
            href = link.get_attribute("href")
            expect(phone.locator(f'.site-footer a[href="{href}"]')).to_be_visible()


def test_on_a_desktop_the_header_also_takes_two_lines_with_every_link(
    desktop: Page, live_server, content
):
    for lang in LANGS:
        desktop.goto(f"{live_server.url}/{lang}/")
        assert header_lines(desktop) == 2
        expect(desktop.locator(".site-header nav a")).to_have_count(4)
        for link in desktop.locator(".site-header nav a").all():
            expect(link).to_be_visible()


def test_on_a_tablet_and_a_desktop_the_tables_keep_every_word_in_sight(
    browser: Browser, live_server, content
):
    """Above 600 pixels the tables stay tables: citations wrap between sources in their column."""
    for width in [640, DESKTOP["width"]]:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for lang in LANGS:
            for path in TABLE_PAGES:
                page.goto(live_server.url + path.format(lang=lang))
                expect(page.locator(".table-wrap thead")).to_be_visible()
                assert_text_fits(page)
        context.close()


# ---------------------------------------------------------------------------------- looks


def installed_fonts() -> set[str]:
    if not shutil.which("fc-list"):
        return set()
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return {family.strip() for line in listed.splitlines() for family in line.split(",")}


def rendered_font(page: Page, selector: str) -> str:
    """The font Chromium really drew most of the element's text with (not the CSS list)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return max(fonts, key=lambda font: font["glyphCount"])["familyName"]


def test_text_is_set_in_a_platform_interface_font_not_the_heavy_fallback(
    page: Page, live_server, content
):
    """On Debian, system-ui resolves to DejaVu Sans: a platform font named before it must win."""
    better = installed_fonts() & {"Noto Sans", "Liberation Sans", "Arial"}
    if not better:
        pytest.skip("neither Noto Sans nor Liberation Sans is installed")
    page.goto(f"{live_server.url}/fr/")
    for selector in [".lead", "h1", ".site-header nav a"]:
        drawn = rendered_font(page, selector)
        assert drawn in better, f"{selector} is drawn with {drawn}"


@pytest.mark.parametrize("lang", LANGS)
def test_radios_and_checkboxes_are_40_pixel_targets(page: Page, live_server, content, lang):
    for path, kind in [
        ("/check/age/?country=FR", "radio"),
        ("/check/uses/?country=FR&age=adult&setting=on", "checkbox"),
    ]:
        page.goto(f"{live_server.url}/{lang}{path}")
        inputs = page.locator(f".choice input[type={kind}]")
        assert inputs.count() >= 2
        for field in inputs.all():
            box = field.bounding_box()
            assert box["width"] >= 40 and box["height"] >= 40, (path, box)
        first, last = inputs.first, inputs.last
        before = first.screenshot()
        first.click(position={"x": 3, "y": 20})  # near its edge: the whole box is the target
        expect(first).to_be_checked()
        assert first.screenshot() != before, "a checked box looks like an unchecked one"
        page.locator(f'label[for="{last.get_attribute("id")}"]').click()  # the label too
        expect(last).to_be_checked()
        assert_no_axe_violations(page)


def stripe_pixels(page: Page, selector: str) -> list[tuple[int, ...]]:
    """The colours down the middle of an element's left stripe, clear of its rounded corners."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(page.locator(selector).first.screenshot())).convert("RGB")
    return [image.getpixel((2, y)) for y in range(8, image.height - 8)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_past_only_stripe_is_drawn_whole_not_dashed(page: Page, live_server, content, lang):
    """A dashed border showed the page through its gaps and broke at its rounded corner: the
    "before" stripe is now hatched in two tones, with no gap, beside the statement and the cards."""
    page.goto(f"{live_server.url}/{lang}/result/?{GB_PAST}")
    for selector in [".headline-parts .part-before", ".status-past-only .result-item"]:
        pixels = stripe_pixels(page, selector)
        assert (255, 255, 255) not in pixels, f"{selector}: the stripe has gaps"
        assert len(set(pixels)) > 1, f"{selector}: the past stripe is not hatched"
    page.goto(f"{live_server.url}/{lang}/result/?{FR_ON}")
    for selector in [".status-in-scope .result-item", ".status-not-listed .result-item"]:
        assert len(set(stripe_pixels(page, selector))) == 1, f"{selector}: not a solid stripe"


@pytest.mark.parametrize("lang", LANGS)
def test_the_hint_beside_the_main_button_never_wraps_under_it(
    browser: Browser, live_server, content, lang
):
    for viewport in [DESKTOP, PHONE]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for path in ["/", f"/result/?{FR_ON}", "/result/?country=FR&age=minor"]:
            page.goto(f"{live_server.url}/{lang}{path}")
            button = page.locator("main .button").first.bounding_box()
            hint = page.locator("main .button + .hint").first
            lines = hint.evaluate("e => [...e.getClientRects()].map(r => [r.left, r.top])")
            beside = all(left >= button["x"] + button["width"] for left, _top in lines)
            under = all(top >= button["y"] + button["height"] for _left, top in lines)
            assert beside or under, f"{path} at {viewport['width']} px: {lines} vs {button}"
            if viewport is DESKTOP:
                assert beside, f"{path}: on a desktop the hint sits beside the button"
        context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_qr_code_follows_the_link_without_a_gap(
    browser: Browser, live_server, content, javascript
):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    for lang in LANGS:
        page.goto(f"{live_server.url}/{lang}/r/{CODE}/")
        gap = page.locator("img.qr").evaluate(
            """qr => {
              const figure = qr.closest("figure");
              let above = figure.previousElementSibling;
              const empty = (e) => !e.textContent.trim() && !e.querySelector("input, button");
              while (above && (above.getBoundingClientRect().height === 0 || empty(above))) {
                above = above.previousElementSibling;
              }
              return qr.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
            }"""
        )
        assert 0 <= gap <= 16, f"{gap} pixels above the QR code ({lang}, JS {javascript})"
    context.close()


# ---------------------------------------------------------------------------------- on paper


def printed_after(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        "links => links.map(a => getComputedStyle(a, '::after').content)"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_on_paper_folded_lists_open_and_only_outside_addresses_print(
    page: Page, live_server, content, lang
):
    page.goto(f"{live_server.url}/{lang}/categories/profile/")
    page.emulate_media(media="print")
    details = page.locator("main details")
    assert details.count()
    for block in details.all():
        expect(block.locator("xpath=./*[not(self::summary)]").first).to_be_visible()
    pages = ["/{lang}/", "/{lang}/categories/profile/", "/{lang}/sources/", f"/{{lang}}/r/{CODE}/"]
    for path in pages:
        page.goto(live_server.url + path.format(lang=lang))
        page.emulate_media(media="print")
        # Our own relative addresses (citations, pages of this site) mean nothing on paper.
        assert set(printed_after(page, 'main a[href^="/"]')) <= {"none", "normal"}, path
        assert set(printed_after(page, "main .cite a, main a.cite")) <= {"none", "normal"}, path
        outside = printed_after(page, 'main a[href^="http"]:not(.cite a)')
        assert all("http" in after for after in outside), path


@pytest.mark.parametrize("lang", LANGS)
def test_on_paper_only_what_works_on_paper_prints(page: Page, live_server, content, lang):
    page.goto(f"{live_server.url}/{lang}/r/{CODE}/")
    page.emulate_media(media="print")
    for hidden in [
        ".site-header nav",
        ".lang-switch",
        ".skip",
        "main button",
        "#share-link",
        ".share [data-without-js]",
        '.share a[href$="/feed/"]',
        '.share a[href$="/letter/"]',
        ".footer-links",
    ]:
        for element in page.locator(hidden).all():
            expect(element, hidden).to_be_hidden()
    # Who we are stays on paper, and so does the result's own link with its QR code.
    expect(page.locator(".site-footer p").first).to_be_visible()
    expect(page.locator(".site-footer p").first).to_contain_text("LinkedIn")
    expect(page.locator(".print-url")).to_be_visible()
    expect(page.locator("img.qr")).to_be_visible()
    expect(page.locator(".brand")).to_be_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")


# ---------------------------------------------------------------------------------- screenshots


@pytest.mark.parametrize("lang", LANGS)
def test_screenshots_of_the_result_at_a_glance(browser: Browser, live_server, content, lang):
    """The result's first screen, desktop and phone: the headline, the one action and its hint
    in sight, in a header of two lines. Saved for review (and for the README: make screenshots)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in [("desktop", DESKTOP), ("mobile", PHONE)]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        watcher = watch(page, live_server.url)
        page.goto(f"{live_server.url}/{lang}/result/?{FR_ON}")
        for part in ["h1", "h1 + .action .button", "h1 + .action .hint"]:
            expect(page.locator(part)).to_be_in_viewport(ratio=1)
        assert header_lines(page) <= 2
        assert_text_fits(page)
        page.screenshot(path=SCREENSHOTS / f"result-{lang}-{name}.png")
        page.screenshot(path=SCREENSHOTS / f"result-{lang}-{name}-full.png", full_page=True)
        watcher.assert_clean()
        context.close()
