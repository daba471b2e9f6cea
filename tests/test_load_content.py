import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalog.management.commands.load_content import CONTENT_DIR
from catalog.models import Category, DataItem, Exclusion, Notice, Region, Source
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS, REGIONS

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Source, Notice, Region, Category, DataItem, Exclusion)
    }


def test_content_has_exactly_the_card_slugs_and_both_notice_versions():
    assert tuple(Category.objects.values_list("slug", flat=True)) == CATEGORY_SLUGS
    main = Exclusion.objects.filter(further=False).values_list("slug", flat=True)
    assert tuple(main) == EXCLUSION_SLUGS
    assert tuple(Region.objects.values_list("slug", flat=True)) == REGIONS
    assert [n.slug for n in Notice.objects.order_by("effective")] == ["2025-11-03", "2026-08-21"]
    assert Notice.current().slug == "2026-08-21"


def test_loading_twice_changes_nothing():
    before = row_counts()
    call_command("load_content", verbosity=0)
    assert row_counts() == before


def test_every_visitor_facing_field_is_filled_in_both_languages():
    for item in DataItem.objects.all():
        assert item.name_fr and item.name_en, item
        assert item.sources.exists(), item
    for category in Category.objects.all():
        assert category.name_fr and category.name_en and category.summary_fr and category.summary_en


def test_training_row_matches_the_notice_for_key_items():
    current = Notice.current()
    listed = set(current.items.filter(train=True).values_list("slug", flat=True))
    assert {"name-photo", "resumes", "posts-articles", "group-activity", "prompts-chats"} <= listed
    assert not {"ip-address", "feed-pages", "badge", "age-gender"} & listed


def test_an_item_removed_from_a_file_is_removed_from_the_database(tmp_path: Path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    path = copy / "notices" / "2026-08-21.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[items]]\ncategory = "verification"\nslug = "id-details"')
    end = text.index("[[items]]", start + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    call_command("load_content", content_dir=copy, verbosity=0)
    assert not DataItem.objects.filter(notice__slug="2026-08-21", slug="id-details").exists()
    assert DataItem.objects.filter(notice__slug="2025-11-03", slug="badge").exists()


def edited_copy(tmp_path: Path, notice: str, old: str, new: str) -> Path:
    """A copy of the content with one edit in a notice file."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    path = copy / "notices" / f"{notice}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("notice", "old", "new", "error"),
    [
        ("2025-11-03", 'sources = ["N25"]', 'sources = ["NOPE"]', "NOPE"),
        ("2026-08-21", "code_id = 2\n", "code_id = 128\n", "code_id must be 0-127"),
        ("2026-08-21", 'use = "posts"', 'use = "tweets"', "unknown use tweets"),
    ],
    ids=["unknown source", "code_id too large for result codes", "unknown questionnaire use"],
)
def test_bad_content_stops_the_load_before_any_write(tmp_path: Path, notice, old, new, error):
    copy = edited_copy(tmp_path, notice, old, new)
    before = row_counts()
    with pytest.raises(CommandError, match=error):
        call_command("load_content", content_dir=copy, verbosity=0)
    assert row_counts() == before
