"""Lighthouse on the production server: `make lighthouse` (or `python scripts/lighthouse.py`).

Starts `make serve` (production settings, plain http on loopback, as `make bench` does), runs
Lighthouse 12 with its mobile preset in Debian's Chromium on a home page, a category page and a
question page, prints the four category scores of each, and exits non-zero when one is below 100.
Each page is audited three times and each score is the median of its runs, as Lighthouse's own
guidance on variability advises: on a busy machine one run's timings vary.

Lighthouse comes from `lighthouse` on the PATH, else from npm through `npx` (pinned below): it is
never installed into the project's node_modules. Not part of `make test` (about three minutes).

    LIGHTHOUSE_PAGES="/en/ /fr/sources/"   other paths than the three below
    LIGHTHOUSE_RUNS=3                      runs per page (the median is kept)
    LIGHTHOUSE_REPORTS=dir                 also keep each page's JSON report in dir
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import Server, get  # noqa: E402  (after the path: the project's `make serve`)

LIGHTHOUSE = "lighthouse@12.8.2"  # Lighthouse 13 needs a newer Node than these machines' 20
CHROMIUM = "/usr/bin/chromium"
# The browser tests' flags (tests/conftest.py): no sandbox as root, no background requests.
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["/en/", "/en/categories/profile/", "/en/check/age/?country=FR"]
TARGET = 100


def lighthouse_command() -> list[str]:
    installed = shutil.which("lighthouse")
    if installed:
        return [installed]
    npx = shutil.which("npx") or sys.exit("npx is missing: install Node.js 18+ and npm.")
    return [npx, "--yes", LIGHTHOUSE]


def warm_up(base: str, paths: list[str]) -> None:
    """Each gunicorn worker builds its content snapshot on its first request (about a second),
    which Lighthouse would count as the server's response time: a site in service is warm. Each
    page, its CSS and scripts are asked for many times at once, so that every worker answers."""
    urls = []
    for path in paths:
        body = get(base + path)[1]
        assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', body)
        urls += [base + path] + [base + asset.decode() for asset in assets]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda url: get(url), urls * 16))


def audit(command: list[str], url: str, report: Path) -> dict:
    """One Lighthouse run (mobile preset, its simulated throttling); the parsed JSON report."""
    subprocess.run(
        [
            *command,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    return json.loads(report.read_text())


def problems(result: dict) -> list[str]:
    """The audits that cost points: what to fix when a score is below 100."""
    lines = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            found = result["audits"][ref["id"]]
            if ref["weight"] and found["score"] is not None and found["score"] < 1:
                value = found.get("displayValue", "")
                lines.append(f"    {category['id']}: {ref['id']} ({found['score']:.2f}) {value}")
    return lines


def median_scores(results: list[dict]) -> dict[str, int]:
    return {
        name: round(100 * statistics.median(r["categories"][name]["score"] or 0 for r in results))
        for name in CATEGORIES
    }


def main() -> int:
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium.")
    command = lighthouse_command()
    paths = os.environ.get("LIGHTHOUSE_PAGES", "").split() or PAGES
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    keep = os.environ.get("LIGHTHOUSE_REPORTS")
    reports = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    server = Server(None)
    scores: dict[str, dict[str, int]] = {}
    details: dict[str, list[str]] = {}
    version = "?"
    try:
        server.wait()
        warm_up(server.base, paths)
        for number, path in enumerate(paths):
            results = [
                audit(command, server.base + path, reports / f"page-{number}-run-{run}.json")
                for run in range(runs)
            ]
            version = results[0]["lighthouseVersion"]
            scores[path] = median_scores(results)
            details[path] = sorted({line for result in results for line in problems(result)})
    finally:
        server.stop()
        if not keep:
            shutil.rmtree(reports, ignore_errors=True)

    print(f"Lighthouse {version}, mobile preset, median of {runs} runs a page")
    print(f"{'page':<32}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for path, page_scores in scores.items():
        print(f"{path:<32}" + "".join(f"{page_scores[name]:>16}" for name in CATEGORIES))
    missed = [path for path, page_scores in scores.items() if min(page_scores.values()) < TARGET]
    for path in missed:
        print(f"\nBelow {TARGET} on {path} (the audits that cost points, in any run):")
        print("\n".join(details[path]))
    print("\n" + ("MISSED: " + ", ".join(missed) if missed else f"All scores are {TARGET}."))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
