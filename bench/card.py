"""CPU cost of drawing result cards: `python bench/card.py`.

Loads the content into a throwaway SQLite database, builds the cards of 200 distinct results
(answers spread over regions, settings and uses, in French and English, each with its own short
link), then draws each with catalog/present/card.py and prints the median and 95th percentile of
the CPU time (time.process_time) per card, the first card's time (cold caches: fonts, palette,
shared parts) and the PNGs' sizes. Exits non-zero when the median or p95 reaches the target.

    BENCH_CARDS=200         how many distinct cards
    BENCH_CARD_TARGET_MS=20 the CPU budget per card
"""

import io
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CARDS = int(os.environ.get("BENCH_CARDS", "200"))
TARGET_MS = float(os.environ.get("BENCH_CARD_TARGET_MS", "20"))
COUNTRIES = ("FR", "DE", "IE", "GB", "CH", "CA", "HK", "US", "IN", "BR")
SITE_NAME = "LinkedIn, your data and AI"  # translated per language below


def distinct_answers(notice) -> list:
    """Normalised answers, each once, in a fixed pseudo-random order."""
    from catalog.rules.answers import Answers, normalise
    from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES

    seen = {}
    uses_choices = [
        frozenset(combo) for n in (0, 1, 2, 3) for combo in itertools.combinations(USES, n)
    ]
    for country, age, setting, when, earlier, uses in itertools.product(
        COUNTRIES, AGES, SETTINGS, SWITCHED_OFF, MEMBER_EARLIER, uses_choices
    ):
        answers = normalise(Answers(country, age, setting, when, uses, earlier), notice)
        seen.setdefault(answers, None)
    answers = list(seen)
    random.Random(8).shuffle(answers)
    return answers


def card_texts(count: int) -> list:
    from django.utils import translation
    from django.utils.translation import gettext

    from catalog.present import sharing
    from catalog.rules import codes
    from catalog.rules.assessment import assess
    from catalog.snapshot import current_content

    notice = current_content().current
    texts = []
    for answers in distinct_answers(notice):
        for lang in ("fr", "en"):
            with translation.override(lang):
                link = f"https://example.org/{lang}/r/{codes.encode(answers, notice.code_id)}/"
                text = sharing.card_text(assess(answers, notice), gettext(SITE_NAME), link)
            texts.append(text)
        if len(texts) >= count:
            return texts[:count]
    raise SystemExit(f"only {len(texts)} distinct cards")


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_content", verbosity=0, stdout=io.StringIO())
        texts = card_texts(CARDS)

    from catalog.present.card import render_card

    times, sizes = [], []
    for text in texts:
        start = time.process_time()
        data = render_card(text)
        times.append((time.process_time() - start) * 1000)
        sizes.append(len(data))
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"{len(texts)} distinct cards, CPU time per card (time.process_time):")
    print(f"  median {median:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms")
    print(f"  first card (cold caches) {times[0]:.1f} ms")
    kib = statistics.median(sizes) / 1024, max(sizes) / 1024
    print(f"  PNG size: median {kib[0]:.1f} KiB, max {kib[1]:.1f} KiB")
    if max(median, p95) >= TARGET_MS:
        print(f"over the {TARGET_MS:g} ms target")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
