"""A real outage: the production server on PostgreSQL while the database stops and comes back.

A throwaway PostgreSQL cluster (tests/pgcluster.py) and gunicorn run as subprocesses; the
requests go over HTTP. Skipped when PostgreSQL is not installed, except in CI, which installs it.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pgcluster import PostgresCluster, find_bindir, free_port

ROOT = Path(__file__).resolve().parent.parent
BINDIR = find_bindir()

if BINDIR is None:
    REASON = "PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does it)"
    if os.environ.get("CI"):
        pytest.fail(REASON, pytrace=False)
    pytest.skip(REASON, allow_module_level=True)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float


def fetch(url: str, headers: dict[str, str] | None = None) -> Answer:
    request = urllib.request.Request(url, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status, head, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, head, raw = error.code, dict(error.headers), error.read()
    return Answer(status, head, raw.decode(), time.perf_counter() - started)


def wait_for(url: str, status: int, within: float) -> Answer:
    deadline = time.monotonic() + within
    while True:
        try:
            answer = fetch(url)
            if answer.status == status or time.monotonic() > deadline:
                return answer
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


@pytest.fixture(scope="module")
def cluster():
    cluster = PostgresCluster(BINDIR)
    cluster.start()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="module")
def server(cluster):
    """gunicorn on the cluster, with its content loaded: the base URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=cluster.create_database("site"),
        DATABASE_CONNECT_TIMEOUT="2",
    )
    python = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["load_content", "-v0"]):
        subprocess.run(python + command, cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": "2"},  # as `make serve`
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(f"{base}/healthz", 200, within=30).status == 200
        yield base
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


# Pages and endpoints that read the database; an admin session is read from it too.
DATABASE_PAGES = ["/en/categories/profile/", "/fr/categories/profile/", "/api/v1/categories"]
SESSION = {"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"}


def test_the_site_fails_fast_with_a_friendly_503_while_postgresql_restarts_then_recovers(
    cluster, server
):
    # Up: pages come from PostgreSQL.
    assert json.loads(fetch(f"{server}/healthz").body) == {"status": "ok", "database": "ok"}
    for page in DATABASE_PAGES:
        assert fetch(server + page).status == 200, page

    cluster.stop()

    health = fetch(f"{server}/healthz")
    assert health.status == 503
    assert json.loads(health.body)["status"] == "unhealthy"
    assert health.seconds < 2
    for page in DATABASE_PAGES:
        for _ in range(2):  # both workers, whichever answers
            answer = fetch(server + page)
            assert answer.status == 503, page
            assert answer.headers["Retry-After"] == "30"
            assert "no-store" in answer.headers["Cache-Control"]
            assert answer.seconds < 2
    assert "Back in a moment" in fetch(f"{server}/en/categories/profile/").body
    assert "De retour dans un instant" in fetch(f"{server}/fr/categories/profile/").body
    assert "errors" in json.loads(fetch(f"{server}/api/v1/categories").body)
    admin = fetch(f"{server}/admin/", SESSION)
    assert admin.status == 503  # the session lookup failed in the middle of the admin

    cluster.start()

    assert wait_for(f"{server}/healthz", 200, within=15).status == 200
    for page in DATABASE_PAGES:
        for _ in range(2):
            assert fetch(server + page).status == 200, page
