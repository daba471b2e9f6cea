"""Memory check of the production server: `make bench-memory` (`make bench` runs it too).

Starts `make serve` with one gunicorn worker (WEB_CONCURRENCY=1) and sends it requests with wrk
(one thread, 16 connections, bench/distinct.lua) across 2,000 distinct result URLs and every page
and API endpoint (bench/targets.py). Reads the worker's resident memory (VmRSS in
/proc/<pid>/status: the worker's, not the master's) after 1,000 requests, at checkpoints on the
way, and after 100,000.
Exits non-zero when the last reading is more than 10% above the first, or on any error or non-2xx.

    BENCH_MEMORY_REQUESTS=100000   requests in all (the first reading is always after 1,000)
    BENCH_DATABASE=sqlite          or postgres
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from distinct_urls import fetch
from load import ensure_wrk, load_count
from server import django_env, serving
from targets import resolve

FIRST = 1_000
TOTAL = int(os.environ.get("BENCH_MEMORY_REQUESTS", "100000"))
DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")
GROWTH_LIMIT = 0.10
CONNECTIONS = 16
# One wrk thread. With two, the first to reach its share stops with a connection open and no
# request sent (wrk reconnects after each answer); the one sync worker waits for that request
# before it reads the next, and the other thread's requests could wait past wrk's 10 s timeout
# (every run with two threads counted 2 to 4 such timeouts; none since).
THREADS = 1
DISTINCT_COUNT = 2000
PAGE_REPEATS = 20  # each page and endpoint this often in the list, next to the 2,000 results
SEED = 100_000
SERVER_ENV = {
    "WEB_CONCURRENCY": "1",
    # config/gunicorn.py replaces a worker after 100,000 to 110,000 requests: around the last
    # reading, and a fresh worker would hide a leak. GUNICORN_CMD_ARGS overrides the config file.
    "GUNICORN_CMD_ARGS": "--max-requests 0",
}


def checkpoints(total: int) -> list[int]:
    """Where to read the memory: after FIRST, a few points on the way, and after `total`; each a
    multiple of THREADS, since each wrk thread sends an equal share."""
    points = [FIRST, total, *(round(total * share) for share in (0.1, 0.25, 0.5, 0.75))]
    return sorted({point - point % THREADS for point in points if FIRST <= point <= total})


def gunicorn_workers(group: int) -> list[int]:
    """The gunicorn workers in the server's process group: gunicorn processes whose parent is
    gunicorn too (the master)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        # The command name, in parentheses, may hold spaces: the fields follow the last ")".
        parent, process_group = map(int, stat.rpartition(")")[2].split()[1:3])
        if process_group == group and b"gunicorn" in command:
            parents[int(entry.name)] = parent
    return [pid for pid, parent in parents.items() if parent in parents]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    sys.exit(f"No VmRSS for process {pid}")


def main() -> int:
    if TOTAL <= FIRST:
        sys.exit(f"BENCH_MEMORY_REQUESTS must be above {FIRST}")
    ensure_wrk()
    failures = []
    with serving(DATABASE, **SERVER_ENV) as server, tempfile.TemporaryDirectory() as directory:
        pages = resolve(server.base)
        urls, covered = fetch(django_env(server.database_url), DISTINCT_COUNT)
        paths = urls + list(pages.values()) * PAGE_REPEATS
        random.Random(SEED).shuffle(paths)
        paths_file = Path(directory) / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        workers = gunicorn_workers(server.process.pid)  # make serve leads the process group
        if len(workers) != 1:
            sys.exit(f"Expected one gunicorn worker, found {len(workers)}: {workers}")
        print(
            f"gunicorn 1 worker (pid {workers[0]}), {DATABASE}; wrk {THREADS} thread(s), "
            f"{CONNECTIONS} connections; {len(paths)} paths: {covered}, and each of "
            f"{len(pages)} pages and endpoints {PAGE_REPEATS} times"
        )
        print(f"{'requests':>9}{'VmRSS MiB':>11}{'req/s':>8}{'errors':>8}{'non-2xx':>9}"
              f"{'time s':>8}")  # fmt: skip
        sent, readings, start = 0, [], time.monotonic()
        for point in checkpoints(TOTAL):
            per_thread, offset = (point - sent) // THREADS, sent // THREADS
            result = load_count(
                f"{server.base}/", paths_file, per_thread, offset, CONNECTIONS, THREADS
            )
            sent = point
            server.settle()  # the worker finishes what wrk left in flight when it stopped
            if gunicorn_workers(server.process.pid) != workers:
                sys.exit(f"The worker {workers[0]} was replaced: its memory cannot be compared")
            readings.append(rss_kib(workers[0]))
            print(
                f"{point:>9}{readings[-1] / 1024:>11.1f}{result['rps']:>8.0f}{result['errors']:>8}"
                f"{result['non2xx']:>9}{time.monotonic() - start:>8.0f}"
            )
            if result["errors"] or result["non2xx"]:
                kinds = ", ".join(
                    f"{result[kind]} {kind}" for kind in ("connect", "read", "write", "timeout")
                )
                failures.append(
                    f"{result['errors']} errors ({kinds}), {result['non2xx']} non-2xx, "
                    f"in the {point:,} segment"
                )
    growth = readings[-1] / readings[0] - 1
    print(
        f"\nWorker VmRSS after {FIRST} requests: {readings[0] / 1024:.1f} MiB; after {sent}: "
        f"{readings[-1] / 1024:.1f} MiB ({growth:+.1%}, limit +{GROWTH_LIMIT:.0%})"
    )
    if growth > GROWTH_LIMIT:
        failures.append(f"memory grew {growth:.1%} (limit {GROWTH_LIMIT:.0%})")
    print("\n".join(f"MISSED {failure}" for failure in failures) or "Memory target met.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
