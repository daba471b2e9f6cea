"""The read model (catalog/snapshot.py): built from the database once per content revision.

A load of changed files is seen on the next read (no timer); once warm, a request costs one query,
the revision check; texts follow the active language; countries map to their region.
"""

import contextlib
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.template import Context, Template
from django.utils import translation

from catalog.management.commands.load_content import CONTENT_DIR
from catalog.models import ContentRevision, Notice
from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.snapshot import Text, current_content

pytestmark = pytest.mark.django_db

COMMON_NAME = 'name_en = "Profile data"\nname_fr = "Données de profil"'
NEW_NAME = 'name_en = "Profile information"\nname_fr = "Informations de profil"'


@pytest.fixture
def renamed_profile(tmp_path):
    """A copy of the content files in which the profile category has another name."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    path = copy / "common.toml"
    text = path.read_text(encoding="utf-8")
    assert COMMON_NAME in text
    path.write_text(text.replace(COMMON_NAME, NEW_NAME, 1), encoding="utf-8")
    return copy


def revision_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if "catalog_contentrevision" in query["sql"]]


# ---------------------------------------------------------------- one read model per revision


def test_a_load_of_changed_files_is_seen_on_the_next_read(renamed_profile):
    before = current_content()
    assert before.current.category("profile").name.en == "Profile data"
    call_command("load_content", content_dir=renamed_profile, verbosity=0)
    after = current_content()  # no waiting: there is no timer to run out
    assert after.revision == before.revision + 1
    for notice in after.notices:
        profile = notice.category("profile")
        assert profile.name.both() == ("Profile information", "Informations de profil")


# Pages whose parts are rendered once per notice version (catalog.web.fragments), and search,
# which reads a per-version index: all must follow a new load at once.
KEPT_PER_VERSION = [
    "/en/categories/profile/",
    "/en/",
    "/en/result/?country=FR&age=adult&setting=on&uses=posts",
    "/en/search/?q=profile",
    "/api/v1/categories",  # JSON encoded once per version and language (web/api.py)
    "/api/v1/categories?lang=fr",
]


@pytest.mark.parametrize("path", KEPT_PER_VERSION)
def test_a_load_between_two_requests_is_seen_by_the_second(client, renamed_profile, path):
    before, after = ("Profile data", "Profile information")
    if "lang=fr" in path:
        before, after = ("Données de profil", "Informations de profil")
    assert before in shown(client.get(path))
    call_command("load_content", content_dir=renamed_profile, verbosity=0)
    page = shown(client.get(path))
    assert after in page and before not in page


def shown(response) -> str:
    """A page's text, or a JSON body's with its escapes decoded."""
    if response["Content-Type"] == "application/json":
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize("path", ["/en/changes/feed/", "/en/changes/", "/sitemap.xml"])
def test_documents_kept_with_a_version_follow_a_new_version(client, tmp_path, path):
    from tests.test_share_views import load_a_third_notice

    assert "2027-05-01" not in client.get(path).content.decode()
    load_a_third_notice(tmp_path)
    assert "2027-05-01" in client.get(path).content.decode()


def test_the_snapshot_is_kept_while_the_revision_stays(django_assert_num_queries):
    first = current_content()
    with django_assert_num_queries(1) as captured:  # outside requests: every read checks
        assert current_content() is first
    assert revision_queries(captured)
    call_command("load_content", verbosity=0)  # unchanged files: same revision
    assert current_content() is first


def test_nothing_loaded_gives_no_content():
    Notice.objects.all().delete()
    ContentRevision.objects.all().delete()
    assert current_content() is None


@contextlib.contextmanager
def in_a_request():
    """The request signals, without closing the test's connection (as Django's test client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        yield
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_within_a_request_the_revision_is_read_once(django_assert_num_queries):
    current_content()  # warm
    with in_a_request(), django_assert_num_queries(1) as captured:
        first = current_content()
        assert current_content() is first
    assert revision_queries(captured)
    with in_a_request(), django_assert_num_queries(1):  # the next request checks again
        assert current_content() is first


WARM_PAGES = [
    "/en/",
    "/en/categories/profile/",
    "/en/result/?country=FR&age=adult&setting=off&switched_off=after&uses=groups&uses=posts",
    "/api/v1/assessment?country=FR&age=adult&setting=on&uses=posts",
    # A short link pinned to the older notice version reads the same snapshot.
    f"/en/r/{codes.encode(Answers('GB', 'adult', 'on', None, frozenset({'posts'})), 1)}/",
]


@pytest.mark.parametrize("url", WARM_PAGES)
def test_once_warm_a_request_costs_only_the_revision_check(
    client, django_assert_max_num_queries, url
):
    assert client.get("/en/").status_code == 200  # builds the snapshot
    with django_assert_max_num_queries(1) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(revision_queries(captured)) == 1  # and it is made: a newer load is never missed


# ---------------------------------------------------------------- texts and sources


def test_a_text_shows_the_active_language():
    text = Text("Profile data", "Données de profil")
    with translation.override("fr"):
        assert str(text) == "Données de profil"
        assert Template("{{ text }}").render(Context({"text": text})) == "Données de profil"
    with translation.override("en"):
        assert str(text) == "Profile data"
        assert Template("{{ text }}").render(Context({"text": text})) == "Profile data"
    assert text.both() == ("Profile data", "Données de profil")
    assert text and not Text("", "")


def test_only_opc24_has_the_publisher_s_own_french_title(notice):
    assert {source.slug for source in notice.sources if source.title_fr} == {"OPC24"}
    assert {source.slug for source in notice.sources if source.url_fr} == {"OPC24"}


def test_opc24_shows_its_own_french_title_and_page_in_french_only(notice):
    opc = notice.source_ref("OPC24")
    with translation.override("fr"):
        assert (opc.shown_title, opc.shown_lang, opc.link) == (opc.title_fr, "fr", opc.url_fr)
        assert opc.shown_title.startswith("Le Commissaire à la protection de la vie privée")
    with translation.override("en"):
        assert (opc.shown_title, opc.shown_lang, opc.link) == (opc.title, "en", opc.url)
        assert opc.shown_title.startswith("Privacy Commissioner welcomes")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("slug", "title_lang"), [("ICO24", "en"), ("AFP", "fr"), ("N25", "en")])
def test_other_titles_are_shown_as_published_in_their_own_language(notice, lang, slug, title_lang):
    source = notice.source_ref(slug)
    with translation.override(lang):
        assert (source.shown_title, source.shown_lang) == (source.title, title_lang)
        assert source.link == source.url


def test_an_untitled_source_goes_by_its_publisher(notice):
    untitled = [source for source in notice.sources if not source.title]
    assert untitled  # CNPD25's post
    for source in untitled:
        with translation.override("fr"):
            assert source.shown_title == source.publisher


# ---------------------------------------------------------------- countries and regions

EEA_TERRITORIES = ["AX", "GF", "GP", "MQ", "RE", "YT", "MF"]
OUTSIDE_THE_NOTICE = ["JE", "GG", "IM", "GI", "FO", "GL", "US"]


@pytest.mark.parametrize("version", [0, -1])
@pytest.mark.parametrize("country", [*EEA_TERRITORIES, "FR", "IS", "LI", "NO", "gf", "re"])
def test_eu_territories_with_their_own_codes_are_in_the_eea(site_content, version, country):
    assert site_content.notices[version].region_for(country).slug == "eea"


@pytest.mark.parametrize("version", [0, -1])
@pytest.mark.parametrize("country", [*OUTSIDE_THE_NOTICE, "je", "XX"])
def test_crown_dependencies_gibraltar_faroes_greenland_and_the_us_are_other(
    site_content, version, country
):
    assert site_content.notices[version].region_for(country).slug == "other"


@pytest.mark.parametrize(
    ("country", "region"), [("CH", "ch"), ("GB", "gb"), ("CA", "ca"), ("HK", "hk")]
)
def test_each_other_region_has_its_own_country(notice, country, region):
    assert notice.region_for(country).slug == region
