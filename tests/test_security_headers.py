"""Security headers (catalog/middleware.py and Django's settings) on every kind of response."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from catalog.web.middleware import PERMISSIONS_POLICY

ROOT = Path(__file__).resolve().parent.parent

# Pages, the API, health, and the error pages: every response carries the same protection.
URLS = [
    "/en/",
    "/fr/",
    "/en/sources/",
    "/en/categories/profile/",
    "/api/v1/categories",
    "/healthz",
    "/en/no-such-page/",  # 404
    "/fr/?" + "x" * 5000,  # 400 from the request guard
]


@pytest.fixture
def responses(client):
    return {url: client.get(url) for url in URLS}


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(responses):
    for url, response in responses.items():
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY, url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


@pytest.mark.django_db
def test_html_pages_also_deny_framing_to_old_browsers(client):
    assert client.get("/en/")["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_csp_allows_only_our_origin_and_nonced_scripts_with_no_inline_code(client):
    csp = client.get("/en/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self' 'nonce-[\w-]+'", directives["script-src"])
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


@pytest.mark.django_db
def test_every_script_in_a_page_carries_the_nonce_of_its_csp_header(client):
    response = client.get("/fr/")
    nonce = re.search(r"'nonce-([\w-]+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts, "base.html loads htmx"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag
        assert "src=" in tag  # external files only: no inline script


@pytest.mark.django_db
def test_two_responses_get_two_different_nonces(client):
    first, second = (client.get("/en/")["Content-Security-Policy"] for _ in range(2))
    assert first != second


def test_permissions_policy_denies_powerful_features_in_valid_syntax():
    members = [member.strip() for member in PERMISSIONS_POLICY.split(",")]
    # A structured-field dictionary whose members all have an empty allowlist.
    assert all(re.fullmatch(r"[a-z][a-z-]*=\(\)", member) for member in members), members
    features = {member.removesuffix("=()") for member in members}
    assert {"camera", "microphone", "geolocation", "interest-cohort", "payment"} <= features
    assert len(features) == len(members)


PRODUCTION_REQUESTS = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="example.org")
https = client.get("/healthz", secure=True)
http = client.get("/en/sources/")
health = client.get("/healthz")
print(json.dumps({
    "hsts": https.get("Strict-Transport-Security"),
    "http_status": http.status_code,
    "http_location": http.get("Location"),
    "health_status": health.status_code,
}))
"""


def test_production_mode_sends_hsts_and_redirects_plain_http_except_health_checks():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.org",
        DATABASE_URL="sqlite://:memory:",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUESTS], cwd=ROOT, env=env, capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()
    seen = json.loads(result.stdout)
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["http_status"] == 301
    assert seen["http_location"] == "https://example.org/en/sources/"
    assert seen["health_status"] == 200  # load balancers probe over plain http


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_browser_accepts_the_headers_and_runs_the_nonced_scripts(content, live_server, page):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(f"{live_server.url}/fr/")
    assert page.evaluate("typeof window.htmx") == "object"  # the nonced script ran
    page.goto(f"{live_server.url}/en/no-such-page/")
    header_errors = [
        text for text in problems if "Permissions-Policy" in text or "Content Security" in text
    ]
    assert header_errors == []
