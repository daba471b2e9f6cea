"""Following a result: /<lang>/r/<code>/feed/, an Atom feed that gains an entry whenever a newer
notice version changes the result (a status, the region's periods, the letter), and one per
correction of the site's content, which may change it. The address carries only the code."""

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.present.summary import STATUSES
from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.rules.assessment import IN_SCOPE, NOT_LISTED, assess
from catalog.web.feeds import Version, _changed, _version_entry
from tests.test_share_views import encode_v1, third_notice_content

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
N25, N26, THIRD = 1, 2, 3
CONTENT_DIR = Path(__file__).resolve().parent.parent / "catalog" / "content"
# Feedback is listed for training by LinkedIn's FAQ only: a version that drops it changes a status.
FR_FEEDBACK = Answers("FR", "adult", "on", None, frozenset({"posts", "feedback"}))
CODE = codes.encode(FR_FEEDBACK, N26)
OLD_CODE = codes.encode(FR_FEEDBACK, N25)


def feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    assert not response.cookies and "Set-Cookie" not in response
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{ATOM}entry")


def entry_ids(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}id") for entry in entries(root)]


def version_entries(root: ET.Element) -> list[ET.Element]:
    return [entry for entry in entries(root) if "#notice-" in entry.findtext(f"{ATOM}id")]


def summary_text(entry: ET.Element) -> str:
    return unescape(entry.findtext(f"{ATOM}summary"))


def load_content_with(
    tmp_path: Path, drop_feedback: bool = False, correction_date: str | None = None
) -> None:
    """Load the content plus a third notice version of 1 May 2027 (a copy of the current one,
    optionally no longer listing feedback for training), and optionally an extra correction."""
    content = third_notice_content(tmp_path)
    if drop_feedback:
        third = content / "notices" / "2027-05-01.toml"
        text = third.read_text(encoding="utf-8")
        head, marker, feedback = text.partition("# " + "-" * 64 + " feedback")
        assert marker and feedback.count('listed_by = ["faq"]') == 2
        text = head + marker + feedback.replace('listed_by = ["faq"]', "listed_by = []")
        third.write_text(text, encoding="utf-8")
    if correction_date:
        with (content / "corrections.toml").open("a", encoding="utf-8") as corrections:
            corrections.write(
                f"""
[[corrections]]
date = {correction_date}
slug = "test-correction"
title_en = "A test correction"
title_fr = "Une correction de test"
summary_en = "What the site said, and what it says now."
summary_fr = "Ce que disait le site, et ce qu’il dit désormais."
sources = ["N25"]
"""
            )
    call_command("load_content", content_dir=content, verbosity=0)


# ---------------------------------------------------------------- the feed


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_feed_is_atom_and_starts_with_the_result_against_its_own_version(
    client, site_content, lang
):
    root = feed(client, f"/{lang}/r/{CODE}/feed/")
    assert root.get(XML_LANG) == lang
    for child in ("title", "id", "updated", "subtitle"):
        assert root.findtext(f"{ATOM}{child}")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {
        "alternate": f"http://testserver/{lang}/r/{CODE}/",
        "self": f"http://testserver/{lang}/r/{CODE}/feed/",
    }
    ids = entry_ids(root)
    assert len(ids) == len(set(ids))
    for entry in entries(root):
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}summary")
        assert entry.findtext(f"{ATOM}id").startswith(f"http://testserver/{lang}/r/{CODE}/#")
    # The current notice version is the code's own: one entry for it, linking to the result.
    (first,) = version_entries(root)
    assert first.findtext(f"{ATOM}id").endswith("#notice-2026-08-21")
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver/{lang}/r/{CODE}/"
    assert first.findtext(f"{ATOM}published").startswith("2026-08-21")
    text = summary_text(first)
    feedback = site_content.current.category("feedback").name
    assert (feedback.fr if lang == "fr" else feedback.en) in text


def test_each_correction_since_the_codes_version_has_an_entry_saying_it_may_change_it(
    client, site_content
):
    root = feed(client, f"/en/r/{CODE}/feed/")
    corrections = [c for c in site_content.corrections if c.date >= site_content.current.effective]
    assert corrections  # the loaded content has some: the test checks something
    by_id = {entry.findtext(f"{ATOM}id"): entry for entry in entries(root)}
    assert len(by_id) == len(corrections) + 1
    for correction in corrections:
        entry = by_id[f"http://testserver/en/r/{CODE}/#correction-{correction.slug}"]
        assert correction.title.en in entry.findtext(f"{ATOM}title")
        assert entry.find(f"{ATOM}link").get("href") == (
            f"http://testserver/en/changes/#correction-{correction.slug}"
        )
        text = summary_text(entry)
        assert "may change this result" in text
        assert correction.summary.en in text
        assert f'href="http://testserver/en/r/{CODE}/"' in text


def test_entries_come_newest_first(client):
    root = feed(client, f"/en/r/{OLD_CODE}/feed/")
    dates = [entry.findtext(f"{ATOM}published") for entry in entries(root)]
    assert dates == sorted(dates, reverse=True)
    assert version_entries(root)[-1].findtext(f"{ATOM}id").endswith("#notice-2025-11-03")


def test_the_french_feed_is_in_french(client, site_content):
    root = feed(client, f"/fr/r/{CODE}/feed/")
    text = " ".join(
        [entry.findtext(f"{ATOM}title") + summary_text(entry) for entry in entries(root)]
    )
    correction = site_content.corrections[0]
    assert correction.title.fr in text and correction.title.en not in text
    assert "21 août 2026" in text
    # Status labels and category names in French, with French typography before the colon.
    profile = site_content.current.category("profile").name.fr
    assert f"{profile}\u202f:" in text
    assert "Profile data" not in text
    assert "May be used from now on" not in text


# ---------------------------------------------------------------- newer versions


def test_a_newer_version_that_changes_a_status_adds_an_entry(client, tmp_path):
    before = entry_ids(feed(client, f"/en/r/{CODE}/feed/"))
    load_content_with(tmp_path, drop_feedback=True)
    root = feed(client, f"/en/r/{CODE}/feed/")
    added = [entry for entry in entries(root) if entry.findtext(f"{ATOM}id") not in before]
    assert [entry.findtext(f"{ATOM}id") for entry in added] == [
        f"http://testserver/en/r/{CODE}/#notice-2027-05-01"
    ]
    (entry,) = added
    assert set(before) < set(entry_ids(root))  # nothing lost
    assert entry.findtext(f"{ATOM}published").startswith("2027-05-01")
    assert "1 May 2027" in entry.findtext(f"{ATOM}title")
    newer = codes.encode(FR_FEEDBACK, THIRD)
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/en/r/{newer}/"
    text = summary_text(entry)
    was, now = str(STATUSES[IN_SCOPE].label), str(STATUSES[NOT_LISTED].label)
    assert f"Feedback: “{was}”, now “{now}”." in text
    assert "Profile data:" not in text  # only what changed
    assert entries(root)[0] is entry  # the newest


def test_a_newer_version_that_changes_nothing_for_this_result_adds_no_entry(client, tmp_path):
    before = entry_ids(feed(client, f"/en/r/{CODE}/feed/"))
    load_content_with(tmp_path)
    assert entry_ids(feed(client, f"/en/r/{CODE}/feed/")) == before
    # The 2026 version changed nothing for this result either: an older code has one version entry.
    assert len(version_entries(feed(client, f"/en/r/{OLD_CODE}/feed/"))) == 1


def test_an_older_code_follows_every_later_version_that_changes_it(client, tmp_path):
    load_content_with(tmp_path, drop_feedback=True)
    ids = [
        entry.findtext(f"{ATOM}id")
        for entry in version_entries(feed(client, f"/fr/r/{OLD_CODE}/feed/"))
    ]
    assert ids == [
        f"http://testserver/fr/r/{OLD_CODE}/#notice-2027-05-01",
        f"http://testserver/fr/r/{OLD_CODE}/#notice-2025-11-03",
    ]


def test_a_correction_before_the_codes_version_is_left_out(client, tmp_path):
    load_content_with(tmp_path, correction_date="2026-01-15")  # between N25 and N26
    correction = "#correction-test-correction"
    assert any(i.endswith(correction) for i in entry_ids(feed(client, f"/en/r/{OLD_CODE}/feed/")))
    assert not any(i.endswith(correction) for i in entry_ids(feed(client, f"/en/r/{CODE}/feed/")))


# ---------------------------------------------------------------- codes, links, privacy


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_old_and_lenient_codes_redirect_permanently_to_the_canonical_feed(client, lang):
    for spelled in (CODE.upper(), f"{CODE[:4]}-{CODE[4:]}", encode_v1(FR_FEEDBACK, N26)):
        response = client.get(f"/{lang}/r/{spelled}/feed/")
        assert response.status_code == 301, spelled
        assert response["Location"] == f"/{lang}/r/{CODE}/feed/"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_bad_code_is_the_friendly_404(client, lang):
    response = client.get(f"/{lang}/r/{CODE[:-1]}x/feed/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_feed_refuses_writes(client):
    assert client.post(f"/en/r/{CODE}/feed/").status_code == 405


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_short_link_page_links_its_feed_in_the_head_and_the_page(client, lang):
    html = client.get(f"/{lang}/r/{CODE}/").content.decode()
    head = html.split("</head>", 1)[0]
    assert (
        f'<link rel="alternate" type="application/atom+xml" href="/{lang}/r/{CODE}/feed/"' in head
    )
    body = html.split("</head>", 1)[1]
    assert f'<a href="/{lang}/r/{CODE}/feed/">' in body


def test_the_feed_address_holds_only_the_code(client):
    html = client.get(f"/en/r/{CODE}/").content.decode()
    assert f'href="/en/r/{CODE}/feed/"' in html
    root = feed(client, f"/en/r/{CODE}/feed/")
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == f"http://testserver/en/r/{CODE}/feed/"


# ---------------------------------------------------------------- what counts as a change


def test_a_change_of_the_regions_periods_or_of_the_letter_alone_counts(notice):
    same = assess(FR_FEEDBACK, notice)
    assert not _changed(same, assess(FR_FEEDBACK, notice))
    current = same.region.current
    moved = replace(current, start=current.start + timedelta(days=1))
    periods = replace(same, region=replace(same.region, periods=(*same.region.earlier, moved)))
    assert _changed(same, periods)
    entry = _version_entry(Version(notice, periods), Version(notice, same), "http://x/")
    assert "Training periods where you live: since 4 November 2025." in entry.description
    assert "letter" not in entry.description
    # A later version whose region has another controller (a letter is kept per version and
    # region, so the change comes, as it would, with a version of its own).
    other = replace(same.region, controller="Another Company")
    later = replace(
        notice, regions=tuple(other if r.slug == other.slug else r for r in notice.regions)
    )
    addressed = replace(same, notice=later, region=other)
    assert _changed(same, addressed)
    entry = _version_entry(Version(later, addressed), Version(notice, same), "http://x/")
    assert "Your letter to LinkedIn changes" in entry.description
    assert "Training periods where you live" not in entry.description


def test_outside_europe_a_change_is_not_said_to_be_worked_out_against_the_european_notice(
    notice,
):
    same = assess(Answers("US", "adult", "on", None, frozenset({"posts"})), notice)
    addressed = replace(same, region=replace(same.region, controller="Another Company"))
    entry = _version_entry(Version(notice, addressed), Version(notice, same), "http://x/")
    assert entry.description.startswith("<p>What changes:</p>")
    assert "European Regional Privacy Notice" not in entry.description
    assert "Checked against: LinkedIn Privacy Policy" in entry.description
