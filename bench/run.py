"""Load test of the production server: `make bench` (or `python bench/run.py`).

Starts `make serve` (gunicorn, production settings, plain http on loopback) on SQLite, or on a
throwaway PostgreSQL server with BENCH_DATABASE=postgres, loads each page with wrk, and prints
requests/s, latency, errors and each page's ratio to a static file of similar size, then the
weight of each page. Exits non-zero when a target is missed.

    BENCH_DURATION=30s      wrk duration per URL (5s for a quick look)
    BENCH_CONNECTIONS=64    concurrent connections
    BENCH_DATABASE=sqlite   or postgres
    WEB_CONCURRENCY         gunicorn workers (default 2 x cores + 1, as `make serve`)
"""

import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DURATION = os.environ.get("BENCH_DURATION", "30s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")

ANSWERS = "country=FR&age=adult&setting=on&uses=posts&uses=groups&uses=ai-tools"
PAGES = {
    "home": "/en/",
    "category": "/en/categories/profile/",
    "result": f"/en/result/?{ANSWERS}",
    "api assessment": f"/api/v1/assessment?{ANSWERS}",
}
HTML_BUDGET = 14 * 1024  # gzipped: what fits in TCP's first round trips
RESULT_RATIO_TARGET = 0.5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, **headers: str) -> tuple[int, bytes, str, dict]:
    """Status, body, final URL (after redirects) and headers."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.url, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), url, dict(error.headers)


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's wrk...")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
        return shutil.which("wrk") or sys.exit("wrk is still missing")
    sys.exit("wrk is missing: install Debian's 'wrk' package (apt-get install wrk).")


class Server:
    """`make serve` in its own process group, so the whole tree stops together."""

    def __init__(self, database_url: str | None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="bench-server-", suffix=".log")[1])
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_SSL_REDIRECT="0",  # plain http on loopback, no TLS proxy in front
            PORT=str(self.port),
        )
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "serve"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait(self, within: float = 120) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"The server stopped; see {self.log}:\n{self.log.read_text()[-2000:]}")
            try:
                if get(f"{self.base}/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        sys.exit(f"The server did not answer within {within:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def resolve_pages(base: str) -> dict[str, str]:
    """The URLs to load: the result's canonical URL, and the short link it offers for sharing."""
    pages = dict(PAGES)
    status, body, final_url, _ = get(base + pages["result"])
    if status == 200:
        pages["result"] = final_url.removeprefix(base)
        short = re.search(rb'<link rel="canonical" href="[^"]*?(/en/r/[0-9a-z]+/)"', body)
        if short and get(base + short.group(1).decode())[0] == 200:
            pages["short link"] = short.group(1).decode()
    return pages


def static_baseline(size: int) -> str:
    """The collected static file whose size is closest to `size`: the cheapest possible answer."""
    static_root = ROOT / "staticfiles"
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"].values()
    closest = min(hashed, key=lambda name: abs((static_root / name).stat().st_size - size))
    return f"/static/{closest}"


def load(wrk: str, url: str, duration: str) -> dict:
    command = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}", "--timeout", "10s"]
    command += ["-s", str(ROOT / "bench" / "report.lua"), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[key] for key in ("connect", "read", "write", "timeout"))
    result["non2xx"] = result["s3xx"] + result["s4xx"] + result["s5xx"]
    return result


def page_weight(base: str, path: str) -> dict:
    """HTML raw and gzipped, and a first load: HTML plus its CSS and JS as served (compressed)."""
    status, body, _, _ = get(base + path)
    html_gz = len(gzip.compress(body, compresslevel=6))
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', body)
    assets_bytes = 0
    for asset in assets:
        _, content, _, headers = get(base + asset.decode(), **{"Accept-Encoding": "gzip"})
        assets_bytes += len(content)
    return {"status": status, "raw": len(body), "gz": html_gz, "first": html_gz + assets_bytes}


def main() -> int:
    wrk = ensure_wrk()
    cluster = None
    database_url = None
    if DATABASE == "postgres":
        from tests.pgcluster import PostgresCluster, find_bindir

        bindir = find_bindir() or sys.exit("PostgreSQL is missing: apt-get install postgresql")
        cluster = PostgresCluster(bindir)
        cluster.start()
        database_url = cluster.create_database("bench")
    server = Server(database_url)
    try:
        server.wait()
        pages = resolve_pages(server.base)
        result_size = len(get(server.base + pages["result"])[1])
        targets = {**pages, "static baseline": static_baseline(result_size)}
        cores = os.cpu_count()
        workers = os.environ.get("WEB_CONCURRENCY", f"{2 * (cores or 1) + 1}")
        print(
            f"gunicorn {workers} workers, {DATABASE}, {cores} cores; wrk {THREADS} threads, "
            f"{CONNECTIONS} connections, {DURATION} per URL"
        )
        for path in targets.values():  # warm up: imports, templates, connections
            load(wrk, server.base + path, "2s")
        results = {name: load(wrk, server.base + path, DURATION) for name, path in targets.items()}
        weights = {name: page_weight(server.base, path) for name, path in pages.items()}
    finally:
        server.stop()
        if cluster:
            cluster.destroy()

    baseline = results["static baseline"]["rps"]
    print()
    print(f"{'page':<16}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'non-2xx':>9}"
          f"{'5xx':>6}{'vs static':>11}  url")  # fmt: skip
    for name, result in results.items():
        print(
            f"{name:<16}{result['rps']:>9.0f}{result['p50_us'] / 1000:>9.1f}"
            f"{result['p99_us'] / 1000:>9.1f}{result['errors']:>8}{result['non2xx']:>9}"
            f"{result['s5xx']:>6}{result['rps'] / baseline:>11.2f}  {targets[name]}"
        )
    print()
    print(f"{'page':<16}{'status':>7}{'HTML':>9}{'gzipped':>9}{'first load':>12}  (bytes; first"
          " load = gzipped HTML + CSS + JS as served, gzip)")  # fmt: skip
    for name, weight in weights.items():
        print(
            f"{name:<16}{weight['status']:>7}{weight['raw']:>9}{weight['gz']:>9}{weight['first']:>12}"
        )

    failures = []
    for name, result in results.items():
        if result["errors"] or result["s5xx"] or result["non2xx"]:
            failures.append(f"{name}: {result['errors']} errors, {result['non2xx']} non-2xx")
    for name, weight in weights.items():
        if name != "api assessment" and weight["gz"] >= HTML_BUDGET:
            failures.append(f"{name}: HTML is {weight['gz']} bytes gzipped (budget {HTML_BUDGET})")
    for name in ("result", "short link"):
        ratio = results[name]["rps"] / baseline if name in results else 0
        if ratio < RESULT_RATIO_TARGET:
            target = RESULT_RATIO_TARGET
            failures.append(f"{name}: {ratio:.2f} x the static baseline (target {target})")
    print()
    print("\n".join(f"MISSED {failure}" for failure in failures) or "All targets met.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
