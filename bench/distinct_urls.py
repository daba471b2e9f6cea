"""Distinct result URLs for the cold-page benchmark: `python bench/distinct_urls.py [COUNT]`
prints them one a line (bench/distinct.lua reads such a list), and a description on stderr.
`python bench/distinct_urls.py --situations` counts every distinct situation instead (README,
"What a result would need").

Each is a canonical result page that answers 200, never a redirect: built with the site's own rules
(normalise, result_url, the short-link codes) from the content in the database. The answers come
from a seeded generator, so every run loads the same pages: a region first, each as often (EEA, UK,
Switzerland, Canada, Hong Kong, elsewhere), then a country in it, an age, a setting and its
follow-ups, and any set of uses. Each situation appears once. About half are /<lang>/result/?…,
half short links /<lang>/r/<code>/ (a fifth of those pinned to an earlier notice version), French
and English mixed, in the order drawn.
"""

import os
import random
import subprocess
import sys
from collections import Counter
from itertools import combinations, product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 2000
MINORS = 0.1  # a minor has one situation per country and setting: a few of them go a long way
EARLIER_NOTICE = 0.2  # of the short links


def distinct_urls(count: int) -> tuple[list[str], str]:
    """`count` URLs and a line that says what they cover. Needs Django set up."""
    from django.utils import translation

    from catalog.rules.answers import COUNTRY_CODES, Answers, normalise
    from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES
    from catalog.snapshot import current_content
    from catalog.web.links import result_url, short_url

    content = current_content() or sys.exit("No content loaded: run `make install` first.")
    current = content.current
    earlier = [notice for notice in content.notices if notice != current]
    listed = set().union(*(region.countries for region in current.regions))
    # The catch-all region lists no country: it has every country the others do not.
    regions = [sorted(region.countries or COUNTRY_CODES - listed) for region in current.regions]
    rng = random.Random(SEED)
    seen, urls, tally, countries = set(), [], Counter(), set()
    for _attempt in range(count * 50):  # duplicates are drawn again; give up if they never end
        short = rng.random() < 0.5
        old = short and earlier and rng.random() < EARLIER_NOTICE
        notice = rng.choice(earlier) if old else current
        answers = normalise(
            Answers(
                country=rng.choice(rng.choice(regions)),
                age=AGES[0] if rng.random() < MINORS else AGES[1],
                setting=rng.choice(SETTINGS),
                switched_off=rng.choice(SWITCHED_OFF),
                uses=frozenset(use for use in USES if rng.random() < 0.3),
                member_earlier=rng.choice(MEMBER_EARLIER),
            ),
            notice,
        )
        if answers in seen:
            continue
        seen.add(answers)
        lang = rng.choice(("fr", "en"))
        with translation.override(lang):
            urls.append(short_url(answers, notice.code_id) if short else result_url(answers))
        tally.update([lang, "short links" if short else "/result/", answers.age])
        tally["earlier notice"] += bool(old)
        countries.add(answers.country)
        if len(urls) == count:
            break
    else:
        sys.exit(f"Only {len(urls)} distinct situations found; asked for {count}.")
    description = (
        f"{len(urls)} distinct result URLs: {tally['/result/']} /result/?…, "
        f"{tally['short links']} short links ({tally['earlier notice']} on an earlier notice); "
        f"{tally['fr']} French, {tally['en']} English; {len(countries)} countries in "
        f"{len(regions)} regions; {tally['minor']} under 18"
    )
    return urls, description


def count_situations() -> str:
    """How many distinct situations (normalised answers) the current notice version has: every
    country, age, setting, follow-up and set of uses. Needs Django set up."""
    from catalog.rules.answers import COUNTRY_CODES, Answers, normalise
    from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES
    from catalog.snapshot import current_content

    content = current_content() or sys.exit("No content loaded: run `make install` first.")
    notice = content.current
    use_sets = [
        frozenset(uses) for size in range(len(USES) + 1) for uses in combinations(USES, size)
    ]
    situations = {
        normalise(Answers(country, age, setting, switched_off, uses, member_earlier), notice)
        for country in COUNTRY_CODES
        for age, setting, switched_off, member_earlier in product(
            AGES, SETTINGS, SWITCHED_OFF, MEMBER_EARLIER
        )
        for uses in use_sets
    }
    return (
        f"{len(situations)} distinct situations on the notice of {notice.effective}, "
        f"in {len(COUNTRY_CODES)} countries"
    )


def fetch(env: dict[str, str], count: int) -> tuple[list[str], str]:
    """distinct_urls from this script, run with `env` (the server's database)."""
    command = [sys.executable, __file__, str(count)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return done.stdout.split(), done.stderr.strip()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if sys.argv[1:] == ["--situations"]:
        print(count_situations())
        return
    urls, description = distinct_urls(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
    print("\n".join(urls))
    print(description, file=sys.stderr)


if __name__ == "__main__":
    main()
