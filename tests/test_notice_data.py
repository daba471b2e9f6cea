"""A notice's data comes out of the database as the content files say, in a few queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalog.models import Notice
from catalog.notice_data import load_notice_data, load_regions
from catalog.rules.vocabulary import CATEGORY_SLUGS, EXCLUSION_SLUGS, REGIONS
from tests.test_assessment import content_notice

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_current_notice_data_matches_the_content_files_in_each_language(lang):
    with translation.override(lang):
        assert load_notice_data() == content_notice("2026-08-21", lang)


def test_an_older_notice_version_can_be_loaded():
    older = Notice.objects.get(slug="2025-11-03")
    assert load_notice_data(older) == content_notice("2025-11-03")


def test_notice_data_has_the_eight_categories_and_three_main_exclusions_in_order():
    notice = load_notice_data()
    assert tuple(category.slug for category in notice.categories) == CATEGORY_SLUGS
    assert tuple(exclusion.slug for exclusion in notice.exclusions) == EXCLUSION_SLUGS
    assert tuple(region.slug for region in notice.regions) == REGIONS


def test_notice_data_needs_a_few_queries_whatever_the_number_of_items():
    counts = []
    for notice in Notice.objects.select_related("source"):  # 29 and 30 items
        with CaptureQueriesContext(connection) as queries:
            load_notice_data(notice)
        counts.append(len(queries))
    # regions, their sources, categories, items, their sources, exclusions, their sources
    assert counts == [7, 7]
    with CaptureQueriesContext(connection) as queries:
        load_notice_data()
    assert len(queries) == 8  # and the current notice


def test_regions_alone_need_one_query():
    with CaptureQueriesContext(connection) as queries:
        regions = load_regions()
    assert len(queries) == 1
    assert "FR" in regions[0].countries


def test_no_notice_loaded_gives_none():
    Notice.objects.all().delete()
    assert load_notice_data() is None


@pytest.fixture
def content_cache(settings):
    from catalog import notice_data

    settings.CONTENT_CACHE_SECONDS = 60
    notice_data._built.clear()
    yield notice_data
    notice_data._built.clear()


def test_with_the_content_cache_a_worker_reads_a_notice_once_per_language(content_cache):
    notice = Notice.objects.get(slug="2026-08-21")
    with translation.override("en"):
        first = load_notice_data(notice)
        with CaptureQueriesContext(connection) as queries:
            assert load_notice_data(notice) is first
        assert len(queries) == 0
    with translation.override("fr"):
        assert load_notice_data(notice) == content_notice("2026-08-21", "fr")


def test_the_content_cache_expires(content_cache, monkeypatch):
    notice = Notice.objects.get(slug="2026-08-21")
    first = load_notice_data(notice)
    later = content_cache.time.monotonic() + 61
    monkeypatch.setattr(content_cache.time, "monotonic", lambda: later)
    assert load_notice_data(notice) is not first


def test_without_the_content_cache_every_call_reads_the_database():
    notice = Notice.objects.get(slug="2026-08-21")
    assert load_notice_data(notice) is not load_notice_data(notice)
