"""Shared checks for browser tests: accessibility (axe-core), privacy (requests, cookies), console.

from tests.browser.helpers import assert_no_axe_violations, watch, assert_no_cookies

def test_page(page, live_server, content):
    watcher = watch(page, live_server.url)      # before the first navigation
    page.goto(live_server.url + "/en/")
    assert_no_axe_violations(page)
    watcher.assert_clean()                      # no off-host request, no console error
    assert_no_cookies(page)
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Request, Response

# WCAG 2.2 levels A and AA (axe-core tags; 2.2 added only AA rules).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_AXE = Axe()


def assert_no_axe_violations(page: Page, context: str | None = None) -> None:
    """Run axe-core on the page as it is now; fail with a readable list of violations."""
    results = _AXE.run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    assert not lines, f"axe-core found WCAG violations on {page.url}:\n" + "\n".join(lines)


@dataclass
class Watcher:
    """What a page did since `watch()`: every request, console errors, Set-Cookie headers."""

    allowed_host: str
    # Paths whose error status is the point of the test (a 404 page): not a console error then.
    expected_error_paths: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    set_cookies: list[str] = field(default_factory=list)

    def off_host_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about")
            and urlsplit(url).netloc != self.allowed_host
        ]

    def assert_no_off_host_request(self) -> None:
        assert self.requests, "no request was recorded: was watch() called before goto()?"
        off_host = self.off_host_requests()
        assert not off_host, f"requests left {self.allowed_host}:\n" + "\n".join(off_host)

    def assert_no_console_error(self) -> None:
        assert not self.console_errors, "console errors:\n" + "\n".join(self.console_errors)

    def assert_no_set_cookie(self) -> None:
        assert not self.set_cookies, "responses set cookies:\n" + "\n".join(self.set_cookies)

    def assert_clean(self) -> None:
        self.assert_no_off_host_request()
        self.assert_no_console_error()
        self.assert_no_set_cookie()


def watch(
    page: Page, live_server_url: str, expected_error_paths: set[str] = frozenset()
) -> Watcher:
    """Record the page's requests, console errors (CSP violations included) and Set-Cookie."""
    watcher = Watcher(urlsplit(live_server_url).netloc, set(expected_error_paths))

    def on_request(request: Request) -> None:
        watcher.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = urlsplit(message.location.get("url", "")).path
        if message.text.startswith("Failed to load resource") and (
            source in watcher.expected_error_paths
        ):
            return
        watcher.console_errors.append(f"{page.url}: {message.text}")

    def on_page_error(error: Exception) -> None:
        watcher.console_errors.append(f"{page.url}: uncaught {error}")

    def on_response(response: Response) -> None:
        cookie = response.headers.get("set-cookie")
        if cookie:
            watcher.set_cookies.append(f"{response.url}: {cookie}")

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("response", on_response)
    return watcher


def assert_no_cookies(page: Page) -> None:
    """The browser holds no cookie at all (set by a header or by script)."""
    cookies = page.context.cookies()
    assert cookies == [], f"cookies were set: {[cookie['name'] for cookie in cookies]}"
    assert page.evaluate("document.cookie") == ""


def assert_pages_clean(
    page: Page, base_url: str, paths: list[str], lang: str, missing: str | None = None
) -> None:
    """Load each path (formatted with `lang`): no redirect (the path is the canonical one), the
    expected status (404 for paths containing `missing`), the page's language, one h1, no axe
    violation; then, over all of them, no off-host request, no console error and no cookie."""
    expected_errors = {path.format(lang=lang) for path in paths if missing and missing in path}
    watcher = watch(page, base_url, expected_error_paths=expected_errors)
    for path in paths:
        url = base_url + path.format(lang=lang)
        response = page.goto(url)
        assert response is not None
        assert page.url == url, f"{url} redirected to {page.url}"
        assert response.status == (404 if missing and missing in path else 200), url
        assert page.locator("html").get_attribute("lang") == lang, url
        assert page.locator("h1").count() == 1, url
        assert_no_axe_violations(page)
    watcher.assert_clean()
    assert_no_cookies(page)


# Every visible word of the page, as laid out: on more than one line (broken mid-word), outside
# the viewport's width, or outside a box that clips or scrolls it sideways. Words are runs between
# spaces, hyphens and slashes (a line may break there). Text in boxes of a pixel or less (visually
# hidden for screen readers), off to the left (a skip link until focused) and in form controls
# does not count.
_TEXT_LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const skipped = new Set(["SCRIPT", "STYLE", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "TITLE"]);
  const hidden = (element) => {
    for (let box = element; box; box = box.parentElement) {
      if (skipped.has(box.tagName)) return true;
      const rect = box.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1 || rect.right <= 0) return true;
    }
    return !element.checkVisibility({ visibilityProperty: true });
  };
  const clippers = (element) => {
    const boxes = [];
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") boxes.push(box);
    }
    return boxes;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.data.trim() || hidden(element)) continue;
    const boxes = clippers(element).map((box) => {
      const rect = box.getBoundingClientRect();
      const left = rect.left + box.clientLeft;
      return { left, right: left + box.clientWidth };
    });
    for (const match of node.data.matchAll(/[^\\s\\-\\u2010\\u2013\\u2014\\/]+/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const word = `${match[0]} (in <${element.tagName.toLowerCase()}>)`;
      if (new Set(rects.map((rect) => Math.round(rect.bottom))).size > 1) {
        problems.push(`broken mid-word: ${word}`);
      }
      for (const rect of rects) {
        if (rect.left < -0.5 || rect.right > width + 0.5) problems.push(`off screen: ${word}`);
        else if (boxes.some((box) => rect.left < box.left - 0.5 || rect.right > box.right + 0.5)) {
          problems.push(`cut off or scrolled out of sight: ${word}`);
        }
      }
    }
  }
  return problems;
}"""


def assert_text_fits(page: Page) -> None:
    """No word of the page is broken mid-word, off the screen's width, or cut off by its box; and
    the page itself does not scroll sideways."""
    problems = page.evaluate(_TEXT_LAYOUT_PROBLEMS)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("document.documentElement.clientWidth")
    if width > viewport:
        problems.insert(0, f"the page is {width} pixels wide in a {viewport}-pixel viewport")
    shown = problems[:15] + ([f"... and {len(problems) - 15} more"] if len(problems) > 15 else [])
    assert not problems, f"{page.url}:\n" + "\n".join(shown)
