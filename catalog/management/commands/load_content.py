"""Load the content files (catalog/content/) into the database. Idempotent: run it after every edit.

Rows are matched by slug and updated in place, so the admin and the files edit the same rows; a
notice's items that a file no longer lists are deleted. Bad content stops the load before any write.
"""

import tomllib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.models import ROWS, Category, DataItem, Exclusion, Notice, Region, Source
from catalog.rules.codes import MAX_NOTICE_ID
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS, REGIONS, USES

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
LANGS = [code for code, _ in settings.LANGUAGES]


def translated(row: dict, *fields: str) -> dict:
    """Pick `<field>_<lang>` values out of a content row; a missing translation is an error."""
    values = {}
    for field in fields:
        for lang in LANGS:
            key = f"{field}_{lang}"
            if key not in row:
                raise CommandError(f"{row.get('slug', row)}: missing {key}")
            values[key] = row[key]
    return values


def optional_translated(row: dict, *fields: str) -> dict:
    return {f"{field}_{lang}": row.get(f"{field}_{lang}", "") for field in fields for lang in LANGS}


class Command(BaseCommand):
    help = "Load sources, regions, categories, exclusions and every notice from catalog/content/."

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=Path, default=CONTENT_DIR)

    def handle(self, *args, content_dir: Path, **options):
        common = tomllib.loads((content_dir / "common.toml").read_text(encoding="utf-8"))
        notices = [
            tomllib.loads(path.read_text(encoding="utf-8"))
            for path in sorted((content_dir / "notices").glob("*.toml"))
        ]
        self.check_content(common, notices)
        with transaction.atomic():
            sources = self.load_common(common)
            for notice in notices:
                self.load_notice(notice, sources)
        self.stdout.write(
            f"Loaded {len(sources)} sources, {Category.objects.count()} categories, "
            f"{Exclusion.objects.count()} exclusions, {Region.objects.count()} regions, "
            f"{len(notices)} notices, {DataItem.objects.count()} items."
        )

    def check_content(self, common: dict, notices: list[dict]) -> None:
        source_slugs = {row["slug"] for row in common["sources"]}
        category_slugs = tuple(row["slug"] for row in common["categories"])
        if category_slugs != CATEGORY_SLUGS:
            raise CommandError(f"categories must be exactly {CATEGORY_SLUGS}, got {category_slugs}")
        main_exclusions = tuple(
            row["slug"] for row in common["exclusions"] if not row.get("further")
        )
        if main_exclusions != EXCLUSION_SLUGS:
            raise CommandError(
                f"exclusions must be exactly {EXCLUSION_SLUGS}, got {main_exclusions}"
            )
        if tuple(row["slug"] for row in common["regions"]) != REGIONS:
            raise CommandError(f"regions must be exactly {REGIONS}")
        code_ids = [notice["code_id"] for notice in notices]
        if len(set(code_ids)) != len(code_ids):
            raise CommandError(f"two notices share a code_id: {code_ids}")
        # Result codes (catalog/codes.py) hold the code_id in 7 bits.
        out_of_range = [code_id for code_id in code_ids if not 0 <= code_id <= MAX_NOTICE_ID]
        if out_of_range:
            raise CommandError(f"code_id must be 0-{MAX_NOTICE_ID}, got {out_of_range}")
        rows = [*common["regions"], *common["exclusions"]]
        for notice in notices:
            rows += notice["items"]
            if notice["source"] not in source_slugs:
                raise CommandError(f"notice {notice['slug']}: unknown source {notice['source']}")
            for item in notice["items"]:
                if item["category"] not in CATEGORY_SLUGS:
                    raise CommandError(f"{notice['slug']}/{item['slug']}: unknown category")
                if item.get("use", "") not in ("", *USES):
                    raise CommandError(
                        f"{notice['slug']}/{item['slug']}: unknown use {item['use']}"
                    )
        for row in rows:
            unknown = set(row.get("sources", [])) - source_slugs
            if unknown or not row.get("sources"):
                raise CommandError(f"{row['slug']}: needs known sources, got {row.get('sources')}")

    def load_common(self, common: dict) -> dict[str, Source]:
        sources = {}
        for order, row in enumerate(common["sources"]):
            sources[row["slug"]], _ = Source.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "title": row["title"],
                    "publisher": row["publisher"],
                    "url": row.get("url", ""),
                    "order": order,
                    **translated(row, "published", "note"),
                },
            )
        for order, row in enumerate(common["regions"]):
            region, _ = Region.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "countries": row["countries"],
                    "training_start": row["training_start"],
                    "notice_before_start": row["notice_before_start"],
                    "order": order,
                    **translated(row, "name", "note"),
                },
            )
            region.sources.set([sources[slug] for slug in row["sources"]])
        for order, row in enumerate(common["categories"]):
            Category.objects.update_or_create(
                slug=row["slug"], defaults={"order": order, **translated(row, "name", "summary")}
            )
        for order, row in enumerate(common["exclusions"]):
            exclusion, _ = Exclusion.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "use": row.get("use", ""),
                    "further": row.get("further", False),
                    "order": order,
                    **translated(row, "name", "summary", "details"),
                },
            )
            exclusion.sources.set([sources[slug] for slug in row["sources"]])
        return sources

    def load_notice(self, row: dict, sources: dict[str, Source]) -> None:
        notice, _ = Notice.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "code_id": row["code_id"],
                "effective": row["effective"],
                "source": sources[row["source"]],
                **translated(row, "title", "summary", "changes"),
            },
        )
        categories = {category.slug: category for category in Category.objects.all()}
        kept = []
        for order, item_row in enumerate(row["items"]):
            item, _ = DataItem.objects.update_or_create(
                notice=notice,
                slug=item_row["slug"],
                defaults={
                    "category": categories[item_row["category"]],
                    "use": item_row.get("use", ""),
                    "order": order,
                    **{field: item_row.get(field, False) for field in ROWS},
                    **translated(item_row, "name"),
                    **optional_translated(item_row, "examples", "note"),
                },
            )
            item.sources.set([sources[slug] for slug in item_row["sources"]])
            kept.append(item.pk)
        notice.items.exclude(pk__in=kept).delete()
