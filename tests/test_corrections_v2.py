"""Issue 8, "What is wrong today", point by point, and the public log of its corrections.

Each test failed on the v1 site (c382e66) and checks the fix where a visitor meets it: the pages
(Django test client, both languages where wording matters), the JSON API and the loaded content.
Point 7 compares every item's rows with a table re-derived here from the notice's own cells.

French: the interface strings (templates, catalog/present) are checked on locale/fr's .po file
(`msgstr`, fuzzy entries do not count), so the checks do not depend on a compiled catalog; the
letter's French comes from the compiled catalog, as on the site. Content text (the TOML files) is
checked on the rendered French pages.
"""

import re
import tomllib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from babel.messages.pofile import read_po

from catalog.present.typography import french_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/fr/LC_MESSAGES/django.po"
CORRECTIONS = ROOT / "catalog/content/corrections.toml"

NNBSP = "\u202f"
SETTING_URL = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
ASSESSMENT = "/api/v1/assessment"

# The notice's rows, as the notice names them (N25/N26).
IMPROVE = "To improve LinkedIn's products and Services generally"
AI_GENERAL = "Our AI features generally"
FEATURES = "To offer our content-generating Generative AI features"
SAFETY = "Safety and security"
MICROSOFT_UK = "Microsoft for its AI training purposes"
NOTICE_ROW_NAMES = (IMPROVE, AI_GENERAL, FEATURES, SAFETY, MICROSOFT_UK)


# ---------------------------------------------------------------- reading pages


BLOCKS = {
    *("address", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure"),
    *("h1", "h2", "h3", "h4", "li", "main", "ol", "option", "p", "section", "select", "summary"),
    *("table", "td", "th", "tr", "ul"),
}


@dataclass(eq=False)  # compared by identity
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Node or str

    @property
    def text(self) -> str:
        """The visible text, white space collapsed (not with \\s, which would eat U+202F)."""
        text = "".join(_piece(child) for child in self.children)
        return re.sub(r"[ \t\n\r\f]+", " ", text).strip(" \t\n\r\f")

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_id(self, element_id: str) -> "Node | None":
        return next((node for node in self.iter() if node.attrs.get("id") == element_id), None)

    @property
    def cites(self) -> set[str]:
        """The source slugs this element links to (its citations)."""
        hrefs = (node.attrs.get("href") or "" for node in self.iter("a"))
        return {href.split("#source-", 1)[1] for href in hrefs if "#source-" in href}


def _piece(child: "Node | str") -> str:
    if isinstance(child, str):
        return child
    return f" {child.text} " if child.tag in BLOCKS else child.text


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if any(node.tag == tag for node in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        if self.stack[-1].tag not in ("script", "style"):
            self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    return tree.root


@dataclass
class Page:
    html: str
    root: Node

    @property
    def main(self) -> Node:
        return next(self.root.iter("main"), self.root)

    @property
    def text(self) -> str:
        return self.main.text

    def blocks(self, *tags: str) -> list[Node]:
        tags = tags or ("p", "li", "td", "dd", "h1", "h2", "h3")
        return [node for node in self.main.iter() if node.tag in tags]

    def block(self, containing: str, *tags: str) -> Node:
        """The innermost block holding this text."""
        found = [node for node in self.blocks(*tags) if containing in node.text]
        assert found, f"no block holds {containing!r}"
        return min(found, key=lambda node: len(node.text))


def get_page(client, url: str) -> Page:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    html = response.content.decode()
    return Page(html, parse(html))


def section(page: Page, heading_id: str) -> Node:
    """The <section> a heading id labels."""
    labelled = [
        node
        for node in page.main.iter("section")
        if node.attrs.get("aria-labelledby") == heading_id
    ]
    assert labelled, f"no section labelled {heading_id!r}"
    return labelled[0]


def intro(page: Page) -> list[str]:
    """The sentences of a result's top, before its first section: the headline and its parts."""
    texts = []
    for node in page.main.iter():
        if node.tag == "section":
            break
        if node.tag in ("h1", "p"):
            texts.append(node.text)
    return [sentence for text in texts for sentence in re.split(r"(?<=[.:]) ", text)]


def lead(page: Page) -> Node:
    return next(node for node in page.main.iter("p") if node.attrs.get("class") == "lead")


def result_url(lang: str, query: str) -> str:
    """An adult's result asks what they do: an unanswered `uses` goes to that question, so the
    answers here say "none of these" when they name no use."""
    if "age=adult" in query and "uses=" not in query:
        query += "&uses="
    return f"/{lang}/result/?{query}"


def assessment(client, query: str, lang: str = "en") -> dict:
    response = client.get(f"{ASSESSMENT}?{query}&lang={lang}")
    assert response.status_code == 200, response.content
    return response.json()


def statuses(body: dict) -> dict[str, str]:
    return {category["slug"]: category["status"] for category in body["categories"]}


def letter_text(client, query: str, lang: str) -> str:
    """The objection letter (letter.txt) of the short link the API gives for these answers."""
    path = urlparse(assessment(client, query)["result_url"]).path
    path = path.replace("/en/", f"/{lang}/", 1)
    response = client.get(path + "letter.txt")
    assert response.status_code == 200
    return response.content.decode()


def api_items(client, lang: str = "en") -> dict[str, dict]:
    body = client.get(f"/api/v1/categories?lang={lang}").json()
    return {item["slug"]: item for category in body["categories"] for item in category["items"]}


# ---------------------------------------------------------------- reading the French catalog


@pytest.fixture(scope="module")
def po():
    with PO.open("rb") as handle:
        return read_po(handle, locale="fr")


def french_forms(po, msgid: str) -> list[str]:
    """The French of an interface string (every plural form): translated, not fuzzy."""
    message = po.get(msgid)
    assert message is not None, f"not in the French catalog: {msgid!r}"
    assert not message.fuzzy, f"fuzzy in the French catalog: {msgid!r}"
    forms = list(message.string) if isinstance(message.string, tuple) else [message.string]
    assert all(forms), f"not translated yet: {msgid!r}"
    return forms


def translated(po) -> list[tuple[str, list[str]]]:
    """Every (English, French forms) pair the French catalog serves (fuzzy entries are not)."""
    pairs = []
    for message in po:
        if not message.id or message.fuzzy:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs.append((msgid, [form for form in forms if form]))
    return pairs


# ================================================================ 1. training periods (GB, HK, CA)

EARLIER_END = {"GB": "2024-09-20", "HK": "2024-10-11", "CA": "2024-12-10"}
EARLIER_END_TEXT = {"GB": "20 September 2024", "HK": "11 October 2024", "CA": "10 December 2024"}


@pytest.mark.parametrize("country", ["GB", "HK", "CA"])
def test_switching_off_before_3_november_2025_leaves_the_2024_period_where_linkedin_trained_then(
    client, country
):
    before = f"country={country}&age=adult&setting=off&switched_off=before&uses=posts"
    body = assessment(client, before)
    listed = {s for s in statuses(body).values() if s not in ("not-listed", "not-applicable")}
    assert listed == {"past-only"}  # v1: "not-in-scope", "you are protected"
    periods = body["governing"]["periods"]
    assert [period["end"] for period in periods] == [EARLIER_END[country], None]
    assert periods[-1]["start"] == "2025-11-03"

    page = get_page(client, result_url("en", before))
    assert "may have been used before" in next(page.main.iter("h1")).text
    assert EARLIER_END_TEXT[country] in section(page, "periods").text

    # Only a member who had no account then is out of it.
    without_account = assessment(client, before + "&member_earlier=no")
    assert statuses(without_account)["profile"] == "not-in-scope"


@pytest.mark.parametrize("country", ["FR", "CH"])
def test_where_there_was_no_earlier_period_switching_off_before_the_start_still_means_not_used(
    client, country
):
    body = assessment(client, f"country={country}&age=adult&setting=off&switched_off=before")
    assert statuses(body)["profile"] == "not-in-scope"
    assert [period["end"] for period in body["governing"]["periods"]] == [None]


# ================================================================ 2. outside Europe

OUTSIDE_EUROPE = ["US", "CA", "HK"]


@pytest.mark.parametrize("country", OUTSIDE_EUROPE)
def test_outside_europe_the_result_rests_on_the_global_privacy_policy_not_the_european_notice(
    client, country
):
    query = f"country={country}&age=adult&setting=on&uses=posts&uses=feedback"
    page = get_page(client, result_url("en", query))
    assert "Worked out against the European Regional Privacy Notice" not in page.text
    assert "global Privacy Policy" in page.text
    assert "LinkedIn Corporation" in page.text
    assert "GDPR" not in page.text
    uses = section(page, "other-uses").text
    assert not [name for name in NOTICE_ROW_NAMES if name in uses]
    assert "develop and train artificial intelligence (AI) models" in uses  # PPG25 l.169

    body = assessment(client, query)
    assert body["governing"]["document"] == "policy"
    assert body["governing"]["controller"] == "LinkedIn Corporation"
    assert body["objection"]["route"] == "policy"
    assert "GDPR" not in body["objection"]["basis"]


@pytest.mark.parametrize("country", OUTSIDE_EUROPE)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_outside_europe_the_letter_is_a_request_under_the_privacy_policy_never_the_gdpr(
    client, country, lang
):
    letter = letter_text(client, f"country={country}&age=adult&setting=on&uses=posts", lang)
    for european in ("GDPR", "RGPD", "article 21", "TS-DPRO", "Data Processing Objection Form"):
        assert european not in letter
    assert not [name for name in NOTICE_ROW_NAMES if name in letter]
    assert "LinkedIn Corporation" in letter
    policy = {"en": "Privacy Policy", "fr": "Politique de confidentialité"}[lang]
    assert policy in letter


def test_in_europe_the_letter_still_objects_under_the_gdpr(client):
    letter = letter_text(client, "country=FR&age=adult&setting=on&uses=posts", "en")
    assert "GDPR" in letter
    assert "article 21(1)" in letter
    assert "LinkedIn Ireland Unlimited Company" in letter


# ================================================================ 3. feedback


def test_feedback_is_listed_for_training_by_linkedins_faq_not_by_the_notices_training_row(client):
    feedback = [item for item in api_items(client).values() if item["use"] == "feedback"]
    assert feedback
    for item in feedback:
        assert "train" not in item["rows"]
        assert item["listed_by"] == ["faq"]

    page = get_page(client, "/en/categories/feedback/")
    assert "Listed for training?" not in page.text
    for item in feedback:
        row = page.main.find_id(f"item-{item['slug']}")
        assert "LinkedIn's FAQ only" in row.text
        assert "Yes" not in row.text
    french_page = get_page(client, "/fr/categories/feedback/")
    assert f"pas par la ligne «{NNBSP}entraînement{NNBSP}» de l’avis" in french_page.text

    query = "country=FR&age=adult&setting=on&uses=feedback"
    result = get_page(client, result_url("en", query))
    assert "The notice lists it" not in result.text
    label = item_group_label(result, "Feedback on LinkedIn's features, including its AI features")
    assert label.startswith("Listed for training by LinkedIn's FAQ")
    assert "not by the notice's training row" in label
    api = assessment(client, query)
    (category,) = [c for c in api["categories"] if c["slug"] == "feedback"]
    assert all("train" not in item["rows"] for item in category["items"])


def test_the_improvement_rows_use_of_feedback_has_no_setting_only_the_objection_route(client):
    query = "country=FR&age=adult&setting=off&switched_off=before&uses=feedback"
    page = get_page(client, result_url("en", query))
    improve = page.block(IMPROVE, "li")
    assert "to improve, correct or modify" in improve.text
    assert "Feedback" in improve.text.split("Your data it names:", 1)[1]
    assert "The setting covers it" not in improve.text

    letter = letter_text(client, query, "en")
    (improve_item,) = [part for part in letter.split("\n- ") if part.startswith(f"“{IMPROVE}”")]
    assert "the use of my feedback to improve, correct or modify" in improve_item
    assert "Feedback" in improve_item


# ================================================================ 4. "not used", minors, Microsoft

NEVER = "country=FR&age=adult&setting=off&switched_off=before&uses=posts&uses=feedback"


def test_not_in_scope_says_not_used_to_train_content_generating_ai_beside_the_other_uses(client):
    page = get_page(client, result_url("en", NEVER))
    assert "protected" not in page.html
    assert "None of my LinkedIn data" not in page.html
    assert "Your data is not used to train LinkedIn's content-generating AI" in page.text
    assert "Not used to train content-generating AI" in section(page, "by-status").text
    title = re.search(r'<meta property="og:title" content="([^"]*)"', page.html).group(1)
    assert "content-generating AI" in title
    uses = section(page, "other-uses").text
    assert IMPROVE in uses
    assert "content classification, trust and safety enforcement" in uses
    assert SAFETY in uses
    assert "train and improve our AI systems" in uses


@pytest.mark.parametrize(
    "query", [NEVER, "country=FR&age=minor", "country=GB&age=adult&setting=off&switched_off=before"]
)
def test_no_result_tells_a_visitor_they_are_protected_in_either_language(client, po, query):
    assert "protected" not in get_page(client, result_url("en", query)).html
    assert "protégé" not in get_page(client, result_url("fr", query)).html
    assert not [msgid for msgid, forms in translated(po) if "protégé" in " ".join(forms)]


@pytest.mark.parametrize("country", ["FR", "GB", "US"])
def test_minors_are_told_what_linkedin_says_and_are_shown_the_switch_off_link(client, country):
    """LinkedIn applies the exclusion where it "has reason to believe" a member could be under
    18: the top of the result says that LinkedIn says so, never states it as a fact."""
    page = get_page(client, result_url("en", f"country={country}&age=minor"))
    assert next(page.main.iter("h1")).text.startswith("LinkedIn says")
    flat = [s for s in intro(page) if "not use" in s and "LinkedIn says" not in s]
    assert flat == []
    actions = [node for node in page.main.iter("p") if node.attrs.get("class") == "action"]
    assert actions
    assert SETTING_URL in [link.attrs.get("href") for link in actions[0].iter("a")]
    assert "protected" not in page.html


@pytest.mark.parametrize("query", ["country=GB&age=adult&setting=on", "country=GB&age=minor"])
def test_the_uk_microsoft_row_is_shown_to_every_uk_member_with_all_it_covers(client, query):
    page = get_page(client, result_url("en", query))  # no posts: v1 showed it to posters only
    row = page.block(MICROSOFT_UK, "li")
    for content in ("posts", "LinkedIn Learning", "Company Page", "job postings"):
        assert content in row.text


@pytest.mark.parametrize("country", OUTSIDE_EUROPE)
def test_outside_europe_the_policys_sharing_of_public_content_with_microsoft_is_shown(
    client, country
):
    page = get_page(client, result_url("en", f"country={country}&age=adult&setting=on"))
    uses = section(page, "other-uses")
    sharing = next(node for node in uses.iter("li") if "Microsoft" in node.text)
    assert "publicly-shared content" in sharing.text
    assert "PPG25" in sharing.cites


# ================================================================ 5. what changed on 21 August 2026

CHANGES_2026 = {
    "en": (
        "two-step verification and account recovery",
        "redacted copy of the ID",
        "your phone number",
        "alternative names",
        "date of birth",
        "To enforce LinkedIn's minimum age",
        "ID verification providers",
        "16 or 17 (l.105–107) was already in the version of 3 November 2025",
    ),
    "fr": (
        "validation en deux étapes et à la récupération du compte",
        "copie caviardée",
        "votre numéro de téléphone",
        "les autres noms que vous utilisez",
        "votre date de naissance",
        "prestataires de vérification d’identité",
        "figurait déjà dans la version du 3 novembre 2025",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_2026_notice_page_lists_what_changed_exactly(client, lang):
    page = get_page(client, f"/{lang}/notices/2026-08-21/")
    for change in CHANGES_2026[lang]:
        assert change in page.text
    assert "N26" in page.block(CHANGES_2026[lang][0], "p").cites


def test_the_2026_identity_data_sits_in_the_consent_rows_and_only_the_attestation_in_safety(client):
    items = api_items(client)
    assert items["recovery-identity"]["rows"] == ["consent-recovery"]
    assert items["recovery-id-copy"]["rows"] == ["consent-recovery"]
    assert items["badge-phone"]["rows"] == ["consent-badge"]
    assert items["badge-id-names"]["rows"] == ["consent-badge"]
    assert items["age-attestation"]["rows"] == ["safety"]
    page = get_page(client, "/en/notices/2026-08-21/")
    added = [node.text for node in page.blocks("li") if node.text.startswith("Added:")]
    in_safety = [line for line in added if line.endswith(f"({SAFETY})")]
    assert len(in_safety) == 1
    assert "attestation" in in_safety[0]


# ================================================================ 6. the badge row


def test_the_badge_row_lists_the_country_that_issued_the_id_not_the_id(client):
    items = api_items(client)
    for item in items.values():  # a government ID appears, but for account recovery only
        assert not ("badge" in item["name"] and "identity document" in item["name"].lower())
    assert items["id-issuing-country"]["rows"] == ["consent-badge"]
    assert items["id-issuing-country"]["name"].startswith("Country that issued")
    assert api_items(client, "fr")["id-issuing-country"]["name"].startswith("Pays de délivrance")
    verification = get_page(client, "/en/categories/verification/")
    assert "identity document" not in lead(verification).text
    assert "the country that issued your ID" in get_page(client, "/en/").text


# ================================================================ 7. item rows

# The rows as CONTENT.md names them: T, F, G, I, S.
T, F, G, I, S = "train", "features", "ai-general", "improve", "safety"  # noqa: E741
RECOVERY, BADGE, TOOLS, MS = "consent-recovery", "consent-badge", "consent-ai-tools", "microsoft-uk"
# Re-read from the cells of the 21 August 2026 notice (line numbers as in N25):
# - T l.74, F l.73, I l.75 name profile data: "name, photo, current position and work experience,
#   education, location, skills, summary, certifications, licenses, volunteering experiences,
#   publications, patents, endorsements, and recommendations"; G l.72 the same but "summary" (only
#   in its Hiring Assistant list) plus "honours and awards", "interests", "contact details"; S l.63
#   and the consent row on AI tools l.42 only "name, photo, current position, education, location,
#   skills, endorsements, recommendations, and contact details".
# - Resumes and screening answers: T, I, and G's Hiring Assistant; not F.
# - Activity: T names only "group activity and group messages", which I names too; F and I use the
#   narrow definition ("company page visits, videos you watch, actions you take on ads ... your
#   participation in events"); G and S the broad one ("search history, feed, content you read,
#   content you share, who you follow ..., connections, participation, page visits, videos you
#   watch, actions you take on ads ... and your job searches"); G, I and S name "connections and
#   group memberships".
# - Technical data and "Inferences we make about you": F, G, I, S.
# - Verification: the badge row l.41 (its verification data, and from 2026 the profile name, the
#   name on the ID, phone number, alternative names); the recovery row l.38 (two-factor information,
#   and from 2026 name, year of birth, city..., ID type and issue, redacted copy); S names the badge
#   and verification information, two-step verification information, a government ID for account
#   recovery "where permitted" and, from 2026, the age attestation.
# - AI inputs: conversation data in T, F, G, I; "personal data manually input into an AI powered
#   feature" in F and G; "learning goals, topics of interest, uploaded CVs" in the AI-tools row.
# - Feedback: F and G "feedback you provide on AI features", I "feedback you provide on our
#   Services"; support requests ("when you contact us or request support") in I and S.
# - Microsoft's UK row l.77: "posts, comments, articles, collaborative articles and LinkedIn video".
ROWS_FROM_THE_CELLS = {
    "name-photo": {T, F, G, I, S, TOOLS},
    "positions": {T, F, G, I, S, TOOLS},
    "work-history": {T, F, G, I},
    "education-skills": {T, F, G, I, S, TOOLS},
    "location": {T, F, G, I, S, TOOLS},
    "summary": {T, F, G, I},
    "certifications": {T, F, G, I},
    "endorsements": {T, F, G, I, S, TOOLS},
    "contact-details": {G, S, TOOLS},
    "honours-interests": {G},
    "resumes": {T, G, I},
    "posts-articles": {T, F, G, I, S, MS},
    "comments": {T, F, G, I, S, MS},
    "poll-responses": {T, F, G, I},
    "collaborative-articles": {T, F, G, I, MS},
    "group-activity": {T, I},
    "feed-pages": {G, S},
    "company-pages": {F, I},
    "videos": {F, G, I, S},
    "ads": {F, G, I, S},
    "events": {F, I},
    "searches": {G, S},
    "connections": {G, I, S},
    "ip-address": {F, G, I, S},
    "device": {F, G, I, S},
    "cookie-identifiers": {F, G, I, S},
    "age-gender": {F, G, I, S},
    "interests-location": {F, G, I, S},
    "badge": {BADGE, S},
    "verified-workplace": {BADGE},
    "id-issuing-country": {BADGE},
    "badge-name": {BADGE},
    "badge-id-names": {BADGE},
    "badge-phone": {BADGE},
    "two-step": {RECOVERY, S},
    "recovery-identity": {RECOVERY},
    "recovery-id-copy": {RECOVERY},
    "recovery-id": {S},
    "age-attestation": {S},
    "prompts-chats": {T, F, G, I},
    "typed-into-ai": {F, G},
    "goals-cvs": {TOOLS},
    "feedback": {F, G, I},
    "support-requests": {I, S},
}


def test_every_items_rows_are_the_rows_whose_cells_name_it(client):
    items = api_items(client)
    assert {slug: set(item["rows"]) for slug, item in items.items()} == ROWS_FROM_THE_CELLS


def test_work_history_is_not_in_the_safety_row_whose_cell_names_only_the_current_position(client):
    items = api_items(client)
    assert S not in items["work-history"]["rows"]
    assert S in items["positions"]["rows"]
    row = get_page(client, "/en/categories/profile/").main.find_id("item-work-history")
    assert SAFETY not in row.text
    assert AI_GENERAL in row.text


def test_the_feed_and_pages_visited_sit_only_under_the_rows_that_name_them(client):
    items = api_items(client)
    assert set(items["feed-pages"]["rows"]) == {G, S}
    assert set(items["company-pages"]["rows"]) == {F, I}
    named = [item for item in items.values() if "company page" in item["name"].lower()]
    assert named
    assert not [item for item in named if G in item["rows"] or S in item["rows"]]


def test_the_row_our_ai_features_generally_and_the_training_rows_summary_are_shown(client):
    page = get_page(client, result_url("en", "country=FR&age=adult&setting=on&uses=resumes"))
    general = page.block(AI_GENERAL, "li")
    assert "Hiring Assistant" in general.text
    assert "Profile data" in general.text.split("Your data it names:", 1)[1]
    summary = item_group_label(page, "Summary (the About section)")
    assert summary == "Listed for training by the notice's training row:"
    profile = get_page(client, "/en/categories/profile/")
    assert "you or others" in lead(profile).text
    assert AI_GENERAL in profile.main.find_id("item-summary").text


# ================================================================ 8. sources


def test_everywhere_else_trains_since_at_least_18_september_2024_per_the_policy_and_techcrunch(
    client,
):
    (period,) = assessment(client, "country=US&age=adult&setting=on")["governing"]["periods"]
    assert period["start"] == "2024-09-18"
    assert period["start_approximate"]
    assert period["text"] == "since at least 18 September 2024"
    assert {"PPG25", "TC24"} <= set(period["sources"])
    assert not {"ICO24", "AFP"} & set(period["sources"])

    row = get_page(client, "/en/").main.find_id("region-other")
    assert {"PPG25", "TC24"} <= row.cites
    assert not {"ICO24", "AFP"} & row.cites
    page = get_page(client, result_url("en", "country=US&age=adult&setting=on"))
    (line,) = section(page, "periods").iter("li")
    assert "since at least 18 september 2024" in line.text.lower()
    assert {"PPG25", "TC24"} <= line.cites
    assert "ICO24" not in line.cites


CLAIM_PAGES = [
    "/{lang}/",
    "/{lang}/notices/",
    "/{lang}/notices/2025-11-03/",
    "/{lang}/notices/2026-08-21/",
    "/{lang}/result/?country=FR&age=adult&setting=on&uses=",
    "/{lang}/result/?country=FR&age=adult&setting=off&switched_off=before&uses=",
]


def claims(client, lang: str, wording: re.Pattern) -> list[Node]:
    """The innermost blocks of the claim pages whose text matches (at least one is found)."""
    found = []
    for url in CLAIM_PAGES:
        page = get_page(client, url.format(lang=lang))
        blocks = [node for node in page.blocks("p", "li", "td") if wording.search(node.text)]
        found += [node for node in blocks if not any(inner in blocks for inner in node.iter())]
    assert found
    return found


@pytest.mark.parametrize(
    ("lang", "wording"), [("en", r"banner[^.]*18 September 2025"), ("fr", r"bandeau[^.]*18 sept")]
)
def test_the_18_september_2025_banner_is_cited_to_blog_du_moderateur(client, lang, wording):
    for claim in claims(client, lang, re.compile(wording)):
        assert "BDM" in claim.cites, claim.text


def test_going_forward_only_is_cited_to_linkedins_help_page_on_the_setting(client):
    wording = re.compile(r"going forward|from then on only|only for the future", re.I)
    for claim in claims(client, "en", wording):
        assert "SET" in claim.cites, claim.text


def test_the_minors_exclusion_rests_on_linkedins_wording_as_reported_not_on_the_notice(client):
    body = client.get("/api/v1/exclusions").json()
    (minors,) = [exclusion for exclusion in body["exclusions"] if exclusion["slug"] == "minors"]
    cited = [source["slug"] for source in minors["sources"]]
    assert "LS25" in cited
    assert "N26" not in cited
    assert "reason to believe" in minors["summary"]
    page = get_page(client, "/en/exclusions/minors/")
    assert "LS25" in lead(page).cites
    assert "N26" not in lead(page).cites


DEEP_LINKS = {
    "ICO24": ("ico.org.uk", "/2024/09/our-statement-on-changes-to-linkedin-ai-data-policy"),
    "PCPD24": ("pcpd.org.hk", "/english/news_events/media_statements/press_20241015.html"),
    "OPC24": ("priv.gc.ca", "/en/opc-news/news-and-announcements/2024/nr-c_241210b"),
}


def source_title(page: Page, slug: str) -> Node:
    """The title element (a link, or <cite> without an address) of a source on the sources page."""
    entry = page.main.find_id(f"source-{slug}")
    assert entry is not None, slug
    heading = next(entry.iter("h2"))
    return next(node for node in heading.iter() if node.tag in ("a", "cite"))


def test_the_regulators_statements_have_their_own_titles_and_deep_links(client):
    page = get_page(client, "/en/sources/")
    ico = source_title(page, "ICO24")
    assert ico.text == "Our statement on changes to LinkedIn AI data policy"
    for slug, (host, path) in DEEP_LINKS.items():
        link = urlparse(source_title(page, slug).attrs["href"])
        assert link.hostname.endswith(host)
        assert link.path.rstrip("/").endswith(path)
    french = urlparse(source_title(get_page(client, "/fr/sources/"), "OPC24").attrs["href"])
    assert french.path.startswith("/fr/nouvelles-du-commissariat/")


# ================================================================ 9. text said twice


def test_a_notice_page_does_not_say_current_version_twice(client):
    for slug in ("2025-11-03", "2026-08-21"):
        english = get_page(client, f"/en/notices/{slug}/").text.lower()
        assert english.count("current version") <= 1
        french_page = get_page(client, f"/fr/notices/{slug}/").text.lower()
        assert french_page.count("version en vigueur") <= 1


def test_the_sources_page_says_cited_by_title_publisher_and_date_once(client):
    english = get_page(client, "/en/sources/").text
    assert english.count("cited by title, publisher and date") <= 1
    assert get_page(client, "/fr/sources/").text.count("par titre, éditeur et date") <= 1


PERIOD_STATEMENT = re.compile(r"(from|since)( around| at least)? (\d+ )?[a-z]+ \d{4}\b", re.I)


@pytest.mark.parametrize("country", ["FR", "GB", "CA", "HK", "US"])
def test_the_result_states_each_training_period_once(client, country):
    """v1's "Current version. The current version.", again: "Since 3 November 2025. From 3
    November 2025. …" (the period in words, then the note that opens with the same period)."""
    page = get_page(client, result_url("en", f"country={country}&age=adult&setting=on"))
    for period in section(page, "periods").iter("li"):
        sentences = re.split(r"(?<=[.:]) ", period.text)
        opening = [s for s in sentences[:2] if PERIOD_STATEMENT.match(s)]
        assert len(opening) <= 1, period.text


# ================================================================ 10. French wording

ALL_USES = "&".join(
    f"uses={use}" for use in ("posts", "groups", "ai-tools", "resumes", "verification", "feedback")
)


def item_group_labels(page: Page) -> list[str]:
    """What a result says before each group of a category's items ("Listed for training by…:")."""
    groups = [node for node in page.main.iter("div") if "item-group" in node.attrs.get("class", "")]
    return [next(group.iter("p")).text for group in groups]


def item_group_label(page: Page, item_name: str) -> str:
    """The label of the group of items that holds this item."""
    group = page.block(item_name, "div")
    assert "item-group" in group.attrs.get("class", ""), item_name
    return next(group.iter("p")).text


def item_lines(client) -> set[str]:
    """The interface strings a result shows before each group of items ("<Line>: Name and
    photo, …"), read from English results in and outside Europe: every variant of the line."""
    lines = set()
    for country in ("FR", "US"):
        query = f"country={country}&age=adult&setting=on&{ALL_USES}"
        for label in item_group_labels(get_page(client, result_url("en", query))):
            lines.add(label[0].lower() + label[1:].removesuffix(":"))
    return lines


def test_french_item_lines_put_a_narrow_no_break_space_before_the_colon(client):
    page = get_page(client, result_url("fr", f"country=FR&age=adult&setting=on&{ALL_USES}"))
    labels = item_group_labels(page)
    assert len(labels) >= 3
    assert all(label.endswith(f"{NNBSP}:") for label in labels)


def test_french_item_lines_agree_with_every_item_whatever_its_gender_and_number(client, po):
    """Every item takes the same line after its name ("Nom et photo", "Poste actuel",
    "Formation et compétences"…): it cannot open with a participle or a verb that agrees with the
    item (v1: "Nom et photo: listée")."""
    lines = item_lines(client)
    assert len(lines) >= 5  # in the notice's training row and the FAQ, either, neither…
    for msgid in lines:
        (line,) = french_forms(po, msgid)
        first = re.sub(r"^(non|pas) ", "", line.strip().lower()).split()[0]
        assert not re.fullmatch(r"\w+(é|ée|és|ées)", first), line
        assert first not in ("est", "sont", "figure", "figurent"), line


def test_french_headlines_never_make_the_number_of_kinds_the_subject(client, po):
    """v1: "0 de vos 5 types … peuvent". The count is not the subject: the plural follows the
    total, so a verb agreeing with the count would be wrong for some counts."""
    counts = [
        msgid for msgid, _forms in translated(po) if re.search(r"s of your %\(total\)s", msgid)
    ]
    assert counts
    for msgid in counts:
        for form in french_forms(po, msgid):
            assert "%(n)s" in form
            assert "%(total)s" in form
            assert form.index("LinkedIn") < form.index("%(n)s"), form
    for query in (NEVER, "country=FR&age=minor"):
        assert not re.search(
            r"\b0 (de vos|of your)", get_page(client, result_url("fr", query)).text
        )
        assert not re.search(r"\b0 of your", get_page(client, result_url("en", query)).text)


@pytest.mark.parametrize("country", ["FR", "GB"])
def test_the_french_european_letter_calls_the_notice_avis_and_says_motifs_legitimes_et_imperieux(
    client, country
):
    letter = letter_text(client, f"country={country}&age=adult&setting=on&uses=posts", "fr")
    assert "avis de confidentialité" in letter.lower()
    assert "politique de confidentialité" not in letter.lower()
    assert "motifs légitimes et impérieux" in letter
    assert not re.search(r"\bmotifs? impérieux", letter)


def test_no_french_interface_string_calls_the_notice_a_privacy_policy_or_says_motif_imperieux(
    client, po
):
    for msgid, forms in translated(po):
        text = " ".join(forms).lower()
        if "notice" in msgid.lower() and "policy" not in msgid.lower():
            assert "politique de confidentialité" not in text, msgid
        assert not re.search(r"\bmotifs? impérieux", text), msgid
    home = get_page(client, "/fr/").text  # the EEA's note: LinkedIn weighs an objection
    assert "motifs légitimes et impérieux" in home
    assert not re.search(r"\bmotifs? impérieux", home)


# "Trust and safety", word for word (v1: "l'IA de classification, de confiance et de sécurité").
CALQUE = re.compile(r"confiance et (de )?(la )?(sécurité|sûreté)", re.I)


def test_the_french_letter_does_not_render_trust_and_safety_word_for_word(client):
    query = "country=FR&age=adult&setting=on&uses=posts&uses=feedback"
    assert not CALQUE.search(letter_text(client, query, "fr"))


def test_no_french_page_or_interface_string_renders_trust_and_safety_word_for_word(client, po):
    query = "country=FR&age=adult&setting=on&uses=posts&uses=feedback"
    assert not CALQUE.search(get_page(client, result_url("fr", query)).text)
    assert not CALQUE.search(get_page(client, "/fr/categories/feedback/").text)
    assert not [msgid for msgid, forms in translated(po) if CALQUE.search(" ".join(forms))]


def spaced(text: str) -> str:
    return re.sub(f"[ \u00a0{NNBSP}]+", " ", text)


def test_source_titles_are_the_published_ones_in_their_own_language(client):
    """The publisher's own French title where it has one (OPC), otherwise the original title
    marked with its language: never a title we translated."""
    english, french_page = get_page(client, "/en/sources/"), get_page(client, "/fr/sources/")
    slugs = [
        node.attrs["id"][len("source-") :]
        for node in english.main.iter("li")
        if node.attrs.get("id", "").startswith("source-")
    ]
    assert "OPC24" in slugs
    for slug in slugs:
        original, shown = source_title(english, slug), source_title(french_page, slug)
        assert original.attrs.get("lang"), slug
        if slug == "OPC24":
            assert original.attrs["lang"] == "en"
            assert shown.attrs["lang"] == "fr"
            assert shown.text.startswith("Le Commissaire à la protection de la vie privée")
        else:
            # The same title, whatever the page's language; French typography only in French.
            same = spaced if original.attrs["lang"] == "fr" else str
            assert shown.attrs.get("lang") == original.attrs["lang"], slug
            assert same(shown.text) == same(original.text), slug
    languages = {slug: source_title(english, slug).attrs["lang"] for slug in slugs}
    assert languages["AFP"] == languages["APD25"] == "fr"
    assert languages["AP25"] == "nl"
    assert languages["GPDP25"] == "it"
    assert languages["ICO24"] == "en"


# ================================================================ 11. countries and territories


def test_french_country_names_tell_guyana_from_french_guiana_and_keep_svalbard(client):
    html = get_page(client, "/fr/check/country/").root
    names = {
        node.attrs["value"]: node.text for node in html.iter("option") if node.attrs.get("value")
    }
    assert names["GY"] == "Guyana"
    assert names["GF"] == "Guyane française"
    assert "Svalbard" in names["SJ"]
    assert [code for code, name in names.items() if name == "Guyane"] == []


EU_TERRITORIES = ("AX", "GF", "GP", "MQ", "RE", "YT", "MF")


@pytest.mark.parametrize("country", EU_TERRITORIES)
def test_the_eus_territories_with_their_own_codes_are_in_the_eea_region(client, country):
    body = assessment(client, f"country={country}&age=adult&setting=on")
    assert body["region"] == "eea"  # already so on v1; its API did not say what governs them
    assert body["governing"]["controller"] == "LinkedIn Ireland Unlimited Company"
    assert body["objection"]["route"] == "gdpr"


# ================================================================ the public corrections log


def corrections_in_the_file() -> list[dict]:
    with CORRECTIONS.open("rb") as handle:
        return tomllib.load(handle)["corrections"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_correction_in_the_content_file_is_on_the_changes_page(client, lang):
    corrections = corrections_in_the_file()
    assert corrections
    page = get_page(client, f"/{lang}/changes/")
    for correction in corrections:
        entry = page.main.find_id(f"correction-{correction['slug']}")
        assert entry is not None, correction["slug"]
        assert next(entry.iter("time")).attrs["datetime"] == correction["date"].isoformat()
        # French text gets French typography when the snapshot is built (present.typography).
        typeset = french_text if lang == "fr" else str
        assert typeset(correction[f"title_{lang}"]) in next(entry.iter("h2")).text
        assert typeset(correction[f"summary_{lang}"]) in entry.text
        assert set(correction["sources"]) <= entry.cites


# Issue 8's eleven points, each recognised by its topic in a correction's English and French text.
POINT_TOPICS = {
    1: (("hong kong", "canada", "uk", "2024"), ("hong kong", "canada", "royaume-uni", "2024")),
    2: (("global privacy policy", "gdpr"), ("politique de confidentialité mondiale", "rgpd")),
    3: (("feedback", "faq", "training row"), ("retours", "faq", "entraînement")),
    4: (("protected", "under 18", "microsoft"), ("protégé", "moins de 18 ans", "microsoft")),
    5: (("21 august 2026", "16"), ("21 août 2026", "16")),
    6: (("badge", "country"), ("badge", "pays de délivrance")),
    7: (("rows", "cells", "our ai features generally"), ("lignes", "cellules", "hiring assistant")),
    8: (("since at least", "blog du modérateur", "ico"), ("depuis au moins", "blog du modérateur")),
    9: (("repeated",), ("répét",)),
    10: (("french", "avis de confidentialité"), ("français", "avis de confidentialité")),
    11: (("guyana", "svalbard", "åland"), ("guyana", "svalbard", "åland")),
}


def logged_corrections(client, lang: str) -> dict[str, str]:
    """Each correction on the changes page: its anchor, and its title and summary (lower case)."""
    page = get_page(client, f"/{lang}/changes/")
    return {
        node.attrs["id"]: node.text.lower()
        for node in page.main.iter("li")
        if node.attrs.get("id", "").startswith("correction-")
    }


@pytest.mark.parametrize("point", sorted(POINT_TOPICS))
def test_each_point_of_issue_8_has_a_correction_in_the_public_log(client, point):
    english_words, french_words = POINT_TOPICS[point]
    english, french_log = logged_corrections(client, "en"), logged_corrections(client, "fr")
    assert english.keys() == french_log.keys()
    matching = [
        anchor
        for anchor, text in english.items()
        if all(word in text for word in english_words)
        and all(word in french_log[anchor] for word in french_words)
    ]
    assert matching, f"no correction for point {point}"
