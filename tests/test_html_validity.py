"""Every page type is valid HTML for the Nu Html Checker (vnu.jar), in French and in English.

The pages are rendered through the test client, written to a temporary folder and checked in one
run of the checker (one JVM start). A deliberately invalid canary page goes along: the checker must
report its errors, which proves it read the files, and report nothing else.

vnu.jar comes from npm (`make vnu`, pinned in package-lock.json), java from Debian.
"""

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import RequestFactory
from django.utils import translation

from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS
from catalog.web import middleware, views

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGS = ("fr", "en")

FR_ON = Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"}))
US_ON = Answers("US", "adult", "on", None, frozenset({"posts"}))
COMPLETE = "country=FR&age=adult&setting=off&switched_off=after&uses=groups&uses=posts"
GB_COMPLETE = "country=GB&age=adult&setting=off&switched_off=before&member_earlier=yes&uses=posts"
USES = "country=FR&age=adult&setting=on"
OVERSIZED = "&".join(["uses=posts"] * 1000)

# An htmx attribute without its data- prefix: the checker must flag it.
CANARY = '<!doctype html>\n<html lang="en">\n<title>Canary</title>\n<p hx-get="/">Canary</p>\n'


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # after /{lang}
    status: int = 200
    shows: str = ""  # markup that proves the page is the type it claims to be
    lacks: str = ""  # markup it must not have, for the same reason
    post: str | None = None  # a urlencoded body to POST (the letter to download) instead of GET
    site: str = "same-origin"  # the POST's Sec-Fetch-Site


def page_types(notice) -> list[Page]:
    code = codes.encode(FR_ON, notice.code_id)
    us_code = codes.encode(US_ON, notice.code_id)
    return [
        Page("home", "/"),
        *[Page(f"category-{slug}", f"/categories/{slug}/") for slug in CATEGORY_SLUGS],
        *[Page(f"exclusion-{slug}", f"/exclusions/{slug}/") for slug in EXCLUSION_SLUGS],
        Page("search", "/search/"),
        Page("search-results", "/search/?q=photo", shows='<ul class="results">'),
        Page("search-no-results", "/search/?q=zzqxj", lacks='<ul class="results">'),
        Page("notices", "/notices/"),
        Page("notice", f"/notices/{notice.slug}/"),
        Page("sources", "/sources/"),
        Page("not-a-member", "/not-a-member/"),
        Page("changes", "/changes/"),
        Page("question-select", "/check/country/", shows="<select "),
        Page("question-radio", "/check/age/?country=FR", shows='type="radio"'),
        Page("question-checkbox", f"/check/uses/?{USES}", shows='type="checkbox"'),
        Page("question-select-error", "/check/country/?step=country", shows='role="alert"'),
        Page("question-radio-error", "/check/age/?country=FR&step=age", shows='role="alert"'),
        Page("check-answers", f"/check/answers/?{COMPLETE}", shows='<dl class="summary">'),
        Page("check-answers-uk", f"/check/answers/?{GB_COMPLETE}", shows='<dl class="summary">'),
        Page("result", f"/result/?{COMPLETE}", shows='class="headline-parts"'),
        Page("result-uk", f"/result/?{GB_COMPLETE}", shows='class="headline-parts"'),
        Page("result-minor", "/result/?country=FR&age=minor", shows='class="headline-parts"'),
        Page("short-link", f"/r/{code}/", shows='class="headline-parts"'),
        Page("letter", f"/r/{code}/letter/"),
        Page("letter-global-policy", f"/r/{us_code}/letter/"),
        # The letter posted for download, shown again when it cannot be saved as it is.
        *[
            Page(name, f"/r/{code}/letter.txt", status, 'role="alert"', post=urlencode(body))
            for name, status, body in [
                ("letter-too-long", 413, {"letter": "é" * 20_001}),
                ("letter-controls", 400, {"letter": "a\x00\x1b\r\nb"}),
            ]
        ],
        Page("letter-unreadable", f"/r/{code}/letter.txt", 400, 'content="noindex"', post="x=1"),
        Page("letter-other-site", f"/r/{code}/letter.txt", 403, post="letter=x", site="cross-site"),
        Page("404", "/no-such-page/", 404),
        Page("400", f"/result/?{OVERSIZED}", 400),
        Page("bad-code", f"/r/{code[:-1]}/", 404, shows='content="noindex"'),
    ]


def checker_command() -> list[str]:
    """java -jar vnu.jar, or a skip (a failure on CI, which installs both) when one is missing."""
    java = shutil.which("java")
    if java and VNU_JAR.is_file():
        # C1 only with a serial GC: the run takes 2 s instead of 5; C1's deeper frames need the
        # larger stack (the checker asks for at least 512k).
        fast = ["-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
        return [java, *fast, "-jar", str(VNU_JAR), "--errors-only", "--format", "text"]
    missing = " and ".join(
        what
        for what, there in (("java", java), (f"{VNU_JAR.relative_to(ROOT)}", VNU_JAR.is_file()))
        if not there
    )
    message = f"{missing} missing: `make vnu` installs the Nu Html Checker (and java as root)"
    if os.environ.get("CI"):
        pytest.fail(message)  # a skipped check on CI would hide invalid pages
    pytest.skip(message)


def render_every_page(client, notice) -> dict[str, str]:
    """{file name: html} for every page type in both languages, with their statuses checked."""
    rendered = {}
    for lang in LANGS:
        for page in page_types(notice):
            if page.post is None:
                response = client.get(f"/{lang}{page.path}")
            else:
                response = client.post(
                    f"/{lang}{page.path}",
                    page.post,
                    content_type="application/x-www-form-urlencoded",
                    headers={"Sec-Fetch-Site": page.site},
                )
            html = response.content.decode()
            assert response.status_code == page.status, (lang, page.name, response.status_code)
            assert response["Content-Type"].startswith("text/html"), (lang, page.name)
            assert f'<html lang="{lang}">' in html, (lang, page.name)
            assert page.shows in html, (lang, page.name, page.shows)
            assert not page.lacks or page.lacks not in html, (lang, page.name, page.lacks)
            rendered[f"{lang}-{page.name}.html"] = html
        request = RequestFactory().get(f"/{lang}/")
        with translation.override(lang):
            rendered[f"{lang}-500.html"] = views.server_error(request).content.decode()
        unavailable = middleware.service_unavailable(request)
        assert unavailable.status_code == 503
        rendered[f"{lang}-503.html"] = unavailable.content.decode()
        for name in (f"{lang}-500.html", f"{lang}-503.html"):
            assert f'<html lang="{lang}">' in rendered[name], name
    return rendered


def messages_by_file(output: str) -> dict[str, list[str]]:
    """The checker's text output as {file name: [message, ...]}; "?" for output about no file."""
    found: dict[str, list[str]] = {}
    for block in re.split(r"\n(?=(?:Fatal )?Error:|Warning:|Info:)", output.strip()):
        if block and block != "Document checking completed.":
            where = re.search(r"in resource file:(\S+)", block)
            found.setdefault(Path(where.group(1)).name if where else "?", []).append(block)
    return found


def test_every_page_type_is_valid_html_in_both_languages(client, notice, tmp_path):
    command = checker_command()
    pages = render_every_page(client, notice)
    for name, html in {**pages, "canary.html": CANARY}.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    started = time.perf_counter()
    run = subprocess.run(
        [*command, *sorted(str(path) for path in tmp_path.glob("*.html"))],
        capture_output=True,
        encoding="utf-8",  # the checker writes UTF-8 whatever the locale
        timeout=120,
    )
    seconds = time.perf_counter() - started
    output = run.stdout + run.stderr
    found = messages_by_file(output)
    canary = found.pop("canary.html", [])
    assert any("“hx-get” not allowed" in message for message in canary), output
    assert not found, f"{len(pages)} pages checked in {seconds:.1f} s:\n" + "\n".join(
        message for messages in found.values() for message in messages
    )
    assert run.returncode == 1  # the canary's errors, and no failure of the checker itself
    assert "Document checking completed." in output, output
