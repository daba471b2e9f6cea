"""load_content: the content files are the one source of truth, loaded whole or not at all.

Every notice version gets its own rows (common.toml, with its own file's entries replacing those of
the same slug); bad content stops the load before any write; the revision goes up only when the
files changed.
"""

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from catalog.management.commands.load_content import CONTENT_DIR, content_digest
from catalog.models import (
    Category,
    ContentRevision,
    Correction,
    Exclusion,
    Item,
    Notice,
    Period,
    PolicyUse,
    Region,
    RegionFact,
    Row,
    Source,
)
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS, REGIONS
from catalog.snapshot import build

pytestmark = pytest.mark.django_db

N25, N26 = "2025-11-03", "2026-08-21"
CONTENT_MODELS = (
    Notice,
    Source,
    Row,
    PolicyUse,
    Region,
    Period,
    RegionFact,
    Category,
    Item,
    Exclusion,
    Correction,
)
WRITES = ("INSERT", "UPDATE", "DELETE")


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


COMMON = read(CONTENT_DIR / "common.toml")
NOTICE_FILES = {slug: read(CONTENT_DIR / "notices" / f"{slug}.toml") for slug in (N25, N26)}
CORRECTIONS = read(CONTENT_DIR / "corrections.toml")["corrections"]


def slugs(queryset) -> list[str]:
    return list(queryset.order_by("order").values_list("slug", flat=True))


def state() -> dict:
    """Everything a load could write: the rows of every content model and the revision."""
    rows = {model.__name__: sorted(model.objects.values_list()) for model in CONTENT_MODELS}
    rows["revision"] = list(ContentRevision.objects.values_list())
    return rows


def load(content_dir: Path = CONTENT_DIR) -> None:
    call_command("load_content", content_dir=content_dir, verbosity=0)


def copy_content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def edit(content_dir: Path, name: str, old: str, new: str | None) -> None:
    """Replace the first `old` of a content file by `new`; remove the file when `new` is None."""
    path = content_dir / name
    if new is None:
        path.unlink()
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {name}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def revision() -> ContentRevision:
    return ContentRevision.objects.get()


# ---------------------------------------------------------------- every version, as the files say


def test_both_notice_versions_are_loaded_with_their_code_ids_and_sources():
    loaded = Notice.objects.order_by("effective").values_list("slug", "code_id", "source_slug")
    assert list(loaded) == [(N25, 1, "N25"), (N26, 2, "N26")]


@pytest.mark.parametrize("version", [N25, N26])
def test_each_version_has_its_own_full_copy_of_the_content(version):
    notice = Notice.objects.get(slug=version)
    assert slugs(Region.objects.filter(notice=notice)) == list(REGIONS)
    assert slugs(Category.objects.filter(notice=notice)) == list(CATEGORY_SLUGS)
    main = Exclusion.objects.filter(notice=notice, further=False)
    assert slugs(main) == list(EXCLUSION_SLUGS)
    assert slugs(Source.objects.filter(notice=notice)) == [s["slug"] for s in COMMON["sources"]]
    assert slugs(Row.objects.filter(notice=notice)) == [row["slug"] for row in COMMON["rows"]]
    uses = PolicyUse.objects.filter(notice=notice)
    assert slugs(uses) == [use["slug"] for use in COMMON["policy_uses"]]
    items = Item.objects.filter(notice=notice)
    assert slugs(items) == [item["slug"] for item in NOTICE_FILES[version]["items"]]
    for item in items.select_related("category"):
        assert item.category.notice_id == notice.pk, item
    for region in COMMON["regions"]:
        loaded = Region.objects.get(notice=notice, slug=region["slug"])
        assert loaded.periods.count() == len(region["periods"]), region["slug"]
        assert loaded.facts.count() == len(region.get("facts", [])), region["slug"]


def test_the_corrections_log_is_loaded_once_not_per_version():
    assert sorted(Correction.objects.values_list("slug", flat=True)) == sorted(
        correction["slug"] for correction in CORRECTIONS
    )


def test_every_loaded_text_fits_its_column():
    """SQLite ignores CharField lengths; PostgreSQL (production) refuses a longer value."""
    too_long = []
    for model in (*CONTENT_MODELS, ContentRevision):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and field.max_length:
                for pk, value in model.objects.values_list("pk", field.name):
                    if len(value) > field.max_length:
                        too_long.append(f"{model.__name__}.{field.name} ({pk}): {value!r}")
    assert not too_long


def test_a_notice_file_entry_replaces_the_common_one_in_its_version_only():
    """The real case: 2026-08-21.toml pins its own safety row (N26 adds the minimum age)."""
    own = next(row for row in NOTICE_FILES[N26]["rows"] if row["slug"] == "safety")
    common = next(row for row in COMMON["rows"] if row["slug"] == "safety")
    assert own["summary_en"] != common["summary_en"]
    assert Row.objects.get(notice__slug=N26, slug="safety").summary_en == own["summary_en"]
    assert Row.objects.get(notice__slug=N25, slug="safety").summary_en == common["summary_en"]


# ---------------------------------------------------------------- overrides and versions kept

PROFILE_OVERRIDE = """
[[categories]]
slug = "profile"
name_en = "Profile data, as the 2025 version said"
name_fr = "Données de profil, selon la version de 2025"
summary_en = "Pinned for this version."
summary_fr = "Figé pour cette version."
"""


def test_an_override_in_a_notice_file_applies_to_that_version_only(tmp_path):
    copy = copy_content(tmp_path)
    with (copy / "notices" / f"{N25}.toml").open("a", encoding="utf-8") as file:
        file.write(PROFILE_OVERRIDE)
    load(copy)
    older = Category.objects.get(notice__slug=N25, slug="profile")
    assert (older.name_en, older.name_fr, older.summary_en) == (
        "Profile data, as the 2025 version said",
        "Données de profil, selon la version de 2025",
        "Pinned for this version.",
    )
    assert older.order == 0  # in the common entry's place, not appended
    assert older.items.count() == sum(
        item["category"] == "profile" for item in NOTICE_FILES[N25]["items"]
    )
    newer = Category.objects.get(notice__slug=N26, slug="profile")
    common = COMMON["categories"][0]
    assert (newer.name_en, newer.summary_en) == (common["name_en"], common["summary_en"])
    assert slugs(Category.objects.filter(notice__slug=N25)) == list(CATEGORY_SLUGS)


OTHER_NOTE = (
    'note_en = "The European notice does not apply here: the global Privacy Policy does, with '
    "LinkedIn Corporation as controller (l.53). This includes"
)


def newer_version(content_dir: Path) -> None:
    """Add a third version: two items renamed (gone, and new), its own "other" region and AFP."""
    text = (content_dir / "notices" / f"{N26}.toml").read_text(encoding="utf-8")
    for old, new in [
        (f'slug = "{N26}"\ncode_id = 2', 'slug = "2027-01-01"\ncode_id = 3'),
        ("effective = 2026-08-21", "effective = 2027-01-01"),
        ('slug = "age-attestation"', 'slug = "age-estimate"'),
        ('slug = "support-requests"', 'slug = "support-chats"'),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    common = (content_dir / "common.toml").read_text(encoding="utf-8")
    start = common.index('[[regions]]\nslug = "other"')
    other = common[start : common.index("\n# ======", start)]
    assert OTHER_NOTE in other
    afp_start = common.index('[[sources]]\nslug = "AFP"')
    afp = common[afp_start : common.index("\n\n", afp_start)]
    text += "\n" + other.replace(OTHER_NOTE, 'note_en = "Pinned in 2027. This includes') + "\n"
    text += "\n" + afp.replace('publisher = "', 'publisher = "Pinned in 2027: ') + "\n"
    (content_dir / "notices" / "2027-01-01.toml").write_text(text, encoding="utf-8")


def test_each_version_keeps_its_own_content_after_a_newer_version_is_loaded(tmp_path):
    before = build(0)
    copy = copy_content(tmp_path)
    newer_version(copy)
    load(copy)
    after = build(0)
    assert [notice.slug for notice in after.notices] == [N25, N26, "2027-01-01"]
    for slug in (N25, N26):
        assert after.by_slug(slug) == before.by_slug(slug), slug
    latest = after.current
    assert latest.code_id == 3
    item_slugs = {item.slug for item in latest.items}
    assert {"age-estimate", "support-chats"} <= item_slugs
    assert not {"age-attestation", "support-requests"} & item_slugs
    assert latest.region("other").note.en.startswith("Pinned in 2027.")
    assert latest.source_ref("AFP").publisher.startswith("Pinned in 2027: ")
    assert before.current.region("other").note == after.by_slug(N26).region("other").note
    assert not after.by_slug(N26).source_ref("AFP").publisher.startswith("Pinned")


# ---------------------------------------------------------------- the revision


def test_loading_unchanged_files_writes_nothing_and_keeps_the_revision(capsys):
    kept = list(ContentRevision.objects.values_list())
    with CaptureQueriesContext(connection) as queries:
        call_command("load_content")
    assert not [query for query in queries if query["sql"].lstrip().startswith(WRITES)]
    assert list(ContentRevision.objects.values_list()) == kept
    assert f"Content unchanged (revision {kept[0][1]})" in capsys.readouterr().out


def test_an_identical_copy_elsewhere_keeps_the_revision(tmp_path):
    """The digest is of the files' names and bytes, not of where they are."""
    kept = list(ContentRevision.objects.values_list())
    load(copy_content(tmp_path))
    assert list(ContentRevision.objects.values_list()) == kept


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("common.toml", 'name_en = "Profile data"', 'name_en = "Profile information"'),
        (f"notices/{N25}.toml", 'name_en = "Name and photo"', 'name_en = "Name and picture"'),
        ("corrections.toml", "UK, Canada and Hong Kong:", "UK, Canada, Hong Kong:"),
    ],
    ids=["common", "notice", "corrections"],
)
def test_a_changed_file_raises_the_revision_by_one_then_reloading_it_does_not(
    tmp_path, name, old, new
):
    number, digest = revision().number, revision().digest
    copy = copy_content(tmp_path)
    edit(copy, name, old, new)
    load(copy)
    changed = revision()
    assert changed.number == number + 1
    paths = [copy / "common.toml", *sorted((copy / "notices").glob("*.toml"))]
    assert changed.digest == content_digest([*paths, copy / "corrections.toml"]) != digest
    assert changed.loaded_at is not None
    load(copy)
    assert revision().number == number + 1
    load()  # going back to the original files is a change too
    assert (revision().number, revision().digest) == (number + 2, digest)


# ---------------------------------------------------------------- bad content stops the load

BAD_CONTENT = {
    "unknown source cited by an item": (
        f"notices/{N26}.toml",
        'sources = ["N26", "FAQ", "JAR25"]',
        'sources = ["N26", "FAQ", "NOPE"]',
        "notice 2026-08-21: unknown sources ['NOPE']",
    ),
    "unknown source as the notice's text": (
        f"notices/{N25}.toml",
        'source = "N25"',
        'source = "N24"',
        "notice 2025-11-03: unknown sources ['N24']",
    ),
    "unknown source cited by a period": (
        "common.toml",
        'sources = ["ICO24", "UK24", "EDG24", "TC24"]',
        'sources = ["ICO24", "UK24", "EDG99", "TC24"]',
        "unknown sources ['EDG99']",
    ),
    "unknown row named by an item": (
        f"notices/{N26}.toml",
        'rows = ["improve", "safety"]',
        'rows = ["improve", "safety", "marketing"]',
        "unknown rows ['improve', 'safety', 'marketing']",
    ),
    "unknown row slug in a notice file": (
        f"notices/{N26}.toml",
        'slug = "safety"\nline = 63',
        'slug = "safety-net"\nline = 63',
        "notice 2026-08-21: rows must be among",
    ),
    "listed by the notice without the training row": (
        f"notices/{N25}.toml",
        'listed_by = ["faq"]',
        'listed_by = ["notice", "faq"]',
        "the notice lists it for training iff its rows hold train",
    ),
    "training row without the notice listing it": (
        f"notices/{N25}.toml",
        'listed_by = ["notice", "faq"]',
        'listed_by = ["faq"]',
        "the notice lists it for training iff its rows hold train",
    ),
    "a source without its publisher": (
        "common.toml",
        'answer/a6278444"\nurl_fr = ""\npublisher = "LinkedIn Help"\n',
        'answer/a6278444"\nurl_fr = ""\n',
        "sources entry SET: missing ['publisher']",
    ),
    "two items with the same slug in one version": (
        f"notices/{N26}.toml",
        'slug = "comments"',
        'slug = "posts-articles"',
        "slugs are unique within a version",
    ),
    "unknown listed_by": (
        f"notices/{N25}.toml",
        'listed_by = ["faq"]',
        'listed_by = ["press"]',
        "listed_by must be among",
    ),
    "a seventh region instead of hk": (
        "common.toml",
        'slug = "hk"\nname_en = "Hong Kong"',
        'slug = "macau"\nname_en = "Hong Kong"',
        "regions must be exactly ('eea', 'ch', 'gb', 'ca', 'hk', 'other')",
    ),
    "a region added by a notice file": (
        f"notices/{N25}.toml",
        "\n[[items]]",
        '\n[[regions]]\nslug = "jersey"\n\n[[items]]',
        "regions must be exactly",
    ),
    "a current period with an end": (
        "common.toml",
        "  start = 2024-09-18\n  start_approximate = true",
        "  start = 2024-09-18\n  end = 2026-01-01\n  start_approximate = true",
        "region other: the last period is the current one: it has no end",
    ),
    "an earlier period ending after the current one starts": (
        "common.toml",
        "end = 2024-09-20",
        "end = 2025-12-01",
        "region gb: periods must be in order",
    ),
    "an earlier period without an end": (
        "common.toml",
        "  end = 2024-12-10\n",
        "",
        "region ca: periods must be in order",
    ),
    "an earlier period announced": (
        "common.toml",
        "  end = 2024-10-11\n  start_approximate = true\n  end_approximate = false\n"
        "  announced = false",
        "  end = 2024-10-11\n  start_approximate = true\n  end_approximate = false\n"
        "  announced = true",
        "region hk: only the current period can be announced",
    ),
    "unknown governing document": (
        "common.toml",
        'document = "policy"',
        'document = "treaty"',
        "region ca: document must be one of ('notice', 'policy')",
    ),
    "unknown objection route": (
        "common.toml",
        'objection = "uk-gdpr"',
        'objection = "ccpa"',
        "region gb: objection must be one of",
    ),
    "a loaded notice missing from the files": (
        f"notices/{N25}.toml",
        "",
        None,
        "notice 2025-11-03 (code_id 1) is loaded but missing or renumbered in the files",
    ),
    "a loaded notice renumbered": (
        f"notices/{N26}.toml",
        "code_id = 2\n",
        "code_id = 3\n",
        "notice 2026-08-21 (code_id 2) is loaded but missing or renumbered in the files",
    ),
    "two notices sharing a code_id": (
        f"notices/{N26}.toml",
        "code_id = 2\n",
        "code_id = 1\n",
        "two notices share a code_id",
    ),
    "code_id too large for result codes": (
        f"notices/{N26}.toml",
        "code_id = 2\n",
        "code_id = 128\n",
        "code_id must be 0-127",
    ),
    "a correction citing an unknown source": (
        "corrections.toml",
        'sources = ["PPG25", "N25", "FAQ"]',
        'sources = ["PPG25", "NOPE"]',
        "correction outside-europe-policy: needs a date and known sources",
    ),
    "two corrections sharing a slug": (
        "corrections.toml",
        'slug = "outside-europe-policy"',
        'slug = "uk-canada-hong-kong-2024"',
        "two corrections share a slug",
    ),
    "unknown questionnaire use": (
        f"notices/{N26}.toml",
        'use = "posts"',
        'use = "tweets"',
        "unknown use tweets",
    ),
    "unknown category of an item": (
        f"notices/{N26}.toml",
        'category = "feedback"',
        'category = "opinions"',
        "item feedback: unknown category",
    ),
    "categories not the eight": (
        "common.toml",
        'slug = "feedback"\nname_en',
        'slug = "opinions"\nname_en',
        "categories must be exactly",
    ),
    "a missing French text": (
        f"notices/{N26}.toml",
        'name_fr = "Nom et photo"',
        'name_fr = ""',
        "name-photo: missing name_fr",
    ),
    "a notice region without its supervisory authority": (
        "common.toml",
        'regulator_en = "The Information Commissioner\'s Office (ICO)"',
        'regulator_en = ""',
        "gb: missing regulator_en",
    ),
    "a reported start citing a source the period does not": (
        "common.toml",
        '  start_reported_by = ["TC24"]',
        '  start_reported_by = ["HKFP"]',
        "region gb: start_reported_by must be among its sources",
    ),
    "a reported start citing a regulator": (
        "common.toml",
        '  start_reported_by = ["TC24"]',
        '  start_reported_by = ["ICO24"]',
        "region gb: start_reported_by names press reports only",
    ),
    "unreadable TOML": (
        "common.toml",
        "[[sources]]",
        "[[sources]",
        "cannot read the content",
    ),
}


@pytest.mark.parametrize(("name", "old", "new", "error"), BAD_CONTENT.values(), ids=BAD_CONTENT)
def test_bad_content_stops_the_load_before_any_write(tmp_path, name, old, new, error):
    copy = copy_content(tmp_path)
    edit(copy, name, old, new)
    before = state()
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(CommandError, match=re.escape(error)),
    ):
        load(copy)
    assert not [query for query in queries if query["sql"].lstrip().startswith(WRITES)]
    assert state() == before
