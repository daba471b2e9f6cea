"""The production server for bench/run.py and bench/memory.py: `make serve` on SQLite or on a
throwaway PostgreSQL server, with production settings, plain http on loopback.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pgcluster import PostgresCluster, find_bindir, free_port  # noqa: E402


def get(url: str, **headers: str) -> tuple[int, bytes, str, dict]:
    """Status, body, final URL (after redirects) and headers."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.url, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), url, dict(error.headers)


def django_env(database_url: str | None) -> dict[str, str]:
    """The environment without the caller's Django settings, on the given database (SQLite's
    db.sqlite3 when None): what the server and the scripts that read its content share."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


class Server:
    """`make serve` in its own process group, so the whole tree stops together."""

    def __init__(self, database_url: str | None, **extra_env: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url
        self.log = Path(tempfile.mkstemp(prefix="bench-server-", suffix=".log")[1])
        env = django_env(database_url)
        env.update(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_SSL_REDIRECT="0",  # plain http on loopback, no TLS proxy in front
            PORT=str(self.port),
            **extra_env,
        )
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

    def settle(self) -> None:
        """Return once the requests a finished wrk run left queued are answered: a sync worker
        still serves the requests of connections wrk closed, and the next run would pay for them.
        The health check waits its turn behind them."""
        get(f"{self.base}/healthz")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


@contextlib.contextmanager
def serving(database: str, **extra_env: str) -> Iterator[Server]:
    """A started server on `database` ("sqlite" or "postgres"), stopped (and its throwaway
    PostgreSQL server destroyed) on the way out."""
    cluster = None
    database_url = None
    if database == "postgres":
        bindir = find_bindir() or sys.exit("PostgreSQL is missing: apt-get install postgresql")
        cluster = PostgresCluster(bindir)
        cluster.start()
        database_url = cluster.create_database("bench")
    try:
        server = Server(database_url, **extra_env)
        try:
            server.wait()
            yield server
        finally:
            server.stop()
    finally:
        if cluster:
            cluster.destroy()
