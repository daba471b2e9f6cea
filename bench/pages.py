"""Each page's HTML size (raw and gzipped) and database query count, in both languages.

    .venv/bin/python bench/pages.py      (after `make install`: uses the local SQLite content)

Renders through Django's test client in local mode (no page cache, no content cache), so the
query count is what a cold request costs. Exits non-zero when a page is over the 14 KB budget.
"""

import gzip
import logging
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)  # no "Not Found" lines in the table

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BUDGET = 14 * 1024
ANSWERS = "country=FR&age=adult&setting=off&switched_off=after&uses=groups&uses=posts"
PAGES = [
    "/{lang}/",
    "/{lang}/categories/profile/",
    "/{lang}/categories/verification/",
    "/{lang}/exclusions/private-messages/",
    "/{lang}/search/",
    "/{lang}/search/?q=cv",
    "/{lang}/notices/",
    "/{lang}/notices/2026-08-21/",
    "/{lang}/sources/",
    "/{lang}/check/country/",
    "/{lang}/check/uses/?country=FR&age=adult&setting=off&switched_off=after",
    f"/{{lang}}/check/answers/?{ANSWERS}",
    f"/{{lang}}/result/?{ANSWERS}",
    "/{lang}/r/{code}/",
    "/{lang}/r/{code}/letter/",
    "/{lang}/no-such-page/",
]


def main() -> int:
    client = Client()
    result = client.get(f"/en/result/?{ANSWERS}").content.decode()
    code = re.search(r"/en/r/([0-9a-z]+)/", result).group(1)
    over = []
    print(f"{'page':<96}{'status':>7}{'HTML':>8}{'gzipped':>9}{'queries':>9}")
    for lang in ("en", "fr"):
        for pattern in PAGES:
            path = pattern.format(lang=lang, code=code)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            size = len(response.content)
            zipped = len(gzip.compress(response.content))
            print(f"{path:<96}{response.status_code:>7}{size:>8}{zipped:>9}{len(queries):>9}")
            if zipped > BUDGET:
                over.append(path)
    verdict = f"All pages under {BUDGET} bytes gzipped."
    print("\n".join(f"OVER BUDGET {path}" for path in over) or verdict)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
