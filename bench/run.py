"""Load test of the production server: `make bench` (or `python bench/run.py`).

Starts `make serve` (gunicorn, production settings, plain http on loopback) on SQLite, or on a
throwaway PostgreSQL server with BENCH_DATABASE=postgres. Loads with wrk every public page and API
endpoint (bench/targets.py), one URL a row, then the cold case: 2,000 distinct result pages in turn
(bench/distinct_urls.py, bench/distinct.lua), so that no page is asked for twice in a row. Prints
each row's requests/s, latency, errors and ratio to a static file of about the result page's size,
loaded first and last (the faster reading is the baseline), then each page's weight. Exits non-zero
when a target is missed: no socket error and only 2xx answers on any row; every page, endpoint and
the distinct row at least half the static file's requests/s (healthz and the static file are
references); each HTML page under 14 KB gzipped.

    BENCH_DURATION=10s      wrk duration per row (27 rows: about 5 minutes; 2s for a quick look)
    BENCH_CONNECTIONS=64    concurrent connections
    BENCH_DATABASE=sqlite   or postgres
    WEB_CONCURRENCY         gunicorn workers (default 2 x cores + 1, as `make serve`)
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

from distinct_urls import fetch
from load import ensure_wrk, load
from server import django_env, get, serving
from targets import REFERENCES, STATIC_FIRST, STATIC_LAST, resolve, static_baseline

DURATION = os.environ.get("BENCH_DURATION", "10s")
WARM_UP = "1s"  # a URL's first requests pay for imports, templates and connections in each worker
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")
DISTINCT = "distinct results"
DISTINCT_COUNT = 2000
HTML_BUDGET = 14 * 1024  # gzipped: what fits in TCP's first round trips
RATIO_TARGET = 0.5


def page_weight(base: str, path: str) -> dict:
    """HTML raw and gzipped, and a first load: HTML plus its CSS and JS as served (compressed)."""
    status, body, _, headers = get(base + path)
    html_gz = len(gzip.compress(body, compresslevel=6))
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', body)
    assets_bytes = 0
    for asset in assets:
        _, content, _, _ = get(base + asset.decode(), **{"Accept-Encoding": "gzip"})
        assets_bytes += len(content)
    return {
        "status": status,
        "html": headers.get("Content-Type", "").startswith("text/html"),
        "raw": len(body),
        "gz": html_gz,
        "first": html_gz + assets_bytes,
    }


def measure(paths_file: Path) -> tuple[dict, dict, dict]:
    """Each row's wrk results, each page's weight and each row's URL."""
    settings = {"connections": CONNECTIONS, "threads": THREADS}
    with serving(DATABASE) as server:
        pages = resolve(server.base)
        urls, covered = fetch(django_env(server.database_url), DISTINCT_COUNT)
        paths_file.write_text("\n".join(urls) + "\n")
        result_size = len(get(server.base + pages["result"])[1])
        static = static_baseline(result_size)
        # The static file is loaded first and last: a machine that drifts during the run would
        # move every ratio with a single reading, and the faster reading is the baseline.
        targets = {STATIC_FIRST: static}
        targets |= {name: path for name, path in pages.items() if name != "healthz"}
        targets |= {DISTINCT: f"{len(urls)} URLs, above", "healthz": pages["healthz"]}
        targets[STATIC_LAST] = static
        cores = os.cpu_count()
        workers = os.environ.get("WEB_CONCURRENCY", f"{2 * (cores or 1) + 1}")
        print(
            f"gunicorn {workers} workers, {DATABASE}, {cores} cores; wrk {THREADS} threads, "
            f"{CONNECTIONS} connections, {DURATION} a row\n{covered}"
        )
        for name, path in targets.items():  # the distinct row stays cold: that is its point
            if name != DISTINCT:
                load(server.base + path, WARM_UP, **settings)
                server.settle()
        results = {}
        for name, path in targets.items():
            if name == DISTINCT:
                script = {"script": "distinct.lua", "args": [paths_file]}
                results[name] = load(f"{server.base}/", DURATION, **settings, **script)
            else:
                results[name] = load(server.base + path, DURATION, **settings)
            server.settle()
        weights = {name: page_weight(server.base, path) for name, path in pages.items()}
    return results, weights, targets


def static_rps(results: dict) -> float:
    """The baseline: the faster of the static file's two readings (the stricter target)."""
    return max(results[STATIC_FIRST]["rps"], results[STATIC_LAST]["rps"])


def print_tables(results: dict, weights: dict, targets: dict) -> None:
    baseline = static_rps(results)
    print()
    print(f"{'row':<18}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'non-2xx':>9}"
          f"{'5xx':>6}{'vs static':>11}  url")  # fmt: skip
    for name, result in results.items():
        print(
            f"{name:<18}{result['rps']:>9.0f}{result['p50_us'] / 1000:>9.1f}"
            f"{result['p99_us'] / 1000:>9.1f}{result['errors']:>8}{result['non2xx']:>9}"
            f"{result['s5xx']:>6}{result['rps'] / baseline:>11.2f}  {targets[name]}"
        )
    print()
    print(f"{'page':<18}{'status':>7}{'HTML':>9}{'gzipped':>9}{'first load':>12}  (bytes; first"
          " load = gzipped body + CSS + JS as served, gzip)")  # fmt: skip
    for name, weight in weights.items():
        print(
            f"{name:<18}{weight['status']:>7}{weight['raw']:>9}{weight['gz']:>9}{weight['first']:>12}"
        )


def missed(results: dict, weights: dict) -> list[str]:
    baseline = static_rps(results)
    failures = []
    for name, result in results.items():
        if result["errors"] or result["non2xx"]:
            failures.append(f"{name}: {result['errors']} errors, {result['non2xx']} non-2xx")
        ratio = result["rps"] / baseline
        if name not in REFERENCES and ratio < RATIO_TARGET:
            failures.append(f"{name}: {ratio:.2f} x the static baseline (target {RATIO_TARGET})")
    for name, weight in weights.items():
        if weight["html"] and weight["gz"] >= HTML_BUDGET:
            failures.append(f"{name}: HTML is {weight['gz']} bytes gzipped (budget {HTML_BUDGET})")
    return failures


def main() -> int:
    ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        results, weights, targets = measure(Path(directory) / "distinct.txt")
    print_tables(results, weights, targets)
    failures = missed(results, weights)
    print()
    print("\n".join(f"MISSED {failure}" for failure in failures) or "All targets met.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
