"""The edited letter, posted to letter.txt by a browser without JavaScript, comes straight back as
a download (catalog/web/result_views.py); what cannot be saved is shown again, never lost.

Requests go through every middleware as a browser's would: CSRF checks on, the request guard, the
caching middleware; a browser's form sends Sec-Fetch-Site and Origin.
"""

import logging
import re
from html import unescape
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.present.edited_letter import MAX_BODY_BYTES, MAX_CHARACTERS
from catalog.rules import codes
from catalog.rules.answers import Answers

pytestmark = pytest.mark.django_db

CODE = codes.encode(Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"})), 2)
FORM = "application/x-www-form-urlencoded"
FILENAME = {"fr": "lettre-opposition-linkedin.txt", "en": "linkedin-objection-letter.txt"}
NNBSP = "\u202f"
# Accents, French typography's narrow no-break space, guillemets, an emoji (4 bytes in UTF-8), a
# tab, markup that must stay text, and a secret that must never reach a log.
TYPED = (
    f"Objet{NNBSP}: opposition — données «{NNBSP}publiques{NNBSP}»\n\n"
    "Je suis journaliste et je protège mes sources (zq-7731). 😀\n"
    "\tÀ compléter: rien </textarea><script>alert(1)</script> & fin.\n"
)
SECRET = "zq-7731"


@pytest.fixture
def visitor():
    """A client that meets the CSRF middleware, as a browser does."""
    return Client(enforce_csrf_checks=True)


def url(lang: str = "en", code: str = CODE) -> str:
    return f"/{lang}/r/{code}/letter.txt"


def post(client: Client, text: str, lang: str = "en", **headers):
    """The letter page's form as a browser sends it: urlencoded, newlines as CRLF."""
    body = urlencode({"letter": text.replace("\n", "\r\n")})
    headers = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver", **headers}
    return client.post(url(lang), body, content_type=FORM, headers=headers)


def textarea(response) -> str:
    found = re.search(r"<textarea[^>]*>\n(.*?)</textarea>", response.content.decode(), re.S)
    assert found, response.content.decode()[:500]
    return unescape(found.group(1))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_posted_letter_comes_back_byte_for_byte_as_a_utf8_download(visitor, lang):
    response = post(visitor, TYPED, lang)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME[lang]}"'
    # The browser's CRLF back to LF: the bytes JavaScript's download and the GET make.
    assert response.content == TYPED.encode("utf-8")


def test_the_download_is_never_cached_sniffed_or_given_a_cookie(visitor):
    response = post(visitor, TYPED)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies and "Set-Cookie" not in response
    assert not visitor.cookies


@pytest.mark.parametrize(
    ("sent", "saved"),
    [
        ("a\r\nb\r\n", "a\nb\n"),  # every browser's form
        ("a\rb\r", "a\nb\n"),  # a lone CR
        ("a\nb", "a\nb"),  # a client that sends LF
        ("\n\nstarts with blank lines", "\n\nstarts with blank lines"),
        ("", ""),  # emptied: an empty file, as JavaScript would save
    ],
)
def test_newlines_are_saved_as_lf(visitor, sent, saved):
    body = "letter=" + quote(sent)
    headers = {"Sec-Fetch-Site": "same-origin"}
    response = visitor.post(url(), body, content_type=FORM, headers=headers)
    assert response.status_code == 200
    assert response.content == saved.encode()


def test_a_letter_at_the_size_cap_is_downloaded(visitor):
    text = "é" * MAX_CHARACTERS  # 2 bytes in UTF-8, 6 once urlencoded
    response = post(visitor, text)
    assert response.status_code == 200
    assert response.content.decode() == text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_letter_over_the_cap_is_shown_again_whole_with_the_limit(visitor, lang):
    text = TYPED + "x" * MAX_CHARACTERS
    response = post(visitor, text, lang)
    assert response.status_code == 413
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert textarea(response) == text  # nothing typed is lost
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'href="#letter"' in html
    count = f"{len(text):,}"
    expected = {
        "fr": f"trop longue pour être téléchargée{NNBSP}: {count.replace(',', '\xa0')} caractères,"
        " pour 20\xa0000 au plus",
        "en": f"too long to download: {count} characters, for at most 20,000",
    }
    assert expected[lang] in html


def test_the_page_shown_again_keeps_the_text_exactly_as_typed_even_in_french(visitor):
    """French typography is for the site's words: "Objet: x" typed stays "Objet: x"."""
    text = "Objet: sans espace ; « x » ?\n" + "y" * MAX_CHARACTERS
    response = post(visitor, text, "fr")
    assert textarea(response) == text
    assert "Il y a un problème" in response.content.decode()  # the page itself is French


def test_the_page_shown_again_escapes_the_text_and_keeps_a_leading_newline(visitor):
    text = "\n</textarea><script>alert(1)</script>" + "x" * MAX_CHARACTERS
    response = post(visitor, text)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert textarea(response) == text


def test_the_page_shown_again_switches_language_to_the_letter_page_not_a_download(visitor):
    html = post(visitor, "x" * (MAX_CHARACTERS + 1), "fr").content.decode()
    assert f'<a href="/en/r/{CODE}/letter/" hreflang="en" lang="en">English</a>' in html
    assert f'<form method="post" action="/fr/r/{CODE}/letter.txt"' in html
    assert "<title>Erreur" in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_control_characters_are_refused_and_the_letter_shown_again_without_them(visitor, lang):
    text = "Madame,\x00 Monsieur\x1b[31m,\x0c\n\tLettre\x7f\x85.\n"
    response = post(visitor, text, lang)
    assert response.status_code == 400
    assert textarea(response) == "Madame, Monsieur[31m,\n\tLettre.\n"  # the tab stays
    message = {
        "fr": "caractères de contrôle invisibles",
        "en": "invisible control characters",
    }
    assert message[lang] in response.content.decode()
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_request_too_big_to_read_gets_a_clear_413_in_the_pages_language(visitor, lang):
    body = "letter=" + "x" * MAX_BODY_BYTES
    headers = {"Sec-Fetch-Site": "same-origin"}
    response = visitor.post(url(lang), body, content_type=FORM, headers=headers)
    assert response.status_code == 413
    html = response.content.decode()
    title = {
        "fr": "La lettre n’a pas pu être téléchargée",
        "en": "The letter could not be downloaded",
    }
    assert f"<h1>{title[lang]}</h1>" in html
    limit = {"fr": "20\xa0000 caractères au plus", "en": "at most 20,000 characters"}
    assert limit[lang] in html
    assert f'href="/{lang}/r/{CODE}/letter/"' in html


def test_a_body_over_djangos_own_limit_gets_the_same_413_not_a_generic_400(visitor):
    body = "letter=" + "x" * (3 * 1024 * 1024)  # over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
    response = visitor.post(url(), body, content_type=FORM, headers={"Sec-Fetch-Site": "none"})
    assert response.status_code == 413
    assert "at most 20,000 characters" in response.content.decode()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("letter=%E9t%E9", FORM),  # latin-1, not UTF-8
        ("letter=\xe9", FORM),  # a raw byte: urlencoded bodies are ASCII
        ("letter=caf%C3%A9", f"{FORM}; charset=iso-8859-1"),
        ("letter=a&letter=b", FORM),  # two letters: not our form
        ("text=a", FORM),  # no letter
        ("letter=a", "text/plain"),
        ("letter=a", "multipart/form-data; boundary=x"),
        ("&".join(["x=1"] * 50) + "&letter=a", FORM),  # not our form either
    ],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_body_that_is_not_our_forms_gets_a_clear_400(visitor, body, content_type, lang):
    headers = {"Sec-Fetch-Site": "same-origin"}
    response = visitor.post(
        url(lang), body.encode("latin-1"), content_type=content_type, headers=headers
    )
    assert response.status_code == 400
    message = {
        "fr": "La lettre n’est pas arrivée sous forme de texte lisible par ce site.",
        "en": "The letter did not arrive as text this site can read.",
    }
    assert message[lang] in response.content.decode()
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another subdomain is another site too
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},  # the browser knows
        {"Origin": "https://evil.example"},  # an older browser: Origin only
        {"Origin": "null"},  # a sandboxed frame, a data: URL
    ],
)
def test_another_site_cannot_make_a_visitor_download_its_text_under_our_name(visitor, headers):
    body = urlencode({"letter": "Dear victim, run this."})
    response = visitor.post(url(), body, content_type=FORM, headers=headers)
    assert response.status_code == 403
    html = response.content.decode()
    assert "This download works only from the letter page of this site." in html
    assert "Dear victim" not in html
    assert "Back button" not in html  # it would lead back to the other site


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},  # today's browsers
        {"Sec-Fetch-Site": "none"},  # the visitor's own action (a reload)
        {"Origin": "http://testserver"},  # Safari before 16.4
        {"Origin": "https://testserver"},  # behind a TLS proxy that hides the scheme
        {},  # a browser older still: sends neither
    ],
)
def test_a_browser_posting_from_our_page_gets_its_letter(visitor, headers):
    body = urlencode({"letter": "é"})
    response = visitor.post(url(), body, content_type=FORM, headers=headers)
    assert response.status_code == 200
    assert response.content == "é".encode()


def test_a_lenient_code_moves_the_post_with_its_body_and_a_forged_one_is_a_404(visitor):
    body = urlencode({"letter": "x"})
    headers = {"Sec-Fetch-Site": "same-origin"}
    moved = visitor.post(url(code=CODE.upper()), body, content_type=FORM, headers=headers)
    assert moved.status_code == 308  # not 301: the browser re-sends the letter, not a GET
    assert moved["Location"] == url()
    forged = visitor.post(url(code="24km050gx"), body, content_type=FORM, headers=headers)
    assert forged.status_code == 404


def test_get_still_downloads_the_generated_letter_and_stays_cacheable(client):
    response = client.get(url("fr"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME["fr"]}"'
    assert "Données de profil" in response.content.decode()
    assert "no-store" not in response["Cache-Control"] and "ETag" in response
    assert client.head(url()).status_code == 200


def test_letter_txt_is_the_only_public_address_that_takes_a_post():
    """csrf_exempt lets a view past the request guard's 405 for writes (web/middleware.py)."""
    from catalog.web import api
    from catalog.web import urls as pages

    exempt = [
        pattern.name
        for pattern in [*pages.urlpatterns, *api.urlpatterns]
        if getattr(pattern.callback, "csrf_exempt", False)
    ]
    assert exempt == ["result-letter-txt"]


def test_other_writes_to_letter_txt_are_refused(visitor):
    for method in (visitor.put, visitor.patch, visitor.delete):
        response = method(url(), "letter=x", content_type=FORM)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, POST"


def test_nothing_of_the_letter_reaches_a_log(visitor, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    post(visitor, TYPED)  # 200
    post(visitor, TYPED + "x" * MAX_CHARACTERS)  # 413, shown again
    post(visitor, TYPED + "\x00")  # 400, shown again
    post(visitor, TYPED, **{"Sec-Fetch-Site": "cross-site"})  # 403
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "letter.txt" in logged  # Django's warnings for the errors are there (path masked)
    assert CODE not in logged
    captured = capsys.readouterr()
    assert SECRET not in logged + captured.out + captured.err


FUZZ = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(
    body=st.binary(max_size=200),
    content_type=st.sampled_from([FORM, f"{FORM}; charset=utf-8", "text/plain", ""]),
)
def test_no_body_causes_a_server_error(body, content_type):
    response = Client().post(
        url(), b"letter=" + body, content_type=content_type, headers={"Sec-Fetch-Site": "none"}
    )
    assert response.status_code in (200, 400, 413)


@FUZZ
@given(text=st.text(st.characters(exclude_categories=["Cc", "Cs"]) | st.sampled_from("\t\n")))
def test_any_text_a_visitor_can_type_comes_back_unchanged(text):
    body = urlencode({"letter": text.replace("\n", "\r\n")})
    response = Client().post(url(), body, content_type=FORM, headers={"Sec-Fetch-Site": "none"})
    assert response.status_code == 200
    assert response.content.decode("utf-8") == text
