"""Instructions per request, counted by valgrind's callgrind: for comparing two versions of the
code. On the shared development machine a timing moves by a fifth from one run to the next; an
instruction count repeats to a fraction of a percent, whatever else the machine is doing.

    .venv/bin/python bench/instructions.py /en/ /en/r/24km070gb/ ...   (after `make install`)

Each URL is answered by the WSGI application as gunicorn calls it, with production settings
(DEBUG off) and the local content: 50 requests to warm up, then the count of 100 more, less that
of a run that stops after the warm-up. Needs Debian's valgrind. About half a minute a URL.
"""

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP, COUNTED = 50, 100
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "instructions-only-never-served",
    "DJANGO_ALLOWED_HOSTS": "testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
}


def answer(url: str, times: int) -> None:
    """Ask the WSGI application for `url` `times` times; stop at the first non-200."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(ENV)
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    path, _, query = url.partition("?")
    statuses: list[str] = []
    for _ in range(times):
        statuses.clear()
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(body)
        body.close()
        if not statuses[0].startswith("200"):
            sys.exit(f"{url} answered {statuses[0]}, not 200")


def instructions(url: str, times: int) -> int:
    """The whole process's instruction count: start-up, warm-up and `times` counted requests."""
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--answer",
            url,
            str(WARM_UP + times),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV},
        check=False,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if run.returncode or not found:
        sys.exit(f"valgrind failed for {url}:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(urls: list[str]) -> None:
    if not shutil.which("valgrind"):
        sys.exit("valgrind is missing: apt-get install valgrind")
    for url in urls:
        per_request = (instructions(url, COUNTED) - instructions(url, 0)) / COUNTED
        print(f"{per_request / 1000:>9,.0f} k instructions  {url}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--answer"]:
        answer(sys.argv[2], int(sys.argv[3]))
    else:
        main(sys.argv[1:] or ["/healthz", "/en/"])
