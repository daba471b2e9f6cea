"""The production server's own settings (config/gunicorn.py), checked on a real gunicorn."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.pgcluster import free_port

ROOT = Path(__file__).resolve().parent.parent


def test_the_access_log_keeps_neither_the_visitors_address_nor_their_answers(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",  # the 404 page reads nothing
        PORT=str(port),
        WEB_CONCURRENCY="1",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/en/no-such-page/?country=FR&age=minor"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=5)
            except urllib.error.HTTPError as error:
                assert error.code == 404
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not start")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    access = [line for line in output.splitlines() if '"GET /en/no-such-page/' in line]
    assert access, output
    assert all("country=" not in line and "127.0.0.1" not in line for line in access), access
    assert '"GET /en/no-such-page/" 404' in access[0]
