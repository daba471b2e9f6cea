"""The production server's own settings (config/gunicorn.py), checked on a real gunicorn."""

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from catalog.rules import codes
from catalog.rules.answers import Answers
from tests.pgcluster import free_port

ROOT = Path(__file__).resolve().parent.parent


def server_env(database: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{database}",
        PORT=str(port),
        WEB_CONCURRENCY="1",
    )
    return env


def get(url: str) -> int:
    """The response's status, without following redirects; raises OSError until the server is up."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextlib.contextmanager
def gunicorn(database: Path) -> Iterator[tuple[str, list[str]]]:
    """`gunicorn -c config/gunicorn.py config.wsgi` on a free port, one worker: yields the base
    URL and, once the server has stopped, the lines it wrote (stdout and stderr)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=server_env(database, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base, output = f"http://127.0.0.1:{port}", []
    try:
        for _ in range(100):
            try:
                get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not start")
        yield base, output
    finally:
        server.terminate()
        output.extend(server.communicate(timeout=30)[0].splitlines())


def test_the_access_log_keeps_neither_the_visitors_address_nor_their_answers(tmp_path):
    # An empty database: the 404 page reads nothing.
    with gunicorn(tmp_path / "empty.sqlite3") as (base, output):
        assert get(f"{base}/en/no-such-page/?country=FR&age=minor") == 404
    access = [line for line in output if '"GET /en/no-such-page/' in line]
    assert access, output
    assert all("country=" not in line and "127.0.0.1" not in line for line in access), access
    assert '"GET /en/no-such-page/" 404' in access[0]


def loaded_database(path: Path) -> Path:
    """A SQLite database at `path`, migrated, with the content loaded as `make run` loads it."""
    for command in (["migrate"], ["load_content"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"],
            cwd=ROOT,
            env=server_env(path, 0),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def test_pages_answer_while_the_sqlite_database_is_being_written(tmp_path):
    """load_content writes a new revision in one transaction, and the admin writes too: readers
    must not wait for them (SQLite in write-ahead-log mode; its default journal locks them out)."""
    database = loaded_database(tmp_path / "content.sqlite3")
    with gunicorn(database) as (base, _output):
        assert get(f"{base}/en/") == 200  # the worker's connection is open
        writer = sqlite3.connect(database, isolation_level=None)
        try:
            writer.execute("BEGIN EXCLUSIVE")
            writer.execute("UPDATE catalog_contentrevision SET digest = digest")
            started = time.monotonic()
            assert get(f"{base}/en/categories/profile/") == 200
            assert get(f"{base}/fr/") == 200
            assert time.monotonic() - started < 2  # not after SQLite's 5 s busy timeout
        finally:
            writer.execute("ROLLBACK")
            writer.close()


def test_no_log_line_holds_a_result_code(tmp_path):
    database = loaded_database(tmp_path / "content.sqlite3")
    code = codes.encode(Answers("FR", "adult", "on", None, frozenset({"posts"})), 2)
    lenient = code.upper()
    bad = code[:-1]
    with gunicorn(database) as (base, output):
        html = urllib.request.urlopen(f"{base}/fr/r/{code}/", timeout=5).read().decode()
        card = re.search(r'<meta property="og:image" content="http://[^/]+(/[^"]+)">', html)
        assert card and card.group(1) == f"/fr/r/{code}/card-1.png", html[:2000]
        statuses = {
            path: get(base + path)
            for path in (
                f"/fr/r/{code}/",
                f"/fr/r/{code}/card-1.png",
                f"/fr/r/{code}/card.png",
                f"/en/r/{code}/letter/",
                f"/en/r/{code}/letter.txt",
                f"/en/r/{lenient}/",
                f"/en/r/{bad}/",
                f"/en/R/{code}/",
            )
        }
    assert list(statuses.values()) == [200, 200, 301, 200, 200, 301, 404, 404], statuses
    access = [line for line in output if re.search(r'"GET /(fr|en)/[rR]/', line)]
    assert len(access) == 1 + len(statuses), output  # the first page, fetched twice
    for logged in (
        '"GET /fr/r/…/" 200',
        '"GET /fr/r/…/card-1.png" 200',
        '"GET /fr/r/…/card.png" 301',
        '"GET /en/r/…/letter/" 200',
        '"GET /en/r/…/letter.txt" 200',
        '"GET /en/r/…/" 301',
        '"GET /en/r/…/" 404',
        '"GET /en/R/…/" 404',
    ):
        assert any(logged in line for line in access), (logged, access)
    # Nowhere in the output: neither in the access log nor in Django's "Not Found: …" warnings.
    assert "Not Found: /en/r/…/" in output, output
    for secret in (code, lenient, bad, code[1:-1]):
        assert not any(secret.lower() in line.lower() for line in output), (secret, output)
