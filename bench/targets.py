"""What the benchmark loads: every public page and API endpoint (config/urls.py,
catalog/web/urls.py, catalog/web/api.py), and a static file to compare them with.
"""

import json
import re
import sys
from pathlib import Path

from server import get

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = "country=FR&age=adult&setting=on&uses=ai-tools&uses=groups&uses=posts"
# {code}: the short link of the result above; {notice}: a notice version's slug.
PAGES = {
    "home": "/en/",
    "category": "/en/categories/profile/",
    "exclusion": "/en/exclusions/private-messages/",
    "search": "/en/search/?q=cv",
    "notices": "/en/notices/",
    "notice": "/en/notices/{notice}/",
    "sources": "/en/sources/",
    "changes": "/en/changes/",
    "changes feed": "/en/changes/feed/",
    "not a member": "/en/not-a-member/",
    "question": "/en/check/uses/?country=FR&age=adult&setting=on",
    "check answers": f"/en/check/answers/?{ANSWERS}",
    "result": f"/en/result/?{ANSWERS}",
    "short link": "/en/r/{code}/",
    "letter": "/en/r/{code}/letter/",
    "letter.txt": "/en/r/{code}/letter.txt",
    "result feed": "/en/r/{code}/feed/",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
    "api assessment": f"/api/v1/assessment?{ANSWERS}",
    "api categories": "/api/v1/categories",
    "api exclusions": "/api/v1/exclusions",
    "api openapi": "/api/v1/openapi.json",
    "healthz": "/healthz",  # the stack's floor: no template, no content
}
STATIC_FIRST, STATIC_LAST = "static, first", "static, last"  # the same file, before and after
REFERENCES = ("healthz", STATIC_FIRST, STATIC_LAST)  # rows that set the scale, with no target


def resolve(base: str) -> dict[str, str]:
    """PAGES with their placeholders filled from the running site, each requested once: a page
    that redirects is loaded at its target (wrk does not follow redirects)."""
    result = get(base + PAGES["result"])[1]
    short = re.search(rb'<link rel="canonical" href="[^"]*?/en/r/([0-9a-z]+)/"', result)
    notice = re.search(rb"/en/notices/([0-9a-z-]+)/", get(f"{base}/sitemap.xml")[1])
    if not (short and notice):
        sys.exit("The result page names no short link, or the sitemap no notice version.")
    fill = {"code": short.group(1).decode(), "notice": notice.group(1).decode()}
    pages = {}
    for name, pattern in PAGES.items():
        pages[name] = get(base + pattern.format(**fill))[2].removeprefix(base)
    return pages


def static_baseline(size: int) -> str:
    """The collected static file whose size is closest to `size`: the cheapest possible answer."""
    static_root = ROOT / "staticfiles"
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"].values()
    closest = min(hashed, key=lambda name: abs((static_root / name).stat().st_size - size))
    return f"/static/{closest}"
