"""Load the content files (catalog/content/) into the database; the files are the source of truth.

Each notice version gets its own copy of the common content (common.toml), with the entries its own
file carries replacing the common ones of the same slug: what a version said stays pinned. Bad
content stops the load before any write. The revision goes up only when the files changed, so
running it at every start is free; the snapshot (catalog/snapshot.py) is rebuilt on the next read.
Notice versions are never removed: result links pin them.
"""

import hashlib
import tomllib
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from catalog import models
from catalog.rules.codes import MAX_NOTICE_ID
from catalog.rules.vocabulary import (
    CATEGORY_SLUGS,
    DOCUMENTS,
    EXCLUSION_SLUGS,
    LISTED_BY,
    OBJECTION_ROUTES,
    REGIONS,
    ROW_SLUGS,
    SOURCE_KINDS,
    USES,
)

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
LANGS = ("en", "fr")
# The common tables a notice file may override entry by entry (matched by slug).
TABLES = ("sources", "rows", "policy_uses", "regions", "categories", "exclusions")
# The texts each entry needs in both languages, checked before any write (see pair()).
# Plain keys each entry must have (a missing one is a clear error before any write).
REQUIRED_KEYS = {
    "sources": ("slug", "kind", "title_lang", "publisher"),
    "rows": ("slug", "line"),
    "policy_uses": ("slug",),
    "regions": ("slug", "document", "controller", "objection", "regulator_url"),
    "categories": ("slug",),
    "exclusions": ("slug",),
}
REQUIRED_TEXTS = {
    "sources": ("published",),
    "rows": ("name", "summary"),
    "policy_uses": ("summary",),
    "regions": ("name",),  # and the regulator where the notice governs (below)
    "categories": ("name", "summary"),
    "exclusions": ("name", "summary"),
}


def pair(row: dict, field: str, required: bool = True) -> dict:
    """`<field>_en` and `<field>_fr` of a content entry; a missing required one is an error."""
    values = {}
    for lang in LANGS:
        key = f"{field}_{lang}"
        if required and not row.get(key):
            raise CommandError(f"{row.get('slug', row)}: missing {key}")
        values[key] = row.get(key, "")
    return values


def merged(common: dict, notice: dict) -> dict:
    """The common tables with this notice file's entries replacing those of the same slug."""
    tables = {}
    for table in TABLES:
        overrides = {entry["slug"]: entry for entry in notice.get(table, [])}
        entries = [overrides.pop(entry["slug"], entry) for entry in common.get(table, [])]
        tables[table] = entries + list(overrides.values())
    return tables


def content_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Load every notice version, its content and the corrections log from catalog/content/."

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=Path, default=CONTENT_DIR)

    def handle(self, *args, content_dir: Path, **options):
        paths = [
            content_dir / "common.toml",
            *sorted((content_dir / "notices").glob("*.toml")),
            content_dir / "corrections.toml",
        ]
        try:
            files = [tomllib.loads(path.read_text(encoding="utf-8")) for path in paths]
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise CommandError(f"cannot read the content: {error}") from None
        common, notices, corrections = files[0], files[1:-1], files[-1].get("corrections", [])
        versions = [(notice, merged(common, notice)) for notice in notices]
        for notice, tables in versions:
            self.check_notice(notice, tables)
        self.check_corrections(corrections, versions[-1][1] if versions else {})
        self.check_kept_versions(notices)
        digest = content_digest(paths)
        revision = models.ContentRevision.objects.first()
        if revision and revision.digest == digest and models.Notice.objects.exists():
            self.stdout.write(f"Content unchanged (revision {revision.number}).")
            return
        with transaction.atomic():
            models.Notice.objects.all().delete()  # cascades to every per-version row
            models.Correction.objects.all().delete()
            for notice, tables in versions:
                self.load_notice(notice, tables)
            for row in corrections:
                models.Correction.objects.create(
                    slug=row["slug"],
                    date=row["date"],
                    sources=row["sources"],
                    **pair(row, "title"),
                    **pair(row, "summary"),
                )
            revision = revision or models.ContentRevision()
            revision.number += 1
            revision.digest = digest
            revision.loaded_at = timezone.now()
            revision.save()
        items = sum(len(notice.get("items", [])) for notice in notices)
        self.stdout.write(
            f"Loaded revision {revision.number}: {len(notices)} notice versions, {items} items, "
            f"{len(corrections)} corrections."
        )

    # ------------------------------------------------------------ checks

    def check_notice(self, notice: dict, tables: dict) -> None:
        name = notice.get("slug", "?")

        def fail(message: str) -> None:
            raise CommandError(f"notice {name}: {message}")

        for key in ("slug", "code_id", "effective", "source"):
            if key not in notice:
                fail(f"missing {key}")
        items = [item.get("slug") for item in notice.get("items", [])]
        if None in items or len(set(items)) != len(items):
            fail("every item needs a slug, and slugs are unique within a version")

        if not 0 <= notice.get("code_id", -1) <= MAX_NOTICE_ID:  # result codes hold it in 7 bits
            fail(f"code_id must be 0-{MAX_NOTICE_ID}")
        if not isinstance(notice.get("effective"), date):
            fail("effective must be a date")
        sources = {row["slug"] for row in tables["sources"]}
        for row in tables["sources"]:
            if row.get("kind") not in SOURCE_KINDS:
                fail(f"source {row['slug']}: kind must be one of {SOURCE_KINDS}")
        if tuple(row["slug"] for row in tables["regions"]) != REGIONS:
            fail(f"regions must be exactly {REGIONS}")
        if tuple(row["slug"] for row in tables["categories"]) != CATEGORY_SLUGS:
            fail(f"categories must be exactly {CATEGORY_SLUGS}")
        main = tuple(row["slug"] for row in tables["exclusions"] if not row.get("further"))
        if main != EXCLUSION_SLUGS:
            fail(f"main exclusions must be exactly {EXCLUSION_SLUGS}")
        if {row["slug"] for row in tables["rows"]} - set(ROW_SLUGS):
            fail(f"rows must be among {ROW_SLUGS}")
        for table, keys in REQUIRED_KEYS.items():
            for entry in tables[table]:
                missing = [key for key in keys if key not in entry]
                if missing or "title" not in entry and table == "sources":
                    fail(f"{table} entry {entry.get('slug', entry)}: missing {missing or 'title'}")
        for region in tables["regions"]:
            if any("start" not in period for period in region.get("periods", [])):
                fail(f"region {region['slug']}: every period needs a start")
        for region in tables["regions"]:
            self.check_region(name, region)
        for item in notice.get("items", []):
            if item.get("category") not in CATEGORY_SLUGS:
                fail(f"item {item.get('slug')}: unknown category")
            if item.get("use", "") not in ("", *USES):
                fail(f"item {item['slug']}: unknown use {item['use']}")
            if set(item.get("rows", [])) - {row["slug"] for row in tables["rows"]}:
                fail(f"item {item['slug']}: unknown rows {item['rows']}")
            if set(item.get("listed_by", [])) - set(LISTED_BY):
                fail(f"item {item['slug']}: listed_by must be among {LISTED_BY}")
            if ("train" in item.get("rows", [])) != ("notice" in item.get("listed_by", [])):
                fail(
                    f"item {item['slug']}: the notice lists it for training iff its rows hold train"
                )
        cited = [notice.get("source"), *notice.get("changes_sources", [])]
        entries = [*tables["rows"], *tables["policy_uses"], *tables["regions"]]
        entries += [*tables["exclusions"], *notice.get("items", [])]
        for region in tables["regions"]:
            entries += [*region.get("periods", []), *region.get("facts", [])]
            cited += region.get("regulator_sources", [])
        for entry in entries:
            if not entry.get("sources"):
                fail(f"{entry.get('slug', entry.get('start', entry))}: needs sources")
            cited += entry["sources"]
        unknown = sorted(set(cited) - sources)
        if unknown:
            fail(f"unknown sources {unknown}")
        kinds = {row["slug"]: row.get("kind") for row in tables["sources"]}
        for region in tables["regions"]:
            for period in region.get("periods", []):
                reported_by = period.get("start_reported_by", [])
                if set(reported_by) - set(period.get("sources", [])):
                    fail(f"region {region['slug']}: start_reported_by must be among its sources")
                if any(kinds.get(slug) not in ("press", "reported") for slug in reported_by):
                    fail(f"region {region['slug']}: start_reported_by names press reports only")
        texts = [(notice, ("title", "summary"))]
        texts += [(item, ("name",)) for item in notice.get("items", [])]
        for table, fields in REQUIRED_TEXTS.items():
            texts += [(entry, fields) for entry in tables[table]]
        for region in tables["regions"]:
            if region["document"] == "notice":  # it names a supervisory authority
                texts.append((region, ("regulator",)))
            texts += [(period, ("note",)) for period in region["periods"]]
            texts += [(fact, ("summary",)) for fact in region.get("facts", [])]
        for entry, fields in texts:
            for field in fields:
                pair(entry, field)

    def check_region(self, notice: str, region: dict) -> None:
        def fail(message: str) -> None:
            raise CommandError(f"notice {notice}, region {region['slug']}: {message}")

        if region.get("document") not in DOCUMENTS:
            fail(f"document must be one of {DOCUMENTS}")
        if region.get("objection") not in OBJECTION_ROUTES:
            fail(f"objection must be one of {OBJECTION_ROUTES}")
        periods = region.get("periods", [])
        if not periods:
            fail("needs at least one training period")
        if "end" in periods[-1]:
            fail("the last period is the current one: it has no end")
        for earlier, later in zip(periods, periods[1:], strict=False):
            if "end" not in earlier or not earlier["start"] <= earlier["end"] < later["start"]:
                fail("periods must be in order, each earlier one ending before the next starts")
            if earlier.get("announced"):
                fail("only the current period can be announced")

    def check_corrections(self, corrections: list[dict], current: dict) -> None:
        sources = {row["slug"] for row in current.get("sources", [])}
        slugs = [row.get("slug") for row in corrections]
        if len(set(slugs)) != len(slugs):
            raise CommandError("two corrections share a slug")
        for row in corrections:
            if not isinstance(row.get("date"), date) or set(row.get("sources", [])) - sources:
                raise CommandError(f"correction {row.get('slug')}: needs a date and known sources")
            for field in ("title", "summary"):
                pair(row, field)

    def check_kept_versions(self, notices: list[dict]) -> None:
        """A loaded version must stay, with its code_id: result links pin it."""
        in_files = {notice["slug"]: notice["code_id"] for notice in notices}
        if len(in_files) != len(notices):
            raise CommandError("two notice files share a slug")
        if len(set(in_files.values())) != len(in_files):
            raise CommandError("two notices share a code_id")
        for slug, code_id in models.Notice.objects.values_list("slug", "code_id"):
            if in_files.get(slug) != code_id:
                raise CommandError(
                    f"notice {slug} (code_id {code_id}) is loaded but missing or renumbered in "
                    "the files: result links pin it, so it must stay"
                )

    # ------------------------------------------------------------ writes

    def load_notice(self, row: dict, tables: dict) -> None:
        notice = models.Notice.objects.create(
            slug=row["slug"],
            code_id=row["code_id"],
            effective=row["effective"],
            source_slug=row["source"],
            changes_sources=row.get("changes_sources", []),
            **pair(row, "title"),
            **pair(row, "summary"),
            **pair(row, "changes", required=False),
        )
        for order, source in enumerate(tables["sources"]):
            models.Source.objects.create(
                notice=notice,
                order=order,
                slug=source["slug"],
                kind=source["kind"],
                title=source["title"],
                title_lang=source["title_lang"],
                title_fr=source.get("title_fr", ""),
                url=source.get("url", ""),
                url_fr=source.get("url_fr", ""),
                publisher=source["publisher"],
                publisher_fr=source.get("publisher_fr", ""),
                publisher_in_sentence_fr=source.get("publisher_in_sentence_fr", ""),
                sources=[],
                **pair(source, "published"),
                **pair(source, "note", required=False),
            )
        for order, entry in enumerate(tables["rows"]):
            models.Row.objects.create(
                notice=notice,
                order=order,
                slug=entry["slug"],
                line=entry["line"],
                setting=entry.get("setting", False),
                objection=entry.get("objection", True),
                regions=entry.get("regions", []),
                sources=entry["sources"],
                **pair(entry, "name"),
                **pair(entry, "summary"),
            )
        for order, entry in enumerate(tables["policy_uses"]):
            models.PolicyUse.objects.create(
                notice=notice,
                order=order,
                slug=entry["slug"],
                line=entry.get("line") or None,
                sources=entry["sources"],
                **pair(entry, "summary"),
            )
        for order, entry in enumerate(tables["regions"]):
            self.load_region(notice, order, entry)
        categories = {}
        for order, entry in enumerate(tables["categories"]):
            categories[entry["slug"]] = models.Category.objects.create(
                notice=notice,
                order=order,
                slug=entry["slug"],
                sources=entry.get("sources", []),
                **pair(entry, "name"),
                **pair(entry, "summary"),
            )
        models.Item.objects.bulk_create(
            models.Item(
                notice=notice,
                order=order,
                category=categories[entry["category"]],
                slug=entry["slug"],
                use=entry.get("use", ""),
                rows=entry.get("rows", []),
                listed_by=entry.get("listed_by", []),
                sources=entry["sources"],
                **pair(entry, "name"),
                **pair(entry, "examples", required=False),
                **pair(entry, "note", required=False),
            )
            for order, entry in enumerate(row.get("items", []))
        )
        for order, entry in enumerate(tables["exclusions"]):
            models.Exclusion.objects.create(
                notice=notice,
                order=order,
                slug=entry["slug"],
                use=entry.get("use", ""),
                further=entry.get("further", False),
                applies_from=entry.get("applies_from"),
                sources=entry["sources"],
                **pair(entry, "name"),
                **pair(entry, "summary"),
                **pair(entry, "details", required=False),
            )

    def load_region(self, notice: models.Notice, order: int, entry: dict) -> None:
        region = models.Region.objects.create(
            notice=notice,
            order=order,
            slug=entry["slug"],
            countries=entry.get("countries", ""),
            document=entry["document"],
            controller=entry["controller"],
            objection=entry["objection"],
            regulator_url=entry["regulator_url"],
            regulator_sources=entry.get("regulator_sources", []),
            sources=entry["sources"],
            **pair(entry, "name"),
            # The notice names a supervisory authority; the global policy names none.
            **pair(entry, "regulator", required=entry["document"] == "notice"),
            **pair(entry, "note", required=False),
        )
        for position, period in enumerate(entry["periods"]):
            models.Period.objects.create(
                region=region,
                order=position,
                start=period["start"],
                end=period.get("end"),
                start_approximate=period.get("start_approximate", False),
                end_approximate=period.get("end_approximate", False),
                announced=period.get("announced", False),
                sources=period["sources"],
                start_reported_by=period.get("start_reported_by", []),
                **pair(period, "note"),
            )
        for position, fact in enumerate(entry.get("facts", [])):
            models.RegionFact.objects.create(
                region=region,
                order=position,
                reported=fact.get("reported", False),
                sources=fact["sources"],
                **pair(fact, "summary"),
            )
